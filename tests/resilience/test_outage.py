"""TESTING.md 20 through the real outbox and store: the Discord channel answers 500 (or 503) for ten
minutes, then recovers; every alert arrives once, in the order it was queued.

Time is the drain's `now`, advanced 15 s per tick, so ten minutes take well under a second of
wall time. discord.py retries a 500 itself with 1-7 s sleeps; those sleeps are skipped here.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta, timezone

import discord
import pytest

from bot.delivery.outbox import BACKOFF_MAX_S, backoff, drain
from bot.delivery.router import Router
from bot.settings import Settings
from tests.resilience.helpers import queue_alerts

CHANNEL = 222222222222222222
DEST = f"discord:{CHANNEL}"
TITLES = [f"Troops report {i:02d}" for i in range(8)]
TICK = timedelta(seconds=15)
T0 = datetime(2026, 11, 27, 12, 0, tzinfo=timezone.utc)


@pytest.fixture
def no_library_sleeps(monkeypatch):
    class NoWaitAsyncio:  # asyncio as discord.http sees it, minus the waiting between its own retries
        def __getattr__(self, name):
            return getattr(asyncio, name)

        async def sleep(self, _delay, result=None):
            return await asyncio.sleep(0, result)

    monkeypatch.setattr(discord.http, "asyncio", NoWaitAsyncio())


def message_posts(fake) -> int:
    return sum(1 for r in fake.requests if r.method == "POST" and r.path.endswith("/messages"))


@pytest.mark.parametrize("status", [500, 503])
async def test_20_ten_minutes_down_then_every_alert_arrives_once_in_order(
        fake_discord, rest_client, store, no_library_sleeps, status):
    await queue_alerts(store, TITLES, (DEST,))
    router = Router(Settings(), discord_client=rest_client)
    fake_discord.outage_status = status

    now, drains_while_down = T0, 0
    while now < T0 + timedelta(minutes=10):
        assert await drain(store, router, now) == 0
        drains_while_down += 1
        now += TICK
    assert fake_discord.posted() == []
    # Backoff, not hammering: only the head row was tried, and far fewer times than there were ticks.
    heads = {r.json["nonce"] for r in fake_discord.requests if r.path.endswith("/messages")}
    assert len(heads) == 1
    tries = message_posts(fake_discord) // (5 if status == 500 else 1)   # discord.py: 5 tries per 500
    assert 4 <= tries <= 8 and drains_while_down == 40
    counts = await store.outbox_counts()
    assert counts["pending"] == len(TITLES) and counts["failed"] == 0

    fake_discord.outage_status = None
    back_at = now
    while len(fake_discord.posted()) < len(TITLES):
        assert now - back_at <= timedelta(seconds=backoff(tries)), "the outbox never came back"
        await drain(store, router, now)
        now += TICK
    await drain(store, router, now + timedelta(seconds=BACKOFF_MAX_S))   # nothing left to send twice

    posted = [m["embeds"][0]["title"] for m in fake_discord.posted()]
    assert posted == TITLES
    assert len({m["nonce"] for m in fake_discord.posted()}) == len(TITLES)
    assert await store.outbox_counts() == {"pending": 0, "sent": len(TITLES), "failed": 0, "paused": 0}
