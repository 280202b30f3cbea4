"""A polling cycle's writes, many feeds at a time: new entries, feed states, 304s, processed marks.

One transaction per batch and one statement per kind: the entries of every feed in the batch go
in one INSERT ... ON CONFLICT DO NOTHING RETURNING (the unique keys on uid, link and content hash
do the dedupe lookups, all inside that statement), the feeds' new states in one executemany UPDATE.
On SQLite, where writers queue for one lock, this is what makes a cycle where every feed changed
cheap; on PostgreSQL it saves a round trip per feed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime

import sqlalchemy as sa

from bot.models import Entry, Feed
from bot.store.base import StoreBase, utcnow
from bot.store.feeds import SUCCESS_RESETS
from bot.store.schema import entries, feeds

# Rows per INSERT page: 11 bound values each, well under SQLite's limit of 32,766.
ROWS_PER_INSERT = 1000


@dataclass
class FetchedFeed:
    """One feed's successful fetch: what it holds now, and its next polling state."""

    feed: Feed
    items: Sequence[Entry]
    etag: str | None
    last_modified: str | None
    next_check_at: datetime | None   # None: store the entries only, leave the feed's state alone
    new: list[Entry] = field(default_factory=list)   # filled by the write: entries that may alert


def newest_first(items: Sequence[Entry]) -> list[Entry]:
    """By published date, newest first; undated items keep document order (feeds list newest first)."""
    ranked = sorted(
        enumerate(items),
        key=lambda p: (p[1].published is None,
                       -p[1].published.timestamp() if p[1].published else 0.0, p[0]),
    )
    return [e for _, e in ranked]


def unique_in_batch(items: Sequence[Entry]) -> list[Entry]:
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


def _row(feed_id: int, e: Entry, now: datetime, *, processed: bool) -> dict:
    return {"feed_id": feed_id, "uid": e.uid, "link": e.link or None, "content_hash": e.content_hash or None,
            "title": e.title or "", "text": e.text or "", "published": e.published, "author": e.author,
            "seen_at": now, "processed_at": now if processed else None}


class CycleBatchMixin(StoreBase):
    """Mixed into the Store (needs the `write_cycle_batch` it defines for `EntriesMixin.add_entries`)."""

    async def write_cycle_batch(self, fetched: Sequence[FetchedFeed], *, fetched_at: datetime,
                                not_modified: Sequence[tuple[int, datetime]] = (),
                                processed: Sequence[int] = ()) -> None:
        """Store each fetched feed's unseen entries and state; `f.new` gets those that may alert.

        Seen = same uid, same link or same content hash in the feed (unique keys, so two processes
        inserting at once cannot both win). On a feed's first poll everything is stored but only
        its newest `feed.backfill` entries may alert, so adding a feed never floods a channel.
        `not_modified` are (feed id, next check) pairs of 304s; `processed` entry ids whose alerts
        are queued.
        """
        if any(f.feed.id is None for f in fetched):
            raise ValueError("write_cycle_batch needs stored feeds (feed.id is None)")
        now = utcnow()
        ordered = sorted(fetched, key=lambda f: f.feed.id)
        async with self._write() as conn:
            first = await self._first_polls(conn, fetched)
            rows, may_alert = [], {}
            for f in ordered:
                fid = f.feed.id
                if fid in first:   # nothing stored yet: what the insert keeps is what unique_in_batch keeps
                    alert = {e.uid for e in newest_first(unique_in_batch(f.items))[:max(f.feed.backfill, 0)]}
                else:
                    alert = {e.uid for e in f.items}
                may_alert[fid] = alert
                rows += [_row(fid, e, now, processed=e.uid not in alert) for e in f.items]
            # Rows go in document order, feed by feed: ON CONFLICT DO NOTHING then skips exactly the
            # items whose uid, link or hash is stored or was taken by an earlier item of the document
            # (the first unseen one wins).
            # Given a list, SQLAlchemy sends one multi-row INSERT per page of rows ("insertmanyvalues").
            stmt = (self._insert(entries).on_conflict_do_nothing()
                    .returning(entries.c.id, entries.c.feed_id, entries.c.uid, entries.c.link,
                               entries.c.content_hash))
            inserted: dict[tuple, int] = {}
            if rows:
                result = await conn.execute(stmt, rows, execution_options={"insertmanyvalues_page_size":
                                                                           ROWS_PER_INSERT})
                inserted.update({tuple(r[1:]): r[0] for r in result})
            await self._feed_states(conn, fetched, not_modified, fetched_at)
            if processed:
                await conn.execute(sa.update(entries).where(entries.c.id.in_(sorted(set(processed))))
                                   .where(entries.c.processed_at.is_(None)).values(processed_at=now))
        for f in fetched:
            fid, taken, new = f.feed.id, set(), []
            for e in newest_first(f.items):
                key = (fid, e.uid, e.link or None, e.content_hash or None)
                if key in inserted and key not in taken and e.uid in may_alert[fid]:
                    taken.add(key)
                    new.append(replace(e, id=inserted[key], feed_id=fid))
            f.new = new[::-1]   # oldest first

    async def _first_polls(self, conn, fetched: Sequence[FetchedFeed]) -> set[int]:
        """Feeds never fetched successfully, by the database (a Feed object may be stale).

        On PostgreSQL the feed rows are locked here, in id order: two writers storing the same feed
        then take turns instead of inserting its items in different orders (a deadlock). SQLite's
        single write lock already makes writers take turns.
        """
        candidates = sorted({f.feed.id for f in fetched})
        if not candidates:
            return set()
        never = {f.feed.id for f in fetched if f.feed.last_fetched_at is None}
        stmt = sa.select(feeds.c.id, feeds.c.last_fetched_at).where(feeds.c.id.in_(candidates)).order_by(feeds.c.id)
        if self.dialect == "postgresql":
            stmt = stmt.with_for_update()
        return never | {fid for fid, fetched_at in await conn.execute(stmt) if fetched_at is None}

    @staticmethod
    async def _feed_states(conn, fetched: Sequence[FetchedFeed], not_modified: Sequence[tuple[int, datetime]],
                           fetched_at: datetime) -> None:
        ok = sorted(({"fid": f.feed.id, "etag": f.etag, "lm": f.last_modified, "next": f.next_check_at}
                     for f in fetched if f.next_check_at is not None), key=lambda r: r["fid"])
        if ok:
            await conn.execute(
                sa.update(feeds).where(feeds.c.id == sa.bindparam("fid"))
                .values(etag=sa.bindparam("etag"), last_modified=sa.bindparam("lm"),
                        next_check_at=sa.bindparam("next"), last_fetched_at=fetched_at, **SUCCESS_RESETS), ok)
        if not_modified:
            await conn.execute(
                sa.update(feeds).where(feeds.c.id == sa.bindparam("fid"))
                .values(next_check_at=sa.bindparam("next"), last_fetched_at=fetched_at, **SUCCESS_RESETS),
                sorted(({"fid": i, "next": n} for i, n in not_modified), key=lambda r: r["fid"]))
