"""A migrated Store on SQLite (always) and on PostgreSQL (when TEST_DATABASE_URL is set).

PostgreSQL tests use a schema of their own (one per session, emptied before each test; migration
tests get a brand-new one), so they never see each other's rows and other suites sharing the
database are left alone.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from bot.models import Entry, Feed
from bot.store import Store

PG_URL = os.environ.get("TEST_DATABASE_URL")
BACKENDS = ["sqlite", pytest.param("postgresql", marks=[
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL not set"),
])]


@dataclass
class Database:
    """Where a test's tables live; open() gives another Store on them (a restart, a second process)."""

    url: str
    schema: str | None = None
    opened: list[Store] = field(default_factory=list)

    @property
    def backend(self) -> str:
        return "postgresql" if self.url.startswith("postgresql") else "sqlite"

    async def open(self, migrate: bool = True) -> Store:
        store = await Store.open(self.url, schema=self.schema)
        self.opened.append(store)
        if migrate:
            await store.migrate()
        return store


TABLES = ("seen_requests", "story_members", "stories", "outbox", "alerts", "figures", "matches", "subscriptions", "topics",
          "entries", "feeds")


async def _create_schema(schema: str) -> None:
    admin = create_async_engine(PG_URL)
    try:
        async with admin.begin() as conn:
            await conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    finally:
        await admin.dispose()


async def _drop_schema(schema: str) -> None:
    admin = create_async_engine(PG_URL)
    try:
        async with admin.begin() as conn:
            await conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
    finally:
        await admin.dispose()


async def _migrate(schema: str) -> None:
    store = await Store.open(PG_URL, schema=schema)
    try:
        await store.migrate()
    finally:
        await store.close()


@pytest.fixture(scope="session")
def pg_schema():
    """One migrated schema for the session (migrating per test is the slow part); emptied per test."""
    import asyncio

    if not PG_URL:
        yield None
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    asyncio.run(_create_schema(schema))
    try:
        asyncio.run(_migrate(schema))
        yield schema
    finally:
        asyncio.run(_drop_schema(schema))


async def _close_all(database: Database) -> None:
    for store in database.opened:
        await store.close()


@pytest.fixture(params=BACKENDS)
async def db(request, tmp_path, pg_schema) -> AsyncIterator[Database]:
    """A database with the schema at head and no rows."""
    if request.param == "sqlite":
        database = Database(f"sqlite+aiosqlite:///{tmp_path / 'newsbot.db'}")
    else:
        schema = pg_schema
        admin = create_async_engine(PG_URL, connect_args={"server_settings": {"search_path": schema}})
        async with admin.begin() as conn:   # DELETE: much faster than TRUNCATE on near-empty tables
            for table in TABLES:
                await conn.execute(sa.text(f"DELETE FROM {table}"))
        await admin.dispose()
        database = Database(PG_URL, schema)
    yield database
    await _close_all(database)


@pytest.fixture(params=BACKENDS)
async def fresh_db(request, tmp_path) -> AsyncIterator[Database]:
    """An empty database with no tables at all (for migration tests): a new schema on PostgreSQL."""
    if request.param == "sqlite":
        database = Database(f"sqlite+aiosqlite:///{tmp_path / 'fresh.db'}")
        yield database
        await _close_all(database)
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    await _create_schema(schema)
    database = Database(PG_URL, schema)
    try:
        yield database
    finally:
        await _close_all(database)
        await _drop_schema(schema)


@pytest.fixture
async def store(db: Database) -> Store:
    return await db.open()


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def entry(n: int, *, published: datetime | None = None, **kw) -> Entry:
    """Entry number n with distinct uid, link and content unless overridden."""
    values = {"uid": f"uid-{n}", "title": f"Title {n}", "text": f"Body {n}",
              "link": f"https://news.example/{n}", "published": published, "content_hash": f"h{n}"}
    values.update(kw)
    return Entry(**values)


async def stored_feed(store: Store, url: str = "https://news.example/feed", **kw) -> Feed:
    return await store.add_feed(Feed(url=url, name=kw.pop("name", "Example News"), **kw))


async def polled_feed(store: Store, **kw) -> Feed:
    """A feed that has been fetched before (so new entries alert)."""
    feed = await stored_feed(store, **kw)
    await store.record_fetch_ok(feed.id, etag=None, last_modified=None,
                                next_check_at=utc(2026, 1, 1), fetched_at=utc(2026, 1, 1))
    return await store.get_feed(feed.id)
