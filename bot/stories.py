"""Which story each matched entry belongs to: the process's story index, kept in step with the store.

The index (bot/analysis/stories) is rebuilt from the stored members at the first use and then
catches up with what other processes stored before each batch. Placing is serialised in the
process and, on PostgreSQL, across processes (`Store.story_placement`), so two copies of one event
polled by two processes at once land in one story.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable, Sequence
from datetime import datetime, timedelta

from bot.analysis.stories import Member, StoryIndex, StoryParams
from bot.analysis.stories.features import term_rarity
from bot.models import Entry

CATCH_UP_MARGIN = timedelta(minutes=5)   # members committed late by another process still get read


async def _inline(fn: Callable, *args):
    return fn(*args)


class StoryTracker:
    def __init__(self, store, clock: Callable[[], datetime], params: StoryParams | None = None,
                 cpu: Callable[..., Awaitable] = _inline):
        self.store = store
        self.clock = clock
        self.cpu = cpu                  # where English rarity is looked up (Runtime.cpu: off the loop)
        self.index = StoryIndex(params)
        self._synced_at: datetime | None = None
        self._lock = asyncio.Lock()

    async def _catch_up(self) -> None:
        now = self.clock()
        if self._synced_at is None:
            # by when they were stored: a feed's dates may be old (or wrong), the horizon is ours
            rows = await self.store.story_members_since(added_after=now - self.index.params.idf_horizon)
        else:
            rows = await self.store.story_members_since(added_after=self._synced_at - CATCH_UP_MARGIN)
        # the weights read every member's terms: look their rarity up now, in the CPU thread
        await self.cpu(_prime_rarity, [r.terms for r in rows])
        for r in rows:
            self.index.add(Member(r.entry_id, r.story_id, r.published, r.terms))
        self._synced_at = now
        self.index.forget_old()

    async def place(self, entries: Sequence[Entry], terms: Sequence[frozenset[str]]) -> dict[int, int]:
        """entry id -> story id for stored entries, in publication order."""
        out: dict[int, int] = {}
        async with self._lock, self.store.story_placement():
            await self._catch_up()
            order = sorted(zip(entries, terms), key=lambda et: _when(et[0], self.clock()))
            for entry, t in order:
                published = _when(entry, self.clock())
                known = self.index.story_of(entry.id)
                if known is not None:
                    out[entry.id] = known
                    continue
                story, _ = self.index.best_story(t, published)
                story = await self.store.add_story_member(entry.id, story, published, t)
                self.index.add(Member(entry.id, story, published, t))
                out[entry.id] = story
        return out


def _when(entry: Entry, now: datetime) -> datetime:
    """Publication time; a missing or future one is taken as now (a feed's clock is not ours)."""
    if entry.published is None or entry.published > now:
        return now
    return entry.published




def _prime_rarity(term_sets: Iterable[frozenset[str]]) -> None:
    for terms in term_sets:
        for term in terms:
            term_rarity(term)
