"""The Alembic revisions build exactly the tables the code uses, and upgrading twice is harmless."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
import sqlalchemy as sa

from bot.store.migrate import MIGRATIONS
from bot.store.schema import metadata


def _head() -> str:
    """The newest revision in the migrations folder (each new migration moves it)."""
    from alembic.script import ScriptDirectory

    return ScriptDirectory(str(MIGRATIONS)).get_current_head()


async def test_upgrade_is_idempotent_and_stamps_head(fresh_db):
    store = await fresh_db.open()
    await store.migrate()
    async with store.engine.connect() as conn:
        version = (await conn.execute(sa.text("SELECT version_num FROM alembic_version"))).scalar_one()
        tables = await conn.run_sync(lambda c: set(sa.inspect(c).get_table_names()))
    assert version == _head()
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


async def test_upgrading_a_0001_database_keeps_its_rows_and_marks_old_entries_processed(fresh_db):
    from alembic import command

    from bot.store.migrate import alembic_config

    store = await fresh_db.open(migrate=False)
    async with store.engine.begin() as conn:
        await conn.run_sync(lambda c: command.upgrade(alembic_config(c), "0001"))
        await conn.execute(sa.text(
            "INSERT INTO feeds (id, url, name) VALUES (1, 'https://old.example/', 'Old')"))
        await conn.execute(sa.text(
            "INSERT INTO entries (id, feed_id, uid, title, text, seen_at) "
            "VALUES (1, 1, 'u1', 't', 'x', '2026-01-01 00:00:00')"))
        await conn.execute(sa.text("INSERT INTO topics (id, name, query) VALUES (1, 't', 'q')"))
        await conn.execute(sa.text(
            "INSERT INTO alerts (id, entry_id, topic_id, why, summary, created_at) "
            "VALUES (1, 1, 1, '{}', 's', '2026-01-01 00:00:00')"))
    await store.migrate()
    assert await store.unprocessed_entries() == []
    assert (await store.get_alert(1)).entry.uid == "u1"

    async with store.engine.begin() as conn:      # and back down, rows intact
        await conn.run_sync(lambda c: command.downgrade(alembic_config(c), "0001"))
        count = (await conn.execute(sa.text("SELECT count(*) FROM alerts"))).scalar_one()
    assert count == 1
