"""A migrated Store on SQLite (always) and on PostgreSQL (when TEST_DATABASE_URL is set).

Each PostgreSQL test gets its own schema, dropped afterwards, so tests never see each other's rows
and other suites using the same database are left alone.
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


@pytest.fixture(params=BACKENDS)
async def db(request, tmp_path) -> AsyncIterator[Database]:
    if request.param == "sqlite":
        database = Database(f"sqlite+aiosqlite:///{tmp_path / 'newsbot.db'}")
        yield database
        for store in database.opened:
            await store.close()
        return
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(PG_URL)
    async with admin.begin() as conn:
        await conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    database = Database(PG_URL, schema)
    try:
        yield database
    finally:
        for store in database.opened:
            await store.close()
        async with admin.begin() as conn:
            await conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        await admin.dispose()


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
