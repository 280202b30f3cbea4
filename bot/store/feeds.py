"""Feeds: configuration plus polling state (validators, due time, errors)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

import sqlalchemy as sa

from bot.models import Feed
from bot.store.base import StoreBase, utcnow
from bot.store.schema import feeds
from bot.store.types import UTCDateTime

# What any successful poll (200 or 304) clears on the feed.
# A poll with a result: the failure run ends and this process's lease on the feed with it.
SUCCESS_RESETS = {"error_count": 0, "last_error": None, "failing_since": None, "leased_until": None}
_CONFIG_COLUMNS = ("name", "interval_s", "backfill", "fulltext", "adaptive")


def feed_from_row(row) -> Feed:
    return Feed(
        url=row.url, name=row.name, interval_s=row.interval_s, backfill=row.backfill,
        fulltext=bool(row.fulltext), guild=row.guild, id=row.id, etag=row.etag,
        last_modified=row.last_modified, next_check_at=row.next_check_at,
        last_fetched_at=row.last_fetched_at, error_count=row.error_count,
        last_error=row.last_error, enabled=bool(row.enabled),
        adaptive=None if row.adaptive is None else bool(row.adaptive),
        adaptive_interval_s=row.adaptive_interval_s, adaptive_at=row.adaptive_at,
        failing_since=row.failing_since, moved_to=row.moved_to, moved_from=row.moved_from, moved_at=row.moved_at,
    )


def _config_values(feed: Feed) -> dict:
    return {"name": feed.name, "interval_s": feed.interval_s, "backfill": feed.backfill,
            "fulltext": feed.fulltext, "adaptive": feed.adaptive}


class FeedsMixin(StoreBase):
    async def sync_feeds(self, configured: Sequence[Feed]) -> None:
        """Upsert the config file's feeds by url; polling state of known feeds is kept."""
        if not configured:
            return
        by_url = {f.url: {"url": f.url, "guild": f.guild, "enabled": True, **_config_values(f)}
                  for f in configured}
        async with self._write() as conn:
            # A feed that moved (301/308) lives on under its new address: the file's old one is that row.
            moved = await conn.execute(sa.select(feeds.c.id, feeds.c.moved_from).where(feeds.c.moved_from.is_not(None)))
            for feed_id, old in list(moved):
                if (row := by_url.pop(old, None)) is not None:
                    await conn.execute(sa.update(feeds).where(feeds.c.id == feed_id)
                                       .values({c: row[c] for c in _CONFIG_COLUMNS} | {"enabled": True}))
            rows = list(by_url.values())
            for start in range(0, len(rows), 500):
                stmt = self._insert(feeds).values(rows[start:start + 500])
                stmt = stmt.on_conflict_do_update(
                    index_elements=[feeds.c.url],
                    set_={c: stmt.excluded[c] for c in _CONFIG_COLUMNS} | {"enabled": True},
                )
                await conn.execute(stmt)

    async def add_feed(self, feed: Feed) -> Feed:
        """Add a feed (idempotent by url: an existing feed is returned unchanged)."""
        async with self._write() as conn:
            stmt = self._insert(feeds).values(
                url=feed.url, guild=feed.guild, enabled=feed.enabled, **_config_values(feed),
            ).on_conflict_do_nothing(index_elements=[feeds.c.url])
            await conn.execute(stmt)
            row = (await conn.execute(sa.select(feeds).where(feeds.c.url == feed.url))).one()
        return feed_from_row(row)

    async def remove_feed(self, url: str, guild: str | None = None) -> bool:
        """Delete a feed and everything derived from it; with `guild`, only that guild's feed."""
        cond = feeds.c.url == url
        if guild is not None:
            cond &= feeds.c.guild == guild
        async with self._write() as conn:
            result = await conn.execute(sa.delete(feeds).where(cond))
        return result.rowcount > 0

    async def list_feeds(self, guild: str | None = None) -> list[Feed]:
        stmt = sa.select(feeds).order_by(feeds.c.name, feeds.c.id)
        if guild is not None:
            stmt = stmt.where(feeds.c.guild == guild)
        async with self._read() as conn:
            return [feed_from_row(r) for r in await conn.execute(stmt)]

    async def count_feeds(self, guild: str | None) -> int:
        stmt = sa.select(sa.func.count()).select_from(feeds)
        if guild is not None:
            stmt = stmt.where(feeds.c.guild == guild)
        async with self._read() as conn:
            return (await conn.execute(stmt)).scalar_one()

    async def get_feed(self, feed_id: int) -> Feed | None:
        async with self._read() as conn:
            row = (await conn.execute(sa.select(feeds).where(feeds.c.id == feed_id))).first()
        return feed_from_row(row) if row else None

    async def due_feeds(self, now: datetime, limit: int = 500, *, lease_s: float | None = None,
                        horizon_s: float = 0.0) -> list[Feed]:
        """Enabled feeds whose next check has come by `now + horizon_s` (never-checked first, then
        the longest waiting), leaving out those another process has leased.

        With `lease_s`, the feeds are also claimed: leased until `now + lease_s` in the same
        transaction (PostgreSQL: FOR UPDATE SKIP LOCKED), so several processes sharing one database
        never poll the same feed at once. The poller renews the lease while it works
        (`renew_feed_leases`) and the poll's result clears it; a feed whose poller died is free
        again once its lease runs out.
        """
        due = (
            sa.select(feeds.c.id)
            .where(feeds.c.enabled == sa.true())
            .where(sa.or_(feeds.c.next_check_at.is_(None),
                          feeds.c.next_check_at <= now + timedelta(seconds=horizon_s)))
            .where(sa.or_(feeds.c.leased_until.is_(None), feeds.c.leased_until <= now))
            .order_by(sa.nulls_first(feeds.c.next_check_at.asc()), feeds.c.id)
            .limit(limit)
        )
        if lease_s is None:
            async with self._read() as conn:
                rows = list(await conn.execute(sa.select(feeds).where(feeds.c.id.in_(due.scalar_subquery()))))
        else:
            if self.dialect == "postgresql":
                due = due.with_for_update(skip_locked=True)
            async with self._write() as conn:
                ids = [r.id for r in await conn.execute(due)]
                rows = list(await conn.execute(sa.select(feeds).where(feeds.c.id.in_(ids)))) if ids else []
                if ids:
                    await conn.execute(sa.update(feeds).where(feeds.c.id.in_(ids))
                                       .values(leased_until=now + timedelta(seconds=lease_s)))
        rows.sort(key=lambda r: (r.next_check_at is not None, r.next_check_at or now, r.id))
        return [feed_from_row(r) for r in rows]

    async def release_feeds(self, feed_ids: Sequence[int]) -> None:
        """Hand claimed feeds back unpolled, due as they were before the claim (the service is stopping)."""
        if not feed_ids:
            return
        async with self._write() as conn:
            await conn.execute(sa.update(feeds).where(feeds.c.id.in_(list(feed_ids))).values(leased_until=None))

    async def renew_feed_leases(self, feed_ids: Sequence[int], until: datetime) -> None:
        """Extend this process's leases on feeds it is still polling (never one already finished:
        a finished poll cleared its lease)."""
        if not feed_ids:
            return
        async with self._write() as conn:
            await conn.execute(sa.update(feeds).where(feeds.c.id.in_(list(feed_ids)),
                                                      feeds.c.leased_until.is_not(None))
                               .values(leased_until=until))

    async def record_fetch_ok(self, feed_id: int, *, etag: str | None, last_modified: str | None,
                              next_check_at: datetime, fetched_at: datetime) -> None:
        await self._update_feed(feed_id, etag=etag, last_modified=last_modified,
                                next_check_at=next_check_at, last_fetched_at=fetched_at, **SUCCESS_RESETS)

    async def record_not_modified(self, feed_id: int, *, next_check_at: datetime,
                                  fetched_at: datetime) -> None:
        await self._update_feed(feed_id, next_check_at=next_check_at, last_fetched_at=fetched_at, **SUCCESS_RESETS)

    async def record_not_modified_many(self, rows: Sequence[tuple[int, datetime]], *,
                                       fetched_at: datetime) -> None:
        """A cycle's 304s in one transaction: (feed id, next check) pairs. Most polls end here."""
        if not rows:
            return
        stmt = (sa.update(feeds).where(feeds.c.id == sa.bindparam("feed_id"))
                .values(next_check_at=sa.bindparam("next_check"), last_fetched_at=fetched_at, **SUCCESS_RESETS))
        async with self._write() as conn:
            await conn.execute(stmt, [{"feed_id": i, "next_check": n} for i, n in rows])

    async def record_fetch_error(self, feed_id: int, *, error: str, next_check_at: datetime,
                                 failed_at: datetime | None = None) -> int:
        """Store the error on the feed; returns the new consecutive error count (for backoff).

        `failed_at` starts the feed's run of failures if none is running (feed health warnings)."""
        stmt = (
            sa.update(feeds).where(feeds.c.id == feed_id)
            .values(error_count=feeds.c.error_count + 1, last_error=error, next_check_at=next_check_at,
                    leased_until=None,
                    failing_since=sa.func.coalesce(feeds.c.failing_since,
                                                  sa.literal(failed_at or utcnow(), UTCDateTime)))
            .returning(feeds.c.error_count)
        )
        async with self._write() as conn:
            count = (await conn.execute(stmt)).scalar_one_or_none()
        return count or 0

    async def _update_feed(self, feed_id: int, **values) -> None:
        async with self._write() as conn:
            await conn.execute(sa.update(feeds).where(feeds.c.id == feed_id).values(**values))

