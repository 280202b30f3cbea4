"""Feeds that moved: a permanent redirect (301/308) to one address at consecutive polls moves the feed.

One redirect is not enough (a misconfigured server, a maintenance page): the target must hold over
`MOVE_AFTER` polls in a row. The feed keeps its id, entries, alerts and subscriptions; only its URL
changes, and the old one is kept to show in /feeds.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from bot.store.base import StoreBase
from bot.store.schema import feeds


class FeedMovesMixin(StoreBase):
    async def note_redirect(self, feed_id: int, target: str) -> int:
        """One more poll that ended at `target` through 301/308 only; how many in a row now."""
        stmt = (sa.update(feeds).where(feeds.c.id == feed_id)
                .values(moved_count=sa.case((feeds.c.moved_to == target, feeds.c.moved_count + 1), else_=1),
                        moved_to=target)
                .returning(feeds.c.moved_count))
        async with self._write() as conn:
            return (await conn.execute(stmt)).scalar_one_or_none() or 0

    async def forget_redirect(self, feed_id: int) -> None:
        """A poll without a permanent redirect: the run of redirects is over."""
        async with self._write() as conn:
            await conn.execute(sa.update(feeds).where(feeds.c.id == feed_id).values(moved_to=None, moved_count=0))

    async def move_feed(self, feed_id: int, new_url: str, at: datetime) -> bool:
        """Give the feed its new URL, remembering the old one; False when another feed already has it."""
        async with self._write() as conn:
            taken = (await conn.execute(sa.select(feeds.c.id).where(feeds.c.url == new_url))).first()
            if taken is not None:
                await conn.execute(sa.update(feeds).where(feeds.c.id == feed_id).values(moved_to=None, moved_count=0))
                return False
            await conn.execute(sa.update(feeds).where(feeds.c.id == feed_id).values(
                moved_from=feeds.c.url, url=new_url, moved_at=at, moved_to=None, moved_count=0))
        return True
