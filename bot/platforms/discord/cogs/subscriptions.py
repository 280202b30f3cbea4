"""/subscribe and /unsubscribe: route a topic's alerts to a channel of this server."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import subscriptions
from bot.platforms.discord import messages
from bot.platforms.discord.checks import caller_of, require_manager
from bot.platforms.discord.replies import Reply, answer
from bot.platforms.discord.visibility import topic_choices

Channel = discord.TextChannel | discord.Thread


def _destination(channel: Channel | None) -> str | None:
    return f"discord:{channel.id}" if channel is not None else None   # None: where the command was typed


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
            done = await subscriptions.subscribe(self.bot.ctx, caller_of(interaction, self.bot.settings), topic,
                                                 _destination(channel))
            return Reply(messages.message_text(done))

        await answer(interaction, work(), within_s=self.bot.answer_within_s, ephemeral=True)

    @app_commands.command(name="unsubscribe", description="Stop posting a topic's alerts in a channel (needs Manage Server)")
    @app_commands.describe(topic="Topic name", channel="Channel (default: this one)")
    @app_commands.autocomplete(topic=topic_choices)
    @app_commands.default_permissions(manage_guild=True)
    @app_commands.guild_only()
    async def unsubscribe(self, interaction: discord.Interaction, topic: str, channel: Channel | None = None) -> None:
        require_manager(interaction)

        async def work() -> Reply:
            done = await subscriptions.unsubscribe(self.bot.ctx, caller_of(interaction, self.bot.settings), topic,
                                                   _destination(channel))
            return Reply(messages.message_text(done))

        await answer(interaction, work(), within_s=self.bot.answer_within_s, ephemeral=True)
