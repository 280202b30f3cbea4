"""Where discord.py sends REST calls and opens the gateway: Discord itself, a proxy, or a test fake."""

from __future__ import annotations

import discord
import yarl

DISCORD_API = "https://discord.com/api/v10"


def point_discord_at(api_base: str | None = None, gateway_url: str | None = None) -> None:
    """Set discord.py's REST base and gateway URL (process-wide class attributes).

    `api_base` covers bot REST calls and webhook sends alike (webhooks are addressed by id and
    token, so a discord.com webhook URL is sent to this base). `gateway_url` None keeps the
    gateway discord.py would use anyway.
    """
    discord.http.Route.BASE = (api_base or DISCORD_API).rstrip("/")
    discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(gateway_url or "wss://gateway.discord.gg/")
