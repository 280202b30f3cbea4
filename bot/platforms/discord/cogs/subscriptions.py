"""/subscribe and /unsubscribe: route a topic's alerts to a channel of this server."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.platforms.discord import messages
from bot.platforms.discord.checks import require_manager
from bot.platforms.discord.errors import UserError
from bot.platforms.discord.replies import Reply, answer
from bot.platforms.discord.visibility import topic_choices, visible_topic

Channel = discord.TextChannel | discord.Thread


def _destination(interaction: discord.Interaction, channel: Channel | None) -> tuple[str, int]:
    cid = channel.id if channel is not None else interaction.channel_id
    if cid is None:
        raise UserError("Name a channel.")
    return f"discord:{cid}", cid


class SubscriptionsCog(commands.Cog):
    def __init__(self, bot) -> None:
        self.bot = bot

    @app_commands.command(name="subscribe", description="Post a topic's alerts in a channel (needs Manage Server)")
    @app_commands.describe(topic="Topic name", channel="Channel for the alerts (default: this one)")
    @app_commands.autocomplete(topic=topic_choices)
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def subscribe(self, interaction: discord.Interaction, topic: str, channel: Channel | None = None) -> None:
        require_manager(interaction)

        async def work() -> Reply:
            t = await visible_topic(self.bot.store, interaction, topic)
            dest, cid = _destination(interaction, channel)
            store = self.bot.store
            await store.subscribe(t.name, dest)
            was_paused = any(s.paused_reason for s in await store.list_subscriptions(t.name) if s.destination == dest)
            if was_paused:  # paused after a 401/403/404: subscribing again means "it is fixed, try again"
                await store.resume_destination(dest)
            verb = "Resumed: alerts" if was_paused else "Alerts"
            return Reply(f"{verb} for **{messages.esc(t.name, 100)}** will be posted in <#{cid}>.")

        await answer(interaction, work(), within_s=self.bot.answer_within_s, ephemeral=True)

    @app_commands.command(name="unsubscribe", description="Stop posting a topic's alerts in a channel (needs Manage Server)")
    @app_commands.describe(topic="Topic name", channel="Channel (default: this one)")
    @app_commands.autocomplete(topic=topic_choices)
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def unsubscribe(self, interaction: discord.Interaction, topic: str, channel: Channel | None = None) -> None:
        require_manager(interaction)

        async def work() -> Reply:
            t = await visible_topic(self.bot.store, interaction, topic)
            dest, cid = _destination(interaction, channel)
            if not await self.bot.store.unsubscribe(t.name, dest):
                raise UserError(f"<#{cid}> does not receive **{messages.esc(t.name, 100)}**.")
            return Reply(f"<#{cid}> will no longer receive **{messages.esc(t.name, 100)}**.")

        await answer(interaction, work(), within_s=self.bot.answer_within_s, ephemeral=True)
