"""Runs every doctor check that applies to a configuration, in the order a fix is best made."""

from __future__ import annotations

from bot.models import Feed
from bot.ops.doctor.checks import Check
from bot.ops.doctor.core import check_database, check_feeds
from bot.runtime import feeds_from_settings
from bot.settings import Settings


async def chat_feeds(settings: Settings, known: set[str]) -> list[Feed]:
    """Feeds servers and workspaces added from chat (they are in the database, not the file)."""
    from bot.store import Store

    store = await Store.open(settings.database.url)
    try:
        return [f for f in await store.list_feeds() if f.enabled and f.guild is not None and f.url not in known]
    finally:
        await store.close()


def destinations(settings: Settings, kind: str) -> list[str]:
    """The channel ids of one kind that the config's topics route to, in first-seen order."""
    seen = dict.fromkeys(d.split(":", 1)[1] for t in settings.topics for d in t.channels if d.startswith(kind + ":"))
    return list(seen)


async def run_checks(settings: Settings) -> list[Check]:
    rows = await check_database(settings)
    feeds = feeds_from_settings(settings)
    if all(r.ok for r in rows):
        feeds += await chat_feeds(settings, {f.url for f in feeds})
    rows += await check_feeds(settings, feeds)
    if settings.discord.enabled:
        from bot.platforms.discord.doctor import check_discord

        rows += await check_discord(settings, [int(c) for c in destinations(settings, "discord")])
    if settings.slack.enabled:
        from bot.platforms.slack.doctor import check_slack

        rows += await check_slack(settings, destinations(settings, "slack"))
    return rows
