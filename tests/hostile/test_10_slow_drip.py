"""TESTING.md 10: a server that drips bytes is cut off by the overall deadline, not per-read timeouts.

The deadline is 0.5 s here (20 s in production) and the server sends a byte every 50 ms, so every
single read succeeds well within any per-read timeout: only a deadline over the whole fetch ends it.
"""

from __future__ import annotations

import asyncio
import time

import pytest

from bot.reader.fetcher import Fetcher, FetchError
from tests.fakes.feed_server import FeedServer, RawServer, feed_server  # noqa: F401

BODY = b'<rss version="2.0"><channel><title>drip</title></channel></rss>' * 10


async def test_a_dripping_body_is_cut_at_the_deadline(feed_server: FeedServer):
    feed_server.serve("/drip", BODY, drip_s=0.05)
    started = time.perf_counter()
    async with Fetcher(allow_private=True, timeout_s=0.5) as f:
        with pytest.raises(FetchError) as exc:
            await f.fetch_feed(feed_server.url("/drip"))
    elapsed = time.perf_counter() - started
    assert exc.value.reason == "timed out after 0.5 s"
    assert 0.45 < elapsed < 1.5
    assert feed_server.hits("/drip") == 1


async def test_a_server_that_never_answers_is_cut_at_the_deadline():
    async with RawServer(b"", lambda: iter(()), hold_s=30) as mute:   # accepts, reads, says nothing
        started = time.perf_counter()
        async with Fetcher(allow_private=True, timeout_s=0.5) as f:
            with pytest.raises(FetchError, match="timed out after 0.5 s"):
                await f.fetch_feed(mute.url("/"))
        assert time.perf_counter() - started < 1.5
    assert mute.connections == 1


async def test_headers_that_never_finish_are_cut_at_the_deadline():
    head = b"HTTP/1.1 200 OK\r\n" + b"".join(f"X-Pad-{i}: a\r\n".encode() for i in range(100))
    async with RawServer(head, lambda: iter(()), hold_s=30) as slow:   # no blank line, ever
        started = time.perf_counter()
        async with Fetcher(allow_private=True, timeout_s=0.5) as f:
            with pytest.raises(FetchError, match="timed out after 0.5 s"):
                await f.fetch_feed(slow.url("/"))
        assert time.perf_counter() - started < 1.5


async def test_a_slow_feed_does_not_delay_the_others(feed_server: FeedServer):
    feed_server.serve("/drip", BODY, drip_s=0.05)
    feed_server.serve("/fast", BODY)
    async with Fetcher(allow_private=True, timeout_s=0.5, per_host=4) as f:
        slow = asyncio.create_task(f.fetch_feed(feed_server.url("/drip")))
        started = time.perf_counter()
        fast = [await f.fetch_feed(feed_server.url("/fast")) for _ in range(5)]
        assert time.perf_counter() - started < 0.4 and not slow.done()
        with pytest.raises(FetchError, match="timed out"):
            await slow
    assert all(r.body == BODY for r in fast)
