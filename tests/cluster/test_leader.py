"""One holder of a role at a time across processes (PostgreSQL advisory lock on a dedicated
connection): another takes over within seconds when the holder goes, a holder that loses its
database gives the role up, and the two never run the role's work at once."""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
import uuid

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from bot.cluster.leader import Leadership, lock_key
from tests.fakes.tcp_proxy import TcpProxy

PG_URL = os.environ.get("TEST_DATABASE_URL")
FAST = {"check_s": 0.2, "ping_timeout_s": 0.5}


class Role:
    """The role's work: records who runs it, and the most that ever ran at once."""

    def __init__(self) -> None:
        self.running: set[str] = set()
        self.most_at_once = 0
        self.stopped: dict[str, float] = {}

    def work(self, who: str):
        async def run() -> None:
            self.running.add(who)
            self.most_at_once = max(self.most_at_once, len(self.running))
            try:
                await asyncio.Event().wait()
            finally:
                self.running.discard(who)
                self.stopped[who] = time.monotonic()
        return run


async def until(predicate, *leaders: Leadership, timeout: float = 10.0) -> float:
    """Wait for `predicate()` to hold, waking on every change of the leaders; returns seconds taken."""
    start = time.monotonic()
    while not predicate():
        left = timeout - (time.monotonic() - start)
        if left <= 0:
            raise AssertionError("condition not reached in time")
        waits = [asyncio.ensure_future(leader.changed.wait()) for leader in leaders]
        await asyncio.wait(waits, timeout=left, return_when=asyncio.FIRST_COMPLETED)
        for w in waits:
            w.cancel()
    return time.monotonic() - start


@contextlib.asynccontextmanager
async def running(*pairs):
    tasks = [asyncio.create_task(leader.run(work)) for leader, work in pairs]
    try:
        yield tasks
    finally:
        for t in tasks:
            t.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)


def role_name() -> tuple[str, str]:
    return "discord gateway", f"t_{uuid.uuid4().hex[:12]}"     # a schema of its own: its own lock key


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL not set")
async def test_one_holder_and_another_takes_over_within_seconds_when_it_stops():
    name, schema = role_name()
    a, b = Leadership(name, PG_URL, schema=schema, **FAST), Leadership(name, PG_URL, schema=schema, **FAST)
    role = Role()
    async with running((a, role.work("a"))) as (task_a,):
        await until(lambda: a.held, a)
        async with running((b, role.work("b"))):
            await until(lambda: b.state == "standby", b)
            assert role.running == {"a"}
            task_a.cancel()                              # the holder goes away
            took = await until(lambda: b.held, a, b)
            assert took < 3 and role.running == {"b"}
    assert role.most_at_once == 1


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL not set")
async def test_a_killed_holders_session_frees_the_role_for_another():
    """What kill -9 does to the holder's database session: the server ends it and frees the lock."""
    name, schema = role_name()
    a, b = Leadership(name, PG_URL, schema=schema, **FAST), Leadership(name, PG_URL, schema=schema, **FAST)
    role = Role()
    admin = create_async_engine(PG_URL, isolation_level="AUTOCOMMIT")
    try:
        async with running((a, role.work("a")), (b, role.work("b"))):
            await until(lambda: a.held or b.held, a, b)
            holder = "a" if a.held else "b"
            key = lock_key(name, schema) & 0xFFFFFFFFFFFFFFFF     # pg_locks shows it as two oids
            async with admin.connect() as conn:
                ended = await conn.execute(sa.text(
                    "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' "
                    "AND granted AND classid = :high AND objid = :low"), {"high": key >> 32, "low": key & 0xFFFFFFFF})
                assert ended.scalars().all() == [True]
            await until(lambda: holder in role.stopped, a, b)       # the holder stopped its work
            await until(lambda: a.held or b.held, a, b)              # and the role is held again
            assert len(role.running) == 1
    finally:
        await admin.dispose()


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL not set")
async def test_a_holder_cut_off_from_its_database_gives_the_role_up_before_anyone_else_can_take_it():
    name, schema = role_name()
    url = make_url(PG_URL)
    proxy = await TcpProxy(url.port or 5432, url.host or "127.0.0.1").start()
    via_proxy = url.set(host="127.0.0.1", port=proxy.port).render_as_string(hide_password=False)
    a, b = Leadership(name, via_proxy, schema=schema, **FAST), Leadership(name, PG_URL, schema=schema, **FAST)
    role = Role()
    try:
        async with running((a, role.work("a"))):
            await until(lambda: a.held, a)
            async with running((b, role.work("b"))):
                await until(lambda: b.state == "standby", b)
                proxy.freeze()                           # a partition: no FIN, no RST, just silence
                frozen_at = time.monotonic()
                await until(lambda: not a.held, a)
                assert role.stopped["a"] - frozen_at < 1.5   # gave up within check_s + ping timeout
                assert not b.held                            # the server still holds a's session
                await proxy.cut()                            # the server learns a's session is gone
                await until(lambda: b.held, b)
                assert role.running == {"b"}
    finally:
        await proxy.close()
    assert role.most_at_once == 1


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL not set")
async def test_work_that_fails_ends_run_with_its_error_and_frees_the_role():
    name, schema = role_name()
    a, b = Leadership(name, PG_URL, schema=schema, **FAST), Leadership(name, PG_URL, schema=schema, **FAST)

    async def rejected_token() -> None:
        raise PermissionError("the token was rejected")

    with pytest.raises(PermissionError, match="rejected"):
        await asyncio.wait_for(a.run(rejected_token), 10)
    role = Role()
    async with running((b, role.work("b"))):
        await until(lambda: b.held, b)


async def test_on_sqlite_the_one_process_simply_holds_the_role(tmp_path):
    leader = Leadership("discord gateway", f"sqlite+aiosqlite:///{tmp_path / 'x.db'}")
    role = Role()
    async with running((leader, role.work("only"))):
        await until(lambda: leader.held, leader)
        assert role.running == {"only"} and leader.state == "holder"
