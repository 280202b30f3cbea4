"""/feeds list|add|remove|status: the feeds this server reads; changing them needs Manage Server."""

from __future__ import annotations

import discord
from discord import app_commands
from discord.ext import commands

from bot import queries
from bot.platforms.discord import messages
from bot.platforms.discord.checks import require_manager, visible_guild
from bot.platforms.discord.errors import UserError
from bot.platforms.discord.replies import Reply, answer
from bot.platforms.discord.visibility import visible_feeds, visible_topics
from bot.models import Feed


def checked_url(url: str, *, allow_private: bool) -> str:
    """Refuse non-http(s) URLs and private IP literals now; host names are re-checked at every fetch."""
    from bot.reader.addresses import check_host, check_url
    from bot.reader.errors import FetchError
    from yarl import URL

    url = url.strip()
    try:
        check_url(url)
        check_host(URL(url).host or "", allow_private=allow_private)
    except FetchError as exc:
        raise UserError(f"That feed URL cannot be used: {messages.esc(exc.reason, 300)}") from None
    return url


@app_commands.guild_only()
class FeedsCog(commands.GroupCog, group_name="feeds", group_description="Feeds: list, add, remove, status"):
    def __init__(self, bot) -> None:
        self.bot = bot
        super().__init__()

    @app_commands.command(name="list", description="Feeds this server reads")
    async def list_(self, interaction: discord.Interaction) -> None:
        async def work() -> Reply:
            return Reply(messages.feeds_text(await visible_feeds(self.bot.store, visible_guild(interaction))))

        await answer(interaction, work(), within_s=self.bot.answer_within_s)

    @app_commands.command(name="status", description="Last fetch, next check, errors of each feed; paused routes")
    async def status(self, interaction: discord.Interaction) -> None:
        async def work() -> Reply:
            guild = visible_guild(interaction)
            store = self.bot.store
            rows = [s for s in await queries.feeds_status(store, None) if s.guild is None or s.guild == guild]
            mine = {t.name for t in await visible_topics(store, guild)}
            paused = [s for s in await store.list_subscriptions() if s.paused_reason and s.topic in mine]
            return Reply(messages.feeds_status_text(rows, paused))

        await answer(interaction, work(), within_s=self.bot.answer_within_s)

    @app_commands.command(name="add", description="Read a new RSS/Atom feed (needs Manage Server)")
    @app_commands.describe(url="Feed address (http or https)", name="Display name (default: the host)")
    async def add(self, interaction: discord.Interaction, url: app_commands.Range[str, 1, 2000],
                  name: app_commands.Range[str, 1, 100] | None = None) -> None:
        guild = require_manager(interaction)
        await answer(interaction, self._add(guild, url, name), within_s=self.bot.answer_within_s, ephemeral=True)

    async def _add(self, guild: str, url: str, name: str | None) -> Reply:
        from yarl import URL

        store = self.bot.store
        url = checked_url(url, allow_private=self.bot.settings.fetch.allow_private_addresses)
        if any(f.url == url for f in await store.list_feeds(None)):
            raise UserError("That feed is already being read.")
        limit = self.bot.settings.discord.max_feeds_per_guild
        if await store.count_feeds(guild) >= limit:
            raise UserError(f"This server already has {limit} feeds, the most allowed. Remove one first.")
        label = (name or "").strip() or (URL(url).host or url)
        feed = await store.add_feed(Feed(url=url, name=label, guild=guild))
        return Reply(f"Added feed **{messages.esc(feed.name, 100)}** {messages.link(feed.url)}; "
                     "its current entries are not alerted, only new ones.")

    @app_commands.command(name="remove", description="Stop reading one of this server's feeds (needs Manage Server)")
    @app_commands.describe(url="The feed address as shown by /feeds list")
    async def remove(self, interaction: discord.Interaction, url: app_commands.Range[str, 1, 2000]) -> None:
        guild = require_manager(interaction)

        async def work() -> Reply:
            if not await self.bot.store.remove_feed(url.strip(), guild=guild):
                raise UserError("This server has no such feed (feeds from the config file are changed there).")
            return Reply("Removed the feed and its entries.")

        await answer(interaction, work(), within_s=self.bot.answer_within_s, ephemeral=True)
