"""Entries: store what a poll found and hand back only what is new (and may alert)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

import sqlalchemy as sa

from bot.models import Entry, Feed
from bot.store.base import utcnow
from bot.store.cycle_batch import CycleBatchMixin, FetchedFeed
from bot.store.schema import entries


def entry_from_row(row) -> Entry:
    return Entry(
        uid=row.uid, title=row.title, text=row.text, link=row.link, published=row.published,
        author=row.author, feed_id=row.feed_id, id=row.id, content_hash=row.content_hash or "",
    )


class EntriesMixin(CycleBatchMixin):
    async def add_entries(self, feed: Feed, items: Sequence[Entry]) -> list[Entry]:
        """Store unseen entries; return the new ones that may alert, oldest first.

        The same write a polling cycle does for many feeds at once (`write_cycle_batch`), for one
        feed and without touching its polling state.
        """
        if feed.id is None:
            raise ValueError("add_entries needs a stored feed (feed.id is None)")
        if not items:
            return []
        fetched = FetchedFeed(feed, items, etag=None, last_modified=None, next_check_at=None)
        await self.write_cycle_batch([fetched], fetched_at=utcnow())
        return fetched.new

    async def mark_processed(self, entry_ids: Sequence[int]) -> None:
        """Call once an entry's alerts are queued (or it matched nothing): it will not be handed out again."""
        if not entry_ids:
            return
        async with self._write() as conn:
            await conn.execute(sa.update(entries).where(entries.c.id.in_(list(entry_ids)))
                               .where(entries.c.processed_at.is_(None)).values(processed_at=utcnow()))

    async def unprocessed_entries(self, *, feed_id: int | None = None, seen_before: datetime | None = None,
                                  limit: int = 500) -> list[Entry]:
        """Entries returned by add_entries whose processing never finished (a crash), oldest first.

        `seen_before` leaves alone entries another worker may be processing right now.
        """
        stmt = (sa.select(entries).where(entries.c.processed_at.is_(None))
                .order_by(entries.c.seen_at, entries.c.id).limit(limit))
        if feed_id is not None:
            stmt = stmt.where(entries.c.feed_id == feed_id)
        if seen_before is not None:
            stmt = stmt.where(entries.c.seen_at < seen_before)
        async with self._read() as conn:
            return [entry_from_row(r) for r in await conn.execute(stmt)]

    async def recent_entries(self, *, limit: int = 200, since: datetime | None = None) -> list[Entry]:
        """Most recently seen entries first (for dry-running a topic against stored items)."""
        stmt = sa.select(entries).order_by(entries.c.seen_at.desc(), entries.c.id.desc()).limit(limit)
        if since is not None:
            stmt = stmt.where(entries.c.seen_at >= since)
        async with self._read() as conn:
            return [entry_from_row(r) for r in await conn.execute(stmt)]

    async def get_entry(self, entry_id: int) -> Entry | None:
        async with self._read() as conn:
            row = (await conn.execute(sa.select(entries).where(entries.c.id == entry_id))).first()
        return entry_from_row(row) if row else None

    async def set_entry_text(self, entry_id: int, text: str) -> None:
        """Replace an entry's teaser with the full article text fetched later."""
        async with self._write() as conn:
            await conn.execute(sa.update(entries).where(entries.c.id == entry_id).values(text=text))
