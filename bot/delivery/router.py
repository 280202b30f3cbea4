"""Destination strings ("discord:123", "slack:C1", "webhook:n8n", "apprise:...", "console") -> senders.

The kinds and how each sender is built live in `bot.platforms.registry`; the router only caches them.
A destination this process cannot serve (its front end is disabled here) resolves to None and its
outbox rows simply wait, for a process that can.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.delivery.base import Destination
from bot.platforms import registry
from bot.redact import redact
from bot.settings import Settings

log = logging.getLogger(__name__)


class Router:
    def __init__(self, settings: Settings, *, console: Any = None, discord_client: Any = None,
                 slack_client: Any = None):
        self.settings = settings
        self.console = console
        self.discord_client = discord_client
        self.slack_client = slack_client
        self._cache: dict[str, Destination | None] = {}
        self._closers: list[Any] = []

    def get(self, destination: str) -> Destination | None:
        """The sender for a destination; None (not cached) while this process cannot serve it yet."""
        cached = self._cache.get(destination)
        if cached is not None:
            return cached
        parsed = registry.parse(destination)
        if parsed is None:
            log.error("unknown destination %r", redact(destination))
            return None
        kind, rest = parsed
        try:
            built = kind.build(rest, self)
        except Exception as e:   # a misconfigured route must not take the outbox down
            log.error("cannot build destination %s: %s", kind.name, redact(str(e)))
            return None
        if built is not None:
            self._cache[destination] = built
        return built

    def keep_for_closing(self, sender: Any) -> None:
        self._closers.append(sender)

    async def close(self) -> None:
        for c in self._closers:
            close = getattr(c, "close", None)
            if close is not None:
                try:
                    await close()
                except Exception:
                    log.debug("closing %r failed", c, exc_info=True)
