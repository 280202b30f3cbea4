"""/feeds list|add|remove|status: the feeds this server reads; changing them needs Manage Server."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import feeds
from bot.platforms.discord import messages
from bot.platforms.discord.checks import caller_of, require_manager
from bot.platforms.discord.replies import Reply, answer


@app_commands.guild_only()
class FeedsCog(commands.GroupCog, group_name="feeds", group_description="Feeds: list, add, remove, status"):
    def __init__(self, bot) -> None:
        self.bot = bot
        super().__init__()

    def _caller(self, interaction: discord.Interaction):
        return caller_of(interaction, self.bot.settings)

    @app_commands.command(name="list", description="Feeds this server reads")
    async def list_(self, interaction: discord.Interaction) -> None:
        async def work() -> Reply:
            return Reply(messages.feeds_text(await feeds.visible_feeds(self.bot.ctx, self._caller(interaction))))

        await answer(interaction, work(), within_s=self.bot.answer_within_s)

    @app_commands.command(name="status", description="Last fetch, next check, errors of each feed; paused routes")
    async def status(self, interaction: discord.Interaction) -> None:
        async def work() -> Reply:
            status = await feeds.feeds_status(self.bot.ctx, self._caller(interaction))
            return Reply(messages.feeds_status_text(status))

        await answer(interaction, work(), within_s=self.bot.answer_within_s)

    @app_commands.command(name="add", description="Read a new RSS/Atom feed (needs Manage Server)")
    @app_commands.describe(url="Feed address (http or https)", name="Display name (default: the host)")
    async def add(self, interaction: discord.Interaction, url: app_commands.Range[str, 1, 2000],
                  name: app_commands.Range[str, 1, 100] | None = None) -> None:
        require_manager(interaction)

        async def work() -> Reply:
            done = await feeds.add_feed(self.bot.ctx, self._caller(interaction), url, name)
            return Reply(messages.message_text(done))

        await answer(interaction, work(), within_s=self.bot.answer_within_s, ephemeral=True)

    @app_commands.command(name="remove", description="Stop reading one of this server's feeds (needs Manage Server)")
    @app_commands.describe(url="The feed address as shown by /feeds list")
    async def remove(self, interaction: discord.Interaction, url: app_commands.Range[str, 1, 2000]) -> None:
        require_manager(interaction)

        async def work() -> Reply:
            return Reply(messages.message_text(await feeds.remove_feed(self.bot.ctx, self._caller(interaction), url)))

        await answer(interaction, work(), within_s=self.bot.answer_within_s, ephemeral=True)
