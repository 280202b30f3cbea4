"""The parser worker pool: a runaway parse is killed at its deadline, and nothing else waits for it."""

from __future__ import annotations

import asyncio
import os
import time

import pytest

from bot.reader.errors import FeedParseError
from bot.reader.isolation import WorkerPool
from bot.reader.parse_isolated import parse_feed_isolated
from bot.reader.parser import parse_feed

GOOD = b'<rss version="2.0"><channel><title>ok</title><item><guid>1</guid><title>Fine</title></item></channel></rss>'


def spin(seconds: float) -> None:
    """Stands in for a parse that runs away (a catastrophic regex)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


def crash() -> None:
    os._exit(3)


def allocate(n: int) -> int:
    return len(bytearray(n))


@pytest.fixture
def pool():
    p = WorkerPool(size=2)
    yield p
    p.close()


async def test_a_runaway_parse_is_killed_and_the_others_carry_on(pool: WorkerPool):
    started = time.perf_counter()
    runaway = asyncio.create_task(pool.run(spin, 30.0, timeout_s=1.5))
    others = [await pool.run(parse_feed, GOOD, "u", None, timeout_s=5) for _ in range(5)]
    assert all(o.entries[0].title == "Fine" for o in others)
    assert not runaway.done()          # the good feeds finished while the bad one was still running
    with pytest.raises(FeedParseError, match="parsing took longer than 1.5 s"):
        await runaway
    assert time.perf_counter() - started < 6   # two cold worker starts + the 1.5 s limit
    assert pool.kills == 1
    again = await pool.run(parse_feed, GOOD, "u", None, timeout_s=5)   # the slot was replaced
    assert again.entries[0].title == "Fine"


async def test_a_crashed_worker_is_replaced(pool: WorkerPool):
    with pytest.raises(FeedParseError, match="crashed"):
        await pool.run(crash, timeout_s=5)
    assert (await pool.run(parse_feed, GOOD, "u", None, timeout_s=5)).title == "ok"


async def test_a_worker_cannot_eat_the_machines_memory(pool: WorkerPool):
    with pytest.raises(FeedParseError, match="out of memory"):
        await pool.run(allocate, 4 * 1024**3, timeout_s=10)
    assert await pool.run(allocate, 10 * 1024**2, timeout_s=10) == 10 * 1024**2


async def test_parse_errors_pass_through_with_their_reason(pool: WorkerPool):
    with pytest.raises(FeedParseError, match="empty body"):
        await pool.run(parse_feed, b"", "u", None, timeout_s=5)
    assert pool.kills == 0


async def test_parse_feed_isolated_gives_the_same_result_as_parse_feed():
    assert await parse_feed_isolated(GOOD, "https://x.example/") == parse_feed(GOOD, "https://x.example/")
