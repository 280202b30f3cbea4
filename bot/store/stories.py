"""Stories: an entry's story (created on first use), the recent members, a story's reports."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from bot.store.base import StoreBase, utcnow
from bot.store.schema import entries, feeds, stories, story_members


@dataclass(frozen=True)
class StoredMember:
    entry_id: int
    story_id: int
    published: datetime
    terms: frozenset[str]
    added_at: datetime


@dataclass(frozen=True)
class StoryReport:
    """One entry of a story, as "also reported by" shows it."""

    entry_id: int
    story_id: int
    outlet: str
    title: str
    link: str | None
    published: datetime


# Held while a process places entries in stories, so that two processes never both open a story
# for two copies of one event (PostgreSQL; on SQLite one process writes at a time anyway).
PLACEMENT_LOCK_KEY = 7_212_001


class StoriesMixin(StoreBase):
    @asynccontextmanager
    async def story_placement(self) -> AsyncIterator[None]:
        """Across processes, one placer at a time: a session advisory lock on its own connection."""
        if self.dialect != "postgresql":
            yield
            return
        async with self.engine.connect() as conn:
            await conn.exec_driver_sql(f"SELECT pg_advisory_lock({PLACEMENT_LOCK_KEY})")
            await conn.commit()
            try:
                yield
            finally:
                await conn.exec_driver_sql(f"SELECT pg_advisory_unlock({PLACEMENT_LOCK_KEY})")
                await conn.commit()

    async def add_story_member(self, entry_id: int, story_id: int | None, published: datetime,
                               terms: Sequence[str]) -> int:
        """Put the entry in `story_id` (None: a new story) and return its story; an entry already
        placed keeps its story (re-processing after a crash changes nothing)."""
        async with self._write() as conn:
            found = (await conn.execute(sa.select(story_members.c.story_id)
                                        .where(story_members.c.entry_id == entry_id))).scalar()
            if found is not None:
                return found
            now = utcnow()
            if story_id is None or (await conn.execute(
                    sa.select(stories.c.id).where(stories.c.id == story_id))).scalar() is None:
                story_id = (await conn.execute(sa.insert(stories).values(created_at=now)
                                               .returning(stories.c.id))).scalar_one()
            inserted = (await conn.execute(
                self._insert(story_members).values(entry_id=entry_id, story_id=story_id, published=published,
                                                   terms=sorted(terms), added_at=now)
                .on_conflict_do_nothing(index_elements=[story_members.c.entry_id])
                .returning(story_members.c.story_id))).scalar()
            if inserted is None:           # another process placed it meanwhile
                return (await conn.execute(sa.select(story_members.c.story_id)
                                           .where(story_members.c.entry_id == entry_id))).scalar_one()
        return story_id

    async def story_members_since(self, *, published_after: datetime | None = None,
                                  added_after: datetime | None = None) -> list[StoredMember]:
        """Members published after one time or added after another (to catch up with other processes)."""
        stmt = sa.select(story_members)
        if published_after is not None:
            stmt = stmt.where(story_members.c.published >= published_after)
        if added_after is not None:
            stmt = stmt.where(story_members.c.added_at >= added_after)
        async with self._read() as conn:
            rows = (await conn.execute(stmt)).all()
        return [StoredMember(r.entry_id, r.story_id, r.published, frozenset(r.terms), r.added_at) for r in rows]

    async def story_of(self, entry_id: int) -> int | None:
        async with self._read() as conn:
            return (await conn.execute(sa.select(story_members.c.story_id)
                                       .where(story_members.c.entry_id == entry_id))).scalar()

    async def story_reports(self, story_id: int) -> list[StoryReport]:
        """The story's entries, first published first."""
        stmt = (sa.select(story_members.c.entry_id, story_members.c.story_id, story_members.c.published,
                          feeds.c.name, entries.c.title, entries.c.link)
                .join(entries, entries.c.id == story_members.c.entry_id)
                .join(feeds, feeds.c.id == entries.c.feed_id)
                .where(story_members.c.story_id == story_id)
                .order_by(story_members.c.published, story_members.c.entry_id))
        async with self._read() as conn:
            rows = (await conn.execute(stmt)).all()
        return [StoryReport(r.entry_id, r.story_id, r.name, r.title, r.link, r.published) for r in rows]
