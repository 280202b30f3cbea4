"""Helpers for the operator endpoints: a runtime's parts around a given store, the ops server on port 0."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

import aiohttp

from bot.ops.loop_lag import LoopLagMonitor
from bot.ops.server import OpsServer
from bot.runtime import Runtime


@contextlib.asynccontextmanager
async def ops_server(rt: Runtime) -> AsyncIterator[str]:
    """The ops server for `rt` on a free loopback port; yields its base URL."""
    lag = LoopLagMonitor(every_s=0.05)
    lag.start()
    server = OpsServer(rt, host="127.0.0.1", port=0, lag=lag)
    port = await server.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        await server.stop()
        await lag.stop()


async def get(url: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as s, s.get(url) as resp:
        return resp.status, await resp.text()


def sample(text: str, name: str, **labels: str) -> float:
    """The value of one sample in Prometheus text (0 when absent)."""
    from prometheus_client.parser import text_string_to_metric_families

    for family in text_string_to_metric_families(text):
        for s in family.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                return s.value
    return 0.0
