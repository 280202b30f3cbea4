"""Entries: store what a poll found and hand back only what is new (and may alert)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

import sqlalchemy as sa

from bot.models import Entry, Feed
from bot.store.base import StoreBase, utcnow
from bot.store.schema import entries, feeds

CHUNK = 500  # rows per INSERT: well under SQLite's bound-parameter limit


def entry_from_row(row) -> Entry:
    return Entry(
        uid=row.uid, title=row.title, text=row.text, link=row.link, published=row.published,
        author=row.author, feed_id=row.feed_id, id=row.id, content_hash=row.content_hash or "",
    )


def newest_first(items: Sequence[Entry]) -> list[Entry]:
    """By published date, newest first; undated items keep document order (feeds list newest first)."""
    ranked = sorted(
        enumerate(items),
        key=lambda p: (p[1].published is None,
                       -p[1].published.timestamp() if p[1].published else 0.0, p[0]),
    )
    return [e for _, e in ranked]


def _unique_in_batch(items: Sequence[Entry]) -> list[Entry]:
    """Drop repeats inside one document by the same keys the table enforces (first one wins)."""
    seen: set[tuple[str, str]] = set()
    kept = []
    for e in items:
        keys = {("uid", e.uid)}
        if e.link:
            keys.add(("link", e.link))
        if e.content_hash:
            keys.add(("hash", e.content_hash))
        if keys & seen:
            continue
        seen |= keys
        kept.append(e)
    return kept


class EntriesMixin(StoreBase):
    async def add_entries(self, feed: Feed, items: Sequence[Entry]) -> list[Entry]:
        """Store unseen entries; return the new ones that may alert, oldest first.

        Seen = same uid, same link or same content hash in this feed (unique keys, so two processes
        inserting at once cannot both win). On a feed's first poll everything is stored but only the
        newest `feed.backfill` entries are returned, so adding a feed never floods a channel.
        """
        if feed.id is None:
            raise ValueError("add_entries needs a stored feed (feed.id is None)")
        if not items:
            return []
        async with self._read() as conn:   # most items are known: find them without a write lock
            stored_fetch = (await conn.execute(
                sa.select(feeds.c.last_fetched_at).where(feeds.c.id == feed.id))).first()
            batch = _unique_in_batch(await self._unseen(conn, feed.id, list(items)))
        if not batch:
            return []
        first_poll = feed.last_fetched_at is None or (stored_fetch is not None and stored_fetch[0] is None)
        ranked = newest_first(batch)
        rank = {e.uid: i for i, e in enumerate(ranked)}
        may_alert = {e.uid for e in (ranked[:max(feed.backfill, 0)] if first_poll else ranked)}
        now = utcnow()
        inserted: dict[str, int] = {}
        # A fixed insert order (by uid) keeps concurrent writers from deadlocking on PostgreSQL.
        # Entries that may alert stay unprocessed until mark_processed(); the rest are done already.
        rows = sorted((self._row(feed.id, e, now, processed=e.uid not in may_alert) for e in batch),
                      key=lambda r: r["uid"])
        async with self._write() as conn:
            for start in range(0, len(rows), CHUNK):
                # ON CONFLICT DO NOTHING: a row another writer stored meanwhile is skipped, not returned.
                stmt = (self._insert(entries).values(rows[start:start + CHUNK])
                        .on_conflict_do_nothing().returning(entries.c.id, entries.c.uid))
                inserted.update({uid: id_ for id_, uid in await conn.execute(stmt)})
        new = [replace(e, id=inserted[e.uid], feed_id=feed.id) for e in batch
               if e.uid in inserted and e.uid in may_alert]
        new.sort(key=lambda e: rank[e.uid], reverse=True)
        return new

    @staticmethod
    async def _unseen(conn, feed_id: int, batch: list[Entry]) -> list[Entry]:
        """The entries of `batch` whose uid, link and content hash are all unknown in this feed."""
        uids = {e.uid for e in batch}
        links = {e.link for e in batch if e.link}
        hashes = {e.content_hash for e in batch if e.content_hash}
        known_uids: set[str] = set()
        known_links: set[str] = set()
        known_hashes: set[str] = set()
        for start in range(0, len(batch), CHUNK):
            part = batch[start:start + CHUNK]
            conds = [entries.c.uid.in_([e.uid for e in part])]
            if part_links := [e.link for e in part if e.link]:
                conds.append(entries.c.link.in_(part_links))
            if part_hashes := [e.content_hash for e in part if e.content_hash]:
                conds.append(entries.c.content_hash.in_(part_hashes))
            stmt = (sa.select(entries.c.uid, entries.c.link, entries.c.content_hash)
                    .where(entries.c.feed_id == feed_id, sa.or_(*conds)))
            for uid, link, content_hash in await conn.execute(stmt):
                known_uids.add(uid)
                known_links.add(link)
                known_hashes.add(content_hash)
        known_uids &= uids
        known_links &= links
        known_hashes &= hashes
        return [e for e in batch if e.uid not in known_uids and (e.link or None) not in known_links
                and (e.content_hash or None) not in known_hashes]

    @staticmethod
    def _row(feed_id: int, e: Entry, now: datetime, *, processed: bool) -> dict:
        return {"feed_id": feed_id, "uid": e.uid, "link": e.link or None,
                "content_hash": e.content_hash or None, "title": e.title or "", "text": e.text or "",
                "published": e.published, "author": e.author, "seen_at": now,
                "processed_at": now if processed else None}

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
