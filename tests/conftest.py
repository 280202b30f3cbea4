"""Fixtures shared across the suite: the store (on SQLite, and on PostgreSQL when TEST_DATABASE_URL is
set), the local fake network peers, and the path to ../shared.

PostgreSQL tests use a schema of their own (one per session, emptied before each test; migration
tests get a brand-new one), so they never see each other's rows and other suites sharing the
database are left alone.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.ext.asyncio import create_async_engine

from bot.store import Store

pytest_plugins = ["tests.fakes.fixtures"]

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared; the calling test is skipped when a user's clone has no ../shared."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is absent (only developer machines and CI have ../shared)")
    return path


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


TABLES = ("send_budgets", "seen_requests", "story_members", "stories", "outbox", "alerts", "figures", "matches", "subscriptions", "topics",
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


@pytest.fixture
def cli_config(db: Database, tmp_path) -> str:
    """A config file whose database is the test's store, for driving the CLI on the same data.

    PostgreSQL tests keep their tables in a schema of their own, which a config URL cannot name.
    """
    if db.backend != "sqlite":
        pytest.skip("the CLI opens the database named in a config file; that is the SQLite run's")
    path = tmp_path / "newsbot.toml"
    path.write_text(f'[database]\nurl = "{db.url}"\n', encoding="utf-8")
    return str(path)
