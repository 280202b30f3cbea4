"""How often a feed publishes: the numbers adaptive polling derives its interval from."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from bot.store.base import StoreBase
from bot.store.schema import entries, feeds
from bot.store.types import UTCDateTime


class PublishingMixin(StoreBase):
    async def publishing_window(self, feed_id: int, now: datetime,
                                window: timedelta = timedelta(days=7)) -> tuple[int, datetime | None]:
        """Entries of the feed dated within `window` before `now`, and the oldest such date.

        An entry's date is its published time, or when it was first seen if the feed gives none;
        dates in the future do not count.
        """
        when = sa.func.coalesce(entries.c.published, entries.c.seen_at, type_=UTCDateTime)
        stmt = (sa.select(sa.func.count(), sa.func.min(when))
                .where(entries.c.feed_id == feed_id, when > now - window, when <= now))
        async with self._read() as conn:
            count, oldest = (await conn.execute(stmt)).one()
        return count, oldest

    async def set_adaptive_interval(self, feed_id: int, interval_s: int | None, at: datetime) -> None:
        async with self._write() as conn:
            await conn.execute(sa.update(feeds).where(feeds.c.id == feed_id)
                               .values(adaptive_interval_s=interval_s, adaptive_at=at))
