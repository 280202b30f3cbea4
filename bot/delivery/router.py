"""Destination strings ("discord:123", "slack:C1", "webhook:n8n", "apprise:...", "console") -> senders.

A destination this process cannot serve (its front end is disabled here) resolves to None and its
outbox rows simply wait, for a process that can.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.delivery.base import Destination
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
        try:
            built = self._build(destination)
        except Exception as e:   # a misconfigured route must not take the outbox down
            log.error("cannot build destination %s: %s", destination.split(":", 1)[0], redact(str(e)))
            return None
        if built is not None:
            self._cache[destination] = built
        return built

    def _build(self, destination: str) -> Destination | None:
        kind, _, rest = destination.partition(":")
        if kind == "console":
            from bot.delivery.console import ConsoleDestination

            return ConsoleDestination(self.console)
        if kind == "discord":
            if self.discord_client is None:
                return None
            from bot.delivery.discord import DiscordDestination

            return DiscordDestination(self.discord_client, int(rest))   # the role comes with each alert's topic
        if kind == "slack":
            if self.slack_client is None:
                return None
            from bot.delivery.slack import SlackDestination

            return SlackDestination(self.slack_client, rest)
        if kind == "webhook":
            hook = next((w for w in self.settings.webhooks if w.name == rest), None)
            if hook is None:
                log.error("no [[webhooks]] entry named %r", rest)
                return None
            from bot.delivery.webhook import webhook_destination

            dest = webhook_destination(hook)
            self._closers.append(dest)
            return dest
        if kind == "apprise":
            from bot.delivery.apprise_dest import AppriseDestination

            return AppriseDestination(rest)
        log.error("unknown destination %r", destination)
        return None

    async def close(self) -> None:
        for c in self._closers:
            close = getattr(c, "close", None)
            if close is not None:
                try:
                    await close()
                except Exception:
                    log.debug("closing %r failed", c, exc_info=True)
