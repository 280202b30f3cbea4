"""WebSub subscriptions: one per feed whose publisher advertises a hub.

States: requested (asked the hub, waiting for its verification GET), active (verified, lease
running), failed (refused, denied or never verified: the feed is polled as usual and the
subscription tried again at next_attempt_at).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from bot.store.base import StoreBase
from bot.store.schema import websub_subscriptions as subs


@dataclass(frozen=True)
class Subscription:
    feed_id: int
    hub: str
    topic: str
    token: str
    secret: str
    state: str
    requested_at: datetime | None = None
    lease_until: datetime | None = None
    next_attempt_at: datetime | None = None
    last_error: str | None = None


def _sub(row) -> Subscription:
    return Subscription(feed_id=row.feed_id, hub=row.hub, topic=row.topic, token=row.token, secret=row.secret,
                        state=row.state, requested_at=row.requested_at, lease_until=row.lease_until,
                        next_attempt_at=row.next_attempt_at, last_error=row.last_error)


class WebSubMixin(StoreBase):
    async def websub_request(self, feed_id: int, *, hub: str, topic: str, token: str, secret: str,
                             now: datetime) -> None:
        """Record that the hub was asked (a new subscription, or a renewal with fresh credentials)."""
        values = {"hub": hub, "topic": topic, "token": token, "secret": secret, "state": "requested",
                  "requested_at": now, "next_attempt_at": None, "last_error": None}
        async with self._write() as conn:
            stmt = self._insert(subs).values(feed_id=feed_id, **values)
            await conn.execute(stmt.on_conflict_do_update(index_elements=[subs.c.feed_id], set_=values))

    async def websub_by_token(self, token: str) -> Subscription | None:
        async with self._read() as conn:
            row = (await conn.execute(sa.select(subs).where(subs.c.token == token))).first()
        return _sub(row) if row else None

    async def websub_activate(self, token: str, lease_until: datetime) -> None:
        async with self._write() as conn:
            await conn.execute(sa.update(subs).where(subs.c.token == token)
                               .values(state="active", lease_until=lease_until, last_error=None))

    async def websub_fail(self, feed_id: int, *, error: str, retry_at: datetime) -> None:
        async with self._write() as conn:
            await conn.execute(sa.update(subs).where(subs.c.feed_id == feed_id)
                               .values(state="failed", last_error=error[:500], next_attempt_at=retry_at,
                                       lease_until=None))

    async def websub_all(self) -> list[Subscription]:
        async with self._read() as conn:
            return [_sub(r) for r in await conn.execute(sa.select(subs).order_by(subs.c.feed_id))]
