"""`/readyz` answers with its status code: 503 while the database is away, 200 once it is back."""

from __future__ import annotations

import os
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from bot.runtime import Runtime
from bot.settings import Settings
from bot.store import Store
from tests.fakes.tcp_proxy import TcpProxy
from tests.ops.conftest import get, ops_server

PG_URL = os.environ.get("TEST_DATABASE_URL")


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL not set")
async def test_readyz_follows_the_database_through_an_outage():
    url = make_url(PG_URL)
    proxy = await TcpProxy(url.port or 5432, url.host or "127.0.0.1").start()
    schema = f"t_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(PG_URL)
    async with admin.begin() as conn:
        await conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    via_proxy = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    store = await Store.open(via_proxy, schema=schema)
    try:
        await store.migrate()
        rt = Runtime(settings=Settings(), store=store, fetcher=None, router=None)
        async with ops_server(rt) as base:
            status, body = await get(base + "/readyz")
            assert status == 200, body
            assert "database: ok" in body and "migrations: ok" in body

            await proxy.cut()                        # the database goes away
            status, body = await get(base + "/readyz")
            assert status == 503, body
            assert "database: FAIL" in body
            assert str(proxy.port) not in body and "postgres" not in body   # no URL in the answer
            status, _ = await get(base + "/livez")   # the process itself is still alive
            assert status == 200

            await proxy.restore()                    # ... and comes back
            status, body = await get(base + "/readyz")
            assert status == 200, body
    finally:
        await store.close()
        await proxy.close()
        async with admin.begin() as conn:
            await conn.execute(sa.text(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE'))
        await admin.dispose()


async def test_readyz_is_503_until_migrations_are_current(tmp_path):
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'unmigrated.db'}")
    try:
        rt = Runtime(settings=Settings(), store=store, fetcher=None, router=None)
        async with ops_server(rt) as base:
            status, body = await get(base + "/readyz")
            assert status == 503 and "migrations: FAIL: at none" in body, body
            await store.migrate()
            status, body = await get(base + "/readyz")
            assert status == 200, body
    finally:
        await store.close()


async def test_readyz_waits_for_an_enabled_front_end(store):
    settings = Settings(discord={"enabled": True})
    rt = Runtime(settings=settings, store=store, fetcher=None, router=None)
    async with ops_server(rt) as base:
        status, body = await get(base + "/readyz")
        assert status == 503 and "discord gateway: FAIL: starting" in body
        connected = False
        rt.probes["discord gateway"] = lambda: connected
        assert (await get(base + "/readyz"))[0] == 503
        connected = True
        assert (await get(base + "/readyz"))[0] == 200
