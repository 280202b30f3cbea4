"""What the operator's endpoints ask the database: is it there, is its schema current, how far behind."""

from __future__ import annotations

from datetime import datetime, timezone

import sqlalchemy as sa

from bot.store.base import StoreBase
from bot.store.schema import feeds, outbox, subscriptions


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
