"""/claims and /recent: read-only answers from the stored claims, open to every member."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot.app import claims as reads
from bot.app.durations import parse_since
from bot.platforms import charts
from bot.platforms.discord import messages
from bot.platforms.discord.checks import caller_of
from bot.platforms.discord.replies import Reply, answer
from bot.platforms.discord.visibility import topic_choices


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
        window = parse_since(since) if since else None
        caller = caller_of(interaction, self.bot.settings)
        groups = await reads.claims(self.bot.ctx, caller, topic=topic, what=what, since=window)
        text = messages.claims_text(groups, topic, since)
        png = await self._chart(groups, topic)
        return Reply(text, png=png, filename="claims.png")

    @staticmethod
    async def _chart(groups, topic) -> bytes | None:
        drawn = await charts.chart_png(groups, lambda what: f"{topic or 'Claims'}: {what}  (hollow = approximate)")
        return drawn[1] if drawn else None

    @app_commands.command(name="recent", description="The newest alerts with their figures")
    @app_commands.describe(topic="Topic name (all topics if empty)", limit="How many (1-20)")
    @app_commands.autocomplete(topic=topic_choices)
    async def recent(self, interaction: discord.Interaction, topic: str | None = None,
                     limit: app_commands.Range[int, 1, 20] = 5) -> None:
        await answer(interaction, self._recent(interaction, topic, limit), within_s=self.bot.answer_within_s)

    async def _recent(self, interaction, topic, limit) -> Reply:
        caller = caller_of(interaction, self.bot.settings)
        alerts = await reads.recent(self.bot.ctx, caller, topic=topic, limit=limit)
        return Reply(messages.alerts_text(alerts, topic))
