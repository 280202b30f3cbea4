"""The chat front ends one `newsbot run` process starts, and which of them only one process may hold.

Discord allows one gateway session per bot here (several would each receive every slash command) and
a Slack app's Socket Mode connection is the same: each is held by one process at a time, chosen by
`Leadership`. Slack's HTTP mode needs no holder: put every front-end process behind one URL, any of
them may answer, and the replay guard's memory is the database.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

from bot.cluster.leader import Leadership


def chat_frontends(settings: Any, rt: Any) -> list[tuple[str, Coroutine[Any, Any, None]]]:
    """(name, coroutine) for each enabled front end, to be run as tasks until cancelled."""
    parts: list[tuple[str, Coroutine[Any, Any, None]]] = []
    if settings.discord.enabled:
        from bot.platforms.discord.client import run_gateway

        parts.append(("discord", held_by_one(rt, "discord gateway", lambda: run_gateway(settings, rt))))
    if settings.slack.enabled:
        from bot.platforms.slack.server import start_slack

        if settings.slack.mode == "socket":
            parts.append(("slack", held_by_one(rt, "slack socket", lambda: start_slack(settings, rt))))
        else:
            parts.append(("slack", start_slack(settings, rt)))
    return parts


async def held_by_one(rt: Any, name: str, work: Callable[[], Awaitable[None]]) -> None:
    """Run `work` whenever this process holds `name`; readiness says "standby" while another does."""
    db = rt.settings.database
    leadership = Leadership(name, db.url, schema=db.schema_)
    rt.leaders[name] = leadership
    waiting = standby_probe(leadership)
    rt.probes[name] = waiting

    async def while_held() -> None:
        try:
            await work()       # the platform replaces the probe with its own connection check
        finally:
            rt.probes[name] = waiting

    await leadership.run(while_held)


def standby_probe(leadership: Leadership) -> Callable[[], tuple[bool, str]]:
    """Readiness of a front end this process does not hold: standing by is a healthy state."""

    def probe() -> tuple[bool, str]:
        if leadership.state == "standby":
            return True, "standby (another process holds the connection)"
        if leadership.state == "no database":
            return False, "no database connection, so this process cannot hold it"
        if leadership.state == "holder":
            return False, "connecting"
        return False, "starting"

    return probe
