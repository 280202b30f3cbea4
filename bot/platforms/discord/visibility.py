"""What a server may see: topics and feeds from the config file plus its own, never another server's."""

from __future__ import annotations

from typing import Any

import discord
from discord import app_commands

from bot.platforms.discord.checks import visible_guild
from bot.platforms.discord.errors import UserError
from bot.models import Feed, Topic


async def visible_topics(store: Any, guild: str | None) -> list[Topic]:
    return [t for t in await store.list_topics(None) if t.guild is None or t.guild == guild]


async def visible_feeds(store: Any, guild: str | None) -> list[Feed]:
    return [f for f in await store.list_feeds(None) if f.guild is None or f.guild == guild]


async def visible_topic(store: Any, interaction: discord.Interaction, name: str) -> Topic:
    """The named topic if this server may use it; otherwise a readable UserError."""
    for t in await visible_topics(store, visible_guild(interaction)):
        if t.name == name:
            return t
    raise UserError(f"There is no topic named “{name[:100]}”. `/topics list` shows them.")


async def topic_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Autocomplete: visible topic names containing what was typed so far (25 at most)."""
    store = interaction.client.store  # type: ignore[attr-defined]
    needle = current.casefold()
    names = [t.name for t in await visible_topics(store, visible_guild(interaction)) if needle in t.name.casefold()]
    return [app_commands.Choice(name=n[:100], value=n[:100]) for n in names[:25]]
