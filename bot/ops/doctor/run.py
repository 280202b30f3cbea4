"""Runs every doctor check that applies to a configuration, in the order a fix is best made."""

from __future__ import annotations

from bot.ops.doctor.checks import Check
from bot.ops.doctor.core import check_database, check_feeds
from bot.runtime import feeds_from_settings
from bot.settings import Settings


def destinations(settings: Settings, kind: str) -> list[str]:
    """The channel ids of one kind that the config's topics route to, in first-seen order."""
    seen = dict.fromkeys(d.split(":", 1)[1] for t in settings.topics for d in t.channels if d.startswith(kind + ":"))
    return list(seen)


async def run_checks(settings: Settings) -> list[Check]:
    rows = await check_database(settings)
    rows += await check_feeds(settings, feeds_from_settings(settings))
    if settings.discord.enabled:
        from bot.platforms.discord.doctor import check_discord

        rows += await check_discord(settings, [int(c) for c in destinations(settings, "discord")])
    if settings.slack.enabled:
        from bot.platforms.slack.doctor import check_slack

        rows += await check_slack(settings, destinations(settings, "slack"))
    return rows
