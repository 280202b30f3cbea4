"""The Alembic revisions build exactly the tables the code uses, and upgrading twice is harmless."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
import sqlalchemy as sa

from bot.store.migrate import MIGRATIONS
from bot.store.schema import metadata


async def test_upgrade_is_idempotent_and_stamps_head(fresh_db):
    store = await fresh_db.open()
    await store.migrate()
    async with store.engine.connect() as conn:
        version = (await conn.execute(sa.text("SELECT version_num FROM alembic_version"))).scalar_one()
        tables = await conn.run_sync(lambda c: set(sa.inspect(c).get_table_names()))
    assert version == "0001"
    assert {"feeds", "entries", "topics", "subscriptions", "matches", "figures", "alerts",
            "outbox"} <= tables


async def test_migrated_schema_matches_the_code(fresh_db):
    store = await fresh_db.open()

    def diff(conn):
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        return compare_metadata(ctx, metadata)

    async with store.engine.connect() as conn:
        assert await conn.run_sync(diff) == []


async def test_two_processes_migrating_at_once_both_succeed(fresh_db):
    import asyncio

    a, b = await fresh_db.open(migrate=False), await fresh_db.open(migrate=False)
    await asyncio.gather(a.migrate(), b.migrate())
    assert await a.list_feeds() == []


def test_migration_files_ship_inside_the_package():
    assert (MIGRATIONS / "env.py").is_file()
    assert any(p.suffix == ".py" for p in (MIGRATIONS / "versions").iterdir())
