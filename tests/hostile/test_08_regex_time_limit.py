"""TESTING.md 8: a feed that sends feedparser's author regex into a ~15 s backtrack is cut off.

Parsing runs in a worker process with a hard time limit; at the limit the worker is killed and
replaced, the feed gets a readable error, and other feeds are parsed meanwhile.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.reader.isolation import WorkerPool
from bot.reader.parser import FeedParseError, parse_feed, parse_feed_isolated

GOOD = b'<rss version="2.0"><channel><title>ok</title><item><guid>1</guid><title>Fine</title></item></channel></rss>'
SLOW = ('<rss version="2.0"><channel><title>t</title><item><title>x</title><author>a@'
        + "a-" * 32_768 + "</author></item></channel></rss>").encode()   # the 64 KB author


async def test_the_runaway_feed_fails_readably_within_its_limit():
    started = time.perf_counter()
    with pytest.raises(FeedParseError) as exc:
        await parse_feed_isolated(SLOW, "https://slow.example/feed", timeout_s=0.5)
    assert exc.value.reason == "parsing took longer than 0.5 s"
    assert time.perf_counter() - started < 3        # not the ~15 s feedparser would take
    feed = await parse_feed_isolated(GOOD, "https://ok.example/feed", timeout_s=5)
    assert feed.entries[0].title == "Fine"          # the pool is usable straight after the kill


async def test_other_feeds_carry_on_while_one_runs_away():
    pool = WorkerPool(size=2)
    try:
        runaway = asyncio.create_task(pool.run(parse_feed, SLOW, "u", None, timeout_s=1.5))
        await asyncio.sleep(0)
        started = time.perf_counter()
        done = [await pool.run(parse_feed, GOOD, f"https://f{i}.example/", None, timeout_s=5) for i in range(10)]
        assert time.perf_counter() - started < 1.5 and not runaway.done()
        assert all(d.entries for d in done)
        with pytest.raises(FeedParseError, match="longer than 1.5 s"):
            await runaway
        assert pool.kills == 1
    finally:
        pool.close()
