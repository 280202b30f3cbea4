"""A shared pace for one sender: at most `rate` requests per second, spaced evenly, in arrival order.

Discord allows 50 requests per second per bot across all channels; discord.py only slows down once
Discord has answered 429, so alerts fanned out to many channels are paced here first.
"""

from __future__ import annotations

import asyncio
import weakref
from typing import Any


class Pace:
    def __init__(self, rate: float) -> None:
        self.interval = 1.0 / rate
        self._next = 0.0

    async def wait(self) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        slot = max(now, self._next)
        self._next = slot + self.interval
        if slot > now:
            await asyncio.sleep(slot - now)


_paces: "weakref.WeakKeyDictionary[Any, Pace]" = weakref.WeakKeyDictionary()


def pace_for(owner: Any, rate: float) -> Pace:
    """The one Pace shared by everything sending through `owner` (e.g. one discord.Client)."""
    pace = _paces.get(owner)
    if pace is None:
        pace = _paces[owner] = Pace(rate)
    return pace
