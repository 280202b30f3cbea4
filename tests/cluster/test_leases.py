"""Leases on feeds and outbox rows (SQLite and PostgreSQL): a live process keeps what it is working
on however long it takes, a dead one's work goes to the others within one lease, and outbox
claims from two processes never split one destination's rows."""

from __future__ import annotations

import asyncio
import contextlib
from datetime import datetime, timedelta, timezone

from bot.cluster.leases import LeaseKeeper
from bot.delivery.outbox import drain
from bot.pipeline import refresh_due
from bot.runtime import open_runtime
from bot.settings import Settings
from tests.fakes.feed_server import FeedServer
from tests.resilience.helpers import rss, wait_for
from tests.store.test_outbox import make_alerts

T0 = datetime(2026, 12, 6, 12, tzinfo=timezone.utc)
LEASE = 30.0


class Clock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def settings_for(database, feed_url: str) -> Settings:
    where = {"url": database.url, **({"schema": database.schema} if database.schema else {})}
    return Settings(database=where, fetch={"allow_private_addresses": True}, run={"lease": LEASE},
                    feeds=[{"url": feed_url, "name": "Slow wire", "interval": "10m"}])


@contextlib.asynccontextmanager
async def two_processes(database, feed_url: str, clock: Clock):
    settings = settings_for(database, feed_url)
    async with open_runtime(settings) as a, open_runtime(settings) as b:
        a.clock = b.clock = clock
        yield a, b


async def test_a_poll_slower_than_its_lease_keeps_its_feed_while_the_poller_lives(db):
    async with FeedServer() as srv:
        answer = asyncio.Event()
        srv.serve("/slow.xml", rss([("g1", "Troops at the border")]), hold=answer)
        clock = Clock(T0)
        async with two_processes(db, srv.url("/slow.xml"), clock) as (a, b):
            polling = asyncio.create_task(refresh_due(a))
            await wait_for(lambda: srv.in_flight == 1, 10, "the poll to reach the server")
            for _ in range(4):                     # a minute and a half: three leases, renewed
                clock.advance(LEASE * 0.75)
                await a.leases.renew()
                assert await b.store.due_feeds(clock(), lease_s=LEASE) == []   # nobody polls it twice
            answer.set()
            assert (await polling).feeds == 1
            assert await b.store.due_feeds(clock(), lease_s=LEASE) == []       # done: due in 10 min
    assert srv.hits("/slow.xml") == 1


async def test_a_poller_killed_mid_poll_leaves_its_feed_to_another_within_one_lease(db):
    """What kill -9 leaves behind: a claim nobody renews and nobody hands back (a stop that runs its
    clean-up hands feeds back at once instead; the real SIGKILL is tests/cluster/test_processes.py)."""
    async with FeedServer() as srv:
        srv.serve("/wire.xml", rss([("g1", "Troops at the border")]))
        clock = Clock(T0)
        async with two_processes(db, srv.url("/wire.xml"), clock) as (a, b):
            [claimed] = await a.store.due_feeds(clock(), lease_s=LEASE)     # then the process is gone
            clock.advance(LEASE - 1)
            assert await b.store.due_feeds(clock(), lease_s=LEASE) == []
            clock.advance(2)
            assert (await refresh_due(b)).feeds == 1     # taken over one lease after the claim
    assert srv.hits("/wire.xml") == 1


async def test_a_send_slower_than_its_lease_holds_its_destination_while_the_sender_lives(db):
    a, b = await db.open(), await db.open()
    alerts = await make_alerts(a, 2, destinations=("discord:1",))
    for alert in alerts:
        await a.enqueue(alert.id, ["discord:1"])
    clock = Clock(T0)
    keeper = LeaseKeeper(a, LEASE, clock)
    router = SlowRouter()
    sending = asyncio.create_task(drain(a, router, clock(), lease_s=LEASE, leases=keeper))
    await router.started.wait()
    for _ in range(4):
        clock.advance(LEASE * 0.75)
        await keeper.renew()
        assert await b.due_deliveries(clock(), lease_s=LEASE) == []     # neither row, nor the later one
    router.answer.set()
    assert await sending == 2
    assert router.sent == sorted(router.sent) and len(set(router.sent)) == 2
    assert (await b.outbox_counts())["sent"] == 2


async def test_outbox_claims_from_two_processes_never_split_a_destination(db):
    """Claims race each other: a claim beside another's uncommitted one must not take a later row
    of the same destination (it would go out before the earlier one, by another process)."""
    a, b = await db.open(), await db.open()
    alerts = await make_alerts(a, 40, destinations=("discord:1",))
    for alert in alerts:
        await a.enqueue(alert.id, ["discord:1"])
    for round_ in range(10):
        now = T0 + timedelta(minutes=round_)
        got_a, got_b = await asyncio.gather(a.due_deliveries(now, 4, lease_s=LEASE),
                                            b.due_deliveries(now, 4, lease_s=LEASE))
        assert not (got_a and got_b), (got_a, got_b)          # one of them holds the destination
        for d in got_a + got_b:
            await a.mark_sent(d.id, None)
    assert (await a.outbox_counts())["sent"] == 40


class SlowRouter:
    """One destination whose first send takes as long as the test wants."""

    def __init__(self) -> None:
        self.started, self.answer = asyncio.Event(), asyncio.Event()
        self.sent: list[int] = []

    def get(self, destination: str) -> "SlowRouter":
        return self

    async def send(self, alert, nonce: str) -> str:
        self.started.set()
        await self.answer.wait()
        self.sent.append(alert.id)
        return nonce
