"""Counting 429s where the libraries wait them out themselves (discord.py, slack-sdk, our webhooks).

An aiohttp TraceConfig sees every response on a session, including those a retry handler answers
silently, so `newsbot_rate_limited_total{peer=...}` counts what the peer really said.
"""

from __future__ import annotations

import aiohttp

from bot.ops import metrics


def rate_limit_trace(peer: str) -> aiohttp.TraceConfig:
    child = metrics.RATE_LIMITED.labels(peer)

    async def on_end(session, context, params: aiohttp.TraceRequestEndParams) -> None:
        if params.response.status == 429:
            child.inc()

    trace = aiohttp.TraceConfig()
    trace.on_request_end.append(on_end)
    trace.freeze()
    return trace
