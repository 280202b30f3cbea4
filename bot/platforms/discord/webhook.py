"""Post alerts through a Discord webhook URL: no bot, no gateway, no token in config.

Webhook sends do not inherit a client's allowed_mentions, so every send passes them explicitly.
A webhook has no nonce, so a retry after a crash can post twice; prefer the bot for exactly-once.
"""

from __future__ import annotations

import aiohttp
import discord

from bot.platforms.discord.sender import delivery_error
from bot.platforms.discord.embed import alert_embed, mentions_for
from bot.models import Alert
from bot.redact import register_secret


class DiscordWebhookDestination:
    """`url` is https://discord.com/api/webhooks/<id>/<token>; requests go to `[discord] api_base`."""

    def __init__(self, url: str, session: aiohttp.ClientSession, *, mention_role: str | None = None,
                 username: str | None = "newsbot"):
        self._webhook = discord.Webhook.from_url(url, session=session)  # ValueError on a bad URL
        # discord.py logs the request URL (…/webhooks/<id>/<token>) at DEBUG: have the log filter hide it.
        register_secret(self._webhook.token)
        self.mention_role = mention_role
        self.username = username

    def __repr__(self) -> str:  # never the URL: its token is a secret
        return f"DiscordWebhookDestination(id={self._webhook.id})"

    async def send(self, alert: Alert, nonce: str) -> str | None:
        content, allowed = mentions_for(self.mention_role or alert.topic.mention_role)
        try:
            message = await self._webhook.send(
                content=content or discord.utils.MISSING,
                embed=alert_embed(alert),
                username=self.username or discord.utils.MISSING,
                allowed_mentions=allowed,
                wait=True,
            )
        except Exception as exc:
            raise delivery_error(exc, f"discord webhook {self._webhook.id}") from None
        return str(message.id)
