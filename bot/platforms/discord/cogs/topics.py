"""/topics list|add|remove|test: watch topics; changing them needs Manage Server in that server."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import topics
from bot.app.errors import Refused
from bot.app.topic_test import test_topic
from bot.platforms.discord import messages
from bot.platforms.discord.checks import caller_of, require_manager
from bot.platforms.discord.replies import Reply, answer
from bot.platforms.discord.visibility import topic_choices


@app_commands.guild_only()
class TopicsCog(commands.GroupCog, group_name="topics", group_description="Watch topics: list, add, remove, test"):
    def __init__(self, bot) -> None:
        self.bot = bot
        super().__init__()

    def _caller(self, interaction: discord.Interaction):
        return caller_of(interaction, self.bot.settings)

    @app_commands.command(name="list", description="Topics this server watches, with their queries and channels")
    async def list_(self, interaction: discord.Interaction) -> None:
        async def work() -> Reply:
            return Reply(messages.topics_text(await topics.visible_topics(self.bot.ctx, self._caller(interaction))))

        await answer(interaction, work(), within_s=self.bot.answer_within_s)

    @app_commands.command(name="add", description="Add a topic, alerting in this channel (needs Manage Server)")
    @app_commands.describe(name="Short name, e.g. nk-troops",
                           query='Topic query, e.g. "north korea*" AND (troops OR soldiers)',
                           mention_role="A role to ping with each alert (the only ping allowed)")
    async def add(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 100],
                  query: app_commands.Range[str, 1, 1000], mention_role: discord.Role | None = None) -> None:
        require_manager(interaction)

        async def work() -> Reply:
            if mention_role is not None and mention_role.is_default():
                raise Refused("@everyone cannot be the alert role; pick a role people opted into.")
            done = await topics.add_topic(self.bot.ctx, self._caller(interaction), name, query,
                                          mention_role=str(mention_role.id) if mention_role else None)
            return Reply(messages.message_text(done))

        await answer(interaction, work(), within_s=self.bot.answer_within_s, ephemeral=True)

    @app_commands.command(name="remove", description="Remove one of this server's topics (needs Manage Server)")
    @app_commands.autocomplete(name=topic_choices)
    async def remove(self, interaction: discord.Interaction, name: str) -> None:
        require_manager(interaction)

        async def work() -> Reply:
            return Reply(messages.message_text(await topics.remove_topic(self.bot.ctx, self._caller(interaction), name)))

        await answer(interaction, work(), within_s=self.bot.answer_within_s, ephemeral=True)

    @app_commands.command(name="test", description="Dry-run a query on recent entries: what would match, and why")
    @app_commands.describe(query="Topic query to try")
    async def test(self, interaction: discord.Interaction, query: app_commands.Range[str, 1, 1000]) -> None:
        async def work() -> Reply:
            return Reply(messages.topic_test_text(await test_topic(self.bot.ctx, self._caller(interaction), query)))

        await answer(interaction, work(), within_s=self.bot.answer_within_s)
