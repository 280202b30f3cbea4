"""What the operator's endpoints ask the database: is it there, is its schema current, how far behind."""

from __future__ import annotations

from datetime import datetime, timezone

import sqlalchemy as sa

from bot.models import Feed, Topic
from bot.store.base import StoreBase
from bot.store.feeds import feed_from_row
from bot.store.schema import alerts, entries, feeds, outbox, subscriptions, topics


class OpsMixin(StoreBase):
    async def schema_revision(self) -> str | None:
        """The Alembic revision the database is at (None before the first migration)."""
        async with self._read() as conn:
            try:
                return (await conn.execute(sa.text("SELECT version_num FROM alembic_version"))).scalar()
            except sa.exc.ProgrammingError:
                return None
            except sa.exc.OperationalError as e:      # SQLite: "no such table" is not an outage
                if "no such table" in str(e):
                    return None
                raise

    async def failing_feed_errors(self) -> list[str]:
        """The last error of every enabled feed whose last poll failed (for the failing-by-reason gauge)."""
        stmt = sa.select(feeds.c.last_error).where(feeds.c.enabled == sa.true(), feeds.c.error_count > 0)
        async with self._read() as conn:
            return [r or "" for r in (await conn.execute(stmt)).scalars()]

    async def oldest_pending_delivery(self) -> datetime | None:
        """When the oldest undelivered, unpaused outbox row was queued."""
        paused = sa.select(subscriptions.c.destination).where(subscriptions.c.paused_reason.is_not(None))
        stmt = (sa.select(sa.func.min(outbox.c.created_at))
                .where(outbox.c.status == "pending", outbox.c.destination.not_in(paused)))
        async with self._read() as conn:
            value = (await conn.execute(stmt)).scalar()
        if isinstance(value, str):            # SQLite returns min() of the column as text
            value = datetime.fromisoformat(value)
        if value is not None and value.tzinfo is None:
            value = value.replace(tzinfo=timezone.utc)
        return value

    # Feed health ---------------------------------------------------------------------------
    async def claim_feed_warnings(self, *, failing_before: datetime, now: datetime) -> list[Feed]:
        """Enabled feeds failing since before `failing_before` whose channels were not told yet;
        marked as told in the same transaction, so several processes send one warning between them."""
        due = (sa.select(feeds.c.id)
               .where(feeds.c.enabled == sa.true(), feeds.c.error_count > 0,
                      feeds.c.failing_since <= failing_before, feeds.c.health_warned_at.is_(None)))
        return await self._claim_feeds(due, health_warned_at=now)

    async def claim_feed_recoveries(self) -> list[Feed]:
        """Feeds whose channels were warned and that work again; the warning mark is cleared."""
        due = sa.select(feeds.c.id).where(feeds.c.health_warned_at.is_not(None), feeds.c.error_count == 0)
        return await self._claim_feeds(due, health_warned_at=None)

    async def _claim_feeds(self, due, **values) -> list[Feed]:
        if self.dialect == "postgresql":
            due = due.with_for_update(skip_locked=True)
        async with self._write() as conn:
            ids = [r.id for r in await conn.execute(due)]
            if not ids:
                return []
            rows = list(await conn.execute(sa.select(feeds).where(feeds.c.id.in_(ids)).order_by(feeds.c.id)))
            await conn.execute(sa.update(feeds).where(feeds.c.id.in_(ids)).values(**values))
        return [feed_from_row(r) for r in rows]

    async def destinations_depending_on(self, feed: Feed) -> list[tuple[Topic, str]]:
        """(topic, destination) for every unpaused destination of a topic that depends on the feed:
        the topics it has alerted for, and the topics of the server/workspace that added it.
        One pair per destination (a channel following several such topics hears once)."""
        alerted = (sa.select(alerts.c.topic_id).join(entries, entries.c.id == alerts.c.entry_id)
                   .where(entries.c.feed_id == feed.id))
        depends = topics.c.id.in_(alerted)
        if feed.guild is not None:
            depends = sa.or_(depends, topics.c.guild == feed.guild)
        stmt = (sa.select(topics, subscriptions.c.destination)
                .join(subscriptions, subscriptions.c.topic_id == topics.c.id)
                .where(depends, subscriptions.c.paused_reason.is_(None))
                .order_by(subscriptions.c.destination, topics.c.id))
        out: dict[str, Topic] = {}
        async with self._read() as conn:
            for r in await conn.execute(stmt):
                out.setdefault(r.destination, Topic(name=r.name, query=r.query, guild=r.guild, id=r.id))
        return [(topic, destination) for destination, topic in out.items()]
