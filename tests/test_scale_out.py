"""Several processes on one PostgreSQL database share the work: each feed polled once per cycle,
each alert queued once, each delivery sent once. (Two runtimes with their own engines and
connection pools stand in for two processes: the database cannot tell the difference.)"""

from __future__ import annotations

import asyncio
import os
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from bot.delivery import outbox
from bot.pipeline import refresh_due
from bot.runtime import open_runtime
from bot.settings import Settings
from tests.fakes.feed_server import FeedServer

PG_URL = os.environ.get("TEST_DATABASE_URL")
pytestmark = [pytest.mark.postgres, pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL not set")]
FEEDS = 12


class Recorder:
    def __init__(self) -> None:
        self.sent: list[str] = []

    def get(self, destination: str) -> "Recorder":
        return self

    async def send(self, alert, nonce: str) -> str:
        self.sent.append(nonce)
        await asyncio.sleep(0)          # let the other "process" interleave
        return nonce

    async def close(self) -> None:
        pass


@pytest.fixture
async def fresh_database():
    name = f"newsbot_scale_{uuid.uuid4().hex[:10]}"
    admin = create_async_engine(PG_URL, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        async with admin.connect() as conn:
            await conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


def rss(i: int) -> bytes:
    items = "".join(f"<item><guid>f{i}-{k}</guid><title>North Korean troops item {i}-{k}</title>"
                    f"<description>Pyongyang sent {k + 2},000 soldiers to Russia, officials said.</description>"
                    f"</item>" for k in range(2))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>F{i}</title>{items}</channel></rss>'.encode()


async def test_two_processes_never_poll_a_feed_twice_and_deliver_each_alert_once(fresh_database):
    async with FeedServer() as srv:
        for i in range(FEEDS):
            srv.serve(f"/f{i}.xml", rss(i), content_type="application/rss+xml")
        settings = Settings(
            database={"url": fresh_database}, fetch={"allow_private_addresses": True, "per_host_concurrency": 8},
            feeds=[{"url": srv.url(f"/f{i}.xml"), "name": f"F{i}", "backfill": 5} for i in range(FEEDS)],
            topics=[{"name": "nk", "query": '"north korea*" AND (troops OR soldiers)', "channels": ["console"]}])
        a, b = Recorder(), Recorder()
        async with open_runtime(settings, router=a) as rt_a, open_runtime(settings, router=b) as rt_b:
            stats = await asyncio.gather(refresh_due(rt_a), refresh_due(rt_b))
            await asyncio.gather(outbox.drain(rt_a.store, a, rt_a.clock()), outbox.drain(rt_b.store, b, rt_b.clock()))
            counts = await rt_a.store.outbox_counts()
        fetched = [srv.hits(f"/f{i}.xml") for i in range(FEEDS)]
    assert fetched == [1] * FEEDS                                   # no feed polled twice in one cycle
    assert sum(s.feeds for s in stats) == FEEDS
    assert sum(s.alerts for s in stats) == FEEDS * 2                # every item alerted, once
    assert sorted(a.sent + b.sent) == sorted(set(a.sent + b.sent))  # no delivery sent twice
    assert len(a.sent + b.sent) == FEEDS * 2 and counts["sent"] == FEEDS * 2
