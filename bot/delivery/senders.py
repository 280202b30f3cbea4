"""The chat clients a delivering process sends alerts through, without the front ends: Discord over
REST only (no gateway) and Slack's Web API. Every delivering process has its own; only one process
holds the gateway or socket (bot/cluster/frontends.py)."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator
from typing import Any


@contextlib.asynccontextmanager
async def chat_senders(settings: Any, router: Any) -> AsyncIterator[None]:
    """Give the router its Discord and Slack clients for as long as the block runs."""
    async with contextlib.AsyncExitStack() as stack:
        if settings.slack.enabled:
            from bot.platforms.slack.client import make_client

            router.slack_client = make_client(settings)
        if settings.discord.enabled:
            from bot.platforms.discord.client import rest_client

            router.discord_client = await stack.enter_async_context(rest_client(settings))
        yield
