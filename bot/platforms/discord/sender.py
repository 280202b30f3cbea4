"""Post alerts to a Discord channel through the bot's REST connection, exactly once per nonce.

Works in the running bot and in a process that only logged in over REST (`await client.login`),
because it goes through `get_partial_messageable`, which needs no gateway cache.
"""

from __future__ import annotations

import asyncio
import logging

import aiohttp
import discord

from bot.delivery.base import DeliveryError, kind_for_status
from bot.platforms.discord.embed import alert_embed, discord_nonce, mentions_for
from bot.delivery.budget import DISCORD_PER_SECOND
from bot.delivery.pace import pace_for
from bot.models import Alert

log = logging.getLogger(__name__)
MAX_PER_SECOND = DISCORD_PER_SECOND   # this process's own pace; the outbox also keeps the shared budget


def delivery_error(exc: Exception, where: str) -> DeliveryError:
    """Classify a discord.py failure for the outbox (the reason never contains the token)."""
    if isinstance(exc, discord.RateLimited):
        return DeliveryError(f"{where}: rate limited for {exc.retry_after:.0f}s", kind="retry",
                             retry_after_s=exc.retry_after)
    if isinstance(exc, discord.HTTPException):
        kind = kind_for_status(exc.status)
        text = (exc.text or "").strip()[:200]
        return DeliveryError(f"{where}: HTTP {exc.status}{' ' + text if text else ''}", kind=kind)
    if isinstance(exc, (aiohttp.ClientError, asyncio.TimeoutError, OSError)):
        return DeliveryError(f"{where}: connection failed ({type(exc).__name__})", kind="retry")
    return DeliveryError(f"{where}: {type(exc).__name__}", kind="retry")


class DiscordDestination:
    """One channel (destination "discord:<channel id>"); `mention_role` is the only ping allowed."""

    def __init__(self, client: discord.Client, channel_id: int | str, mention_role: str | None = None,
                 *, max_per_second: float = MAX_PER_SECOND):
        self.client = client
        self._pace = pace_for(client, max_per_second)
        self.channel_id = int(channel_id)
        self.mention_role = mention_role

    def __repr__(self) -> str:
        return f"DiscordDestination(channel={self.channel_id})"

    async def send(self, alert: Alert, nonce: str) -> str | None:
        if self.client.http.token is None:
            # Not logged in yet: without a token Discord would answer 401 and the route would pause.
            raise DeliveryError("discord client is not logged in yet", kind="retry", retry_after_s=5.0)
        content, allowed = mentions_for(self.mention_role or alert.topic.mention_role)
        channel = self.client.get_partial_messageable(self.channel_id)
        await self._pace.wait()
        try:
            message = await channel.send(
                content=content,
                embed=alert_embed(alert),
                allowed_mentions=allowed,
                nonce=discord_nonce(nonce),  # discord.py adds enforce_nonce=True
            )
        except Exception as exc:  # classified, never swallowed
            raise delivery_error(exc, f"discord channel {self.channel_id}") from None
        return str(message.id)
