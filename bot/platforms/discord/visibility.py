"""Autocomplete of topic names: only the ones this server may use (the config file's and its own)."""

from __future__ import annotations

import discord
from discord import app_commands

from bot.app import topics
from bot.platforms.discord.checks import caller_of


async def topic_choices(interaction: discord.Interaction, current: str) -> list[app_commands.Choice[str]]:
    """Visible topic names containing what was typed so far (25 at most)."""
    bot = interaction.client
    needle = current.casefold()
    visible = await topics.visible_topics(bot.ctx, caller_of(interaction, bot.settings))  # type: ignore[attr-defined]
    names = [t.name for t in visible if needle in t.name.casefold()]
    return [app_commands.Choice(name=n[:100], value=n[:100]) for n in names[:25]]
