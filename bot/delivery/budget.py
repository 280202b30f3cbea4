"""One send budget per rate-limited destination, shared by every process: N processes delivering
at once stay within Discord's and Slack's limits instead of making N times them.

Discord counts requests per bot (50/s across all channels; newsbot keeps alerts at 40/s to leave
room for slash-command replies); Slack allows about one message per second per channel. The
budget reserves a slot in the database before each send (`Store.take_send_slot`) and the sender
waits for it; a 429 that still comes back holds the destination off for every process.
Other destinations (webhooks, Apprise, console) have no shared budget.
"""

from __future__ import annotations

import asyncio
from typing import Any

DISCORD_PER_SECOND = 40.0         # of Discord's 50 requests/s per bot
SLACK_CHANNEL_INTERVAL_S = 1.0    # Slack: about one message per second per channel


def budget_for(destination: str) -> tuple[str, float] | None:
    """(budget key, seconds between sends) for a destination string, None when it has no budget."""
    kind, _, rest = destination.partition(":")
    if kind == "discord":
        return "discord", 1.0 / DISCORD_PER_SECOND
    if kind == "slack":
        return f"slack:{rest}", SLACK_CHANNEL_INTERVAL_S
    return None


async def wait_for_slot(store: Any, destination: str) -> None:
    """Sleep until this process may send to `destination`, whoever else is sending to it."""
    budget = budget_for(destination)
    if budget is None:
        return
    wait = await store.take_send_slot(*budget)
    if wait > 0:
        await asyncio.sleep(wait)


async def hold_off(store: Any, destination: str, seconds: float) -> None:
    """A 429 said to wait `seconds`: no process sends to this destination's budget before then."""
    budget = budget_for(destination)
    if budget is not None and seconds > 0:
        await store.hold_off_sends(budget[0], seconds)
