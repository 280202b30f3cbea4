"""What every part of the Store shares: the engine, read/write transactions, the dialect's INSERT."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.pool import StaticPool

from bot.store.engine import WRITE_OPTION


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class StoreBase:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        self._writer = engine.execution_options(**{WRITE_OPTION: True})
        # SQLite has one writer at a time anyway; queueing here keeps waiting off the busy handler.
        self._write_lock = asyncio.Lock() if self.dialect == "sqlite" else None
        # In-memory SQLite is one shared connection: readers must queue behind writers too.
        self._read_lock = self._write_lock if isinstance(engine.pool, StaticPool) else None

    @asynccontextmanager
    async def _read(self) -> AsyncIterator[AsyncConnection]:
        if self._read_lock is None:
            async with self.engine.connect() as conn:
                yield conn
            return
        async with self._read_lock:
            async with self.engine.connect() as conn:
                yield conn

    @asynccontextmanager
    async def _write(self) -> AsyncIterator[AsyncConnection]:
        if self._write_lock is None:
            async with self._writer.begin() as conn:
                yield conn
            return
        async with self._write_lock:
            async with self._writer.begin() as conn:
                yield conn

    def _insert(self, table: sa.Table):
        """INSERT with ON CONFLICT support for the backend in use."""
        if self.dialect == "postgresql":
            return postgresql.insert(table)
        return sqlite.insert(table)
