"""/topics list|add|remove|test: watch topics; changing them needs Manage Server in that server."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.platforms.discord import messages
from bot.platforms.discord.checks import require_manager, visible_guild
from bot.platforms.discord.errors import UserError
from bot.platforms.discord.replies import Reply, answer
from bot.platforms.discord.visibility import topic_choices, visible_topics
from bot.models import Topic

TEST_SCAN = 300


def compiled(query: str):
    """The compiled topic query, or a UserError pointing at the column that is wrong."""
    from bot.analysis.topics.query import QueryError, compile_query

    try:
        return compile_query(query)
    except QueryError as exc:  # its message ends "at column N"
        raise UserError(f"That query does not parse: {messages.esc(str(exc), 300)}") from None


@app_commands.guild_only()
class TopicsCog(commands.GroupCog, group_name="topics", group_description="Watch topics: list, add, remove, test"):
    def __init__(self, bot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="list", description="Topics this server watches, with their queries and channels")
    async def list_(self, interaction: discord.Interaction) -> None:
        async def work() -> Reply:
            return Reply(messages.topics_text(await visible_topics(self.bot.store, visible_guild(interaction))))

        await answer(interaction, work(), within_s=self.bot.answer_within_s)

    @app_commands.command(name="add", description="Add a topic (needs Manage Server)")
    @app_commands.describe(name="Short name, e.g. nk-troops",
                           query='Topic query, e.g. "north korea*" AND (troops OR soldiers)',
                           mention_role="A role to ping with each alert (the only ping allowed)")
    async def add(self, interaction: discord.Interaction, name: app_commands.Range[str, 1, 100],
                  query: app_commands.Range[str, 1, 1000], mention_role: discord.Role | None = None) -> None:
        guild = require_manager(interaction)
        await answer(interaction, self._add(guild, name.strip(), query, mention_role),
                     within_s=self.bot.answer_within_s, ephemeral=True)

    async def _add(self, guild: str, name: str, query: str, role: discord.Role | None) -> Reply:
        store = self.bot.store
        compiled(query)
        if role is not None and role.is_default():
            raise UserError("@everyone cannot be the alert role; pick a role people opted into.")
        existing = await store.get_topic(name)
        if existing is not None and existing.guild != guild:
            raise UserError(f"A topic named “{messages.esc(name, 100)}” already exists and is not this server's; "
                            "pick another name.")
        if existing is None:
            limit = self.bot.settings.discord.max_topics_per_guild
            if len(await store.list_topics(guild)) >= limit:
                raise UserError(f"This server already has {limit} topics, the most allowed. Remove one first.")
        await store.add_topic(Topic(name=name, query=query, mention_role=str(role.id) if role else None, guild=guild))
        verb = "Updated" if existing else "Added"
        return Reply(f"{verb} topic **{messages.esc(name, 100)}**. Route it to a channel with `/subscribe`.")

    @app_commands.command(name="remove", description="Remove one of this server's topics (needs Manage Server)")
    @app_commands.autocomplete(name=topic_choices)
    async def remove(self, interaction: discord.Interaction, name: str) -> None:
        guild = require_manager(interaction)

        async def work() -> Reply:
            if not await self.bot.store.remove_topic(name, guild=guild):
                raise UserError(f"This server has no topic named “{messages.esc(name, 100)}” "
                                "(topics from the config file are changed there).")
            return Reply(f"Removed topic **{messages.esc(name, 100)}** and its alerts.")

        await answer(interaction, work(), within_s=self.bot.answer_within_s, ephemeral=True)

    @app_commands.command(name="test", description="Dry-run a query on recent entries: what would match, and why")
    @app_commands.describe(query="Topic query to try")
    async def test(self, interaction: discord.Interaction, query: app_commands.Range[str, 1, 1000]) -> None:
        async def work() -> Reply:
            cq = compiled(query)
            entries = await self.bot.store.recent_entries(limit=TEST_SCAN)
            hits = []
            for e in entries:
                why = cq.match(e.title, e.text)
                if why:
                    hits.append((e, why))
            return Reply(messages.topic_test_text(query, hits, len(entries)))

        await answer(interaction, work(), within_s=self.bot.answer_within_s)
