"""Column types that keep datetimes timezone-aware UTC on every backend (SQLite stores them naive)."""

from __future__ import annotations

from datetime import datetime, timezone

import sqlalchemy as sa


def as_utc(value: datetime | None) -> datetime | None:
    """Aware UTC, treating a naive datetime as UTC already (how SQLite hands them back)."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc)


class UTCDateTime(sa.types.TypeDecorator):
    """`timestamptz` on PostgreSQL, naive-UTC text on SQLite; always aware UTC in Python."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        value = as_utc(value)
        if value is not None and dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):
        return as_utc(value)
