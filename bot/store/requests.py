"""Signed requests already answered: the replay guard's memory, shared by every process on the database."""

from __future__ import annotations

from datetime import datetime, timedelta

import sqlalchemy as sa

from bot.store.base import StoreBase, utcnow
from bot.store.schema import seen_requests


class RequestsMixin(StoreBase):
    async def first_sighting(self, key: str, *, window_s: float, now: datetime | None = None) -> bool:
        """True the first time `key` is offered within `window_s`, False for every repeat, whichever
        process saw it first. Keys older than the window are forgotten in the same transaction."""
        now = now or utcnow()
        async with self._write() as conn:
            await conn.execute(sa.delete(seen_requests)
                               .where(seen_requests.c.seen_at < now - timedelta(seconds=window_s)))
            inserted = await conn.execute(self._insert(seen_requests).values(key=key, seen_at=now)
                                          .on_conflict_do_nothing(index_elements=[seen_requests.c.key])
                                          .returning(seen_requests.c.key))
            return inserted.first() is not None
