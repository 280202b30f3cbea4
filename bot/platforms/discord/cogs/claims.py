"""/claims and /recent: read-only answers from the stored claims, open to every member."""

from __future__ import annotations

import asyncio

import discord
from discord import app_commands
from discord.ext import commands

from bot import queries
from bot.platforms.discord import messages
from bot.platforms.discord.errors import UserError
from bot.platforms.discord.replies import Reply, answer
from bot.platforms.discord.visibility import topic_choices, visible_topic


class ClaimsCog(commands.Cog):
    def __init__(self, bot) -> None:
        self.bot = bot

    @app_commands.command(name="claims", description="Figures claimed about a topic, grouped by what they count")
    @app_commands.describe(topic="Topic name (all topics if empty)", what="Only this quantity, e.g. soldiers",
                           since="How far back, e.g. 12h, 7d, 2w")
    @app_commands.autocomplete(topic=topic_choices)
    async def claims(self, interaction: discord.Interaction, topic: str | None = None,
                     what: app_commands.Range[str, 1, 100] | None = None,
                     since: app_commands.Range[str, 1, 20] | None = None) -> None:
        await answer(interaction, self._claims(interaction, topic, what, since), within_s=self.bot.answer_within_s)

    async def _claims(self, interaction, topic, what, since) -> Reply:
        try:
            window = queries.parse_since(since) if since else None
        except ValueError as exc:
            raise UserError(str(exc)) from None
        if topic:
            await visible_topic(self.bot.store, interaction, topic)
        groups = await queries.claims(self.bot.store, topic=topic, what=what, since=window)
        text = messages.claims_text(groups, topic, since)
        png = await self._chart(groups, topic)
        return Reply(text, png=png, filename="claims.png")

    async def _chart(self, groups, topic) -> bytes | None:
        from bot.platforms.charts import chart_group, claims_chart

        group = chart_group(groups)
        if group is None:
            return None
        title = f"{topic}: {group.what}" if topic else f"Claims: {group.what}"
        return await asyncio.to_thread(claims_chart, group, title + "  (hollow = approximate)")

    @app_commands.command(name="recent", description="The newest alerts with their figures")
    @app_commands.describe(topic="Topic name (all topics if empty)", limit="How many (1-20)")
    @app_commands.autocomplete(topic=topic_choices)
    async def recent(self, interaction: discord.Interaction, topic: str | None = None,
                     limit: app_commands.Range[int, 1, 20] = 5) -> None:
        await answer(interaction, self._recent(interaction, topic, limit), within_s=self.bot.answer_within_s)

    async def _recent(self, interaction, topic, limit) -> Reply:
        if topic:
            await visible_topic(self.bot.store, interaction, topic)
        alerts = await queries.recent(self.bot.store, topic=topic, limit=limit)
        return Reply(messages.alerts_text(alerts, topic))
