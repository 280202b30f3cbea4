"""TESTING.md 8: catastrophic regex in feedparser cannot stall polling.

Two layers: the known case (a 64 KB `<author>` like `a@a-a-a-...`, ~15 s in feedparser's e-mail
regex) is defused by capping the author string before that regex runs; and every parse runs in a
worker process with a hard time limit, so an unforeseen runaway is killed, the feed gets a readable
error, and other feeds are parsed meanwhile.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.reader import feedparser_path
from bot.reader.isolation import WorkerPool
from bot.reader.parse_isolated import parse_feed_isolated
from bot.reader.parser import FeedParseError, parse_feed

GOOD = b'<rss version="2.0"><channel><title>ok</title><item><guid>1</guid><title>Fine</title></item></channel></rss>'
SLOW = ('<rss version="2.0"><channel><title>t</title><item><title>x</title><author>a@'
        + "a-" * 32_768 + "</author></item></channel></rss>").encode()   # the 64 KB author


def parse_with_the_author_cap_off(body: bytes) -> object:
    """Runs in the worker: the real ~15 s feedparser behaviour, standing in for any unknown runaway."""
    feedparser_path.AUTHOR_MAX_CHARS = None
    return parse_feed(body, "https://slow.example/feed", fast=False)


def test_the_known_author_bomb_is_defused():
    started = time.perf_counter()
    feed = parse_feed(SLOW, "https://slow.example/feed")
    assert time.perf_counter() - started < 1
    assert feed.entries[0].title == "x" and len(feed.entries[0].author or "") <= 500


async def test_a_runaway_parse_is_killed_at_the_limit_and_others_carry_on():
    pool = WorkerPool(size=2)
    try:
        pool.warm_up()
        runaway = asyncio.create_task(pool.run(parse_with_the_author_cap_off, SLOW, timeout_s=1.0))
        await asyncio.sleep(0)
        started = time.perf_counter()
        done = [await pool.run(parse_feed, GOOD, f"https://f{i}.example/", None, timeout_s=5) for i in range(10)]
        assert time.perf_counter() - started < 1.0 and not runaway.done()
        assert all(d.entries for d in done)
        with pytest.raises(FeedParseError) as exc:
            await runaway
        assert exc.value.reason == "parsing took longer than 1 s"
        assert time.perf_counter() - started < 3          # not the ~15 s the parse wanted
        assert pool.kills == 1
        assert (await pool.run(parse_feed, GOOD, "u", None, timeout_s=5)).entries   # slot replaced
    finally:
        pool.close()


async def test_parse_feed_isolated_enforces_its_time_limit():
    items = "".join(f"<item><guid>{i}</guid><title>Item {i}</title><description>{'word ' * 50}</description></item>"
                    for i in range(5000))
    big = f'<rss version="2.0"><channel><title>big</title>{items}</channel></rss>'.encode()   # ~1-2 s to parse
    await parse_feed_isolated(GOOD, "u")                  # worker warm, so only parsing is timed
    with pytest.raises(FeedParseError, match=r"^parsing took longer than 0.05 s$"):
        await parse_feed_isolated(big, "https://big.example/feed", timeout_s=0.05)
    assert (await parse_feed_isolated(GOOD, "u")).entries   # and the pool still works
