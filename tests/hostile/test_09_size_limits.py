"""TESTING.md 9: huge bodies, bombs and lying Content-Length stop at the *decompressed* size cap."""

from __future__ import annotations

import time
import tracemalloc

import pytest

from bot.reader.fetcher import Fetcher, FetchError
from tests.fakes.feed_server import MiB, FeedServer, RawServer, deflate_bomb, feed_server, gzip_bomb  # noqa: F401

CAP = 12 * MiB


def zeros(total: int, chunk: int = 256 * 1024):
    return lambda: (bytes(min(chunk, total - i)) for i in range(0, total, chunk))


async def fetch_measured(url: str, **kw) -> tuple[FetchError | None, int, float]:
    """Fetch with a fresh fetcher; returns (error, peak traced bytes, seconds)."""
    tracemalloc.start()
    started = time.perf_counter()
    error = None
    try:
        async with Fetcher(allow_private=True, timeout_s=10, **kw) as f:
            await f.fetch_feed(url)
    except FetchError as exc:
        error = exc
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return error, peak, time.perf_counter() - started


@pytest.mark.parametrize(("name", "route"), [
    ("16 MiB with an honest Content-Length", dict(body=bytes(16 * MiB))),
    ("16 MiB streamed without a length", dict(body=zeros(16 * MiB), chunked=True)),
    ("gzip bomb: 100 KB that inflate to 200 MiB", dict(body=gzip_bomb(200 * MiB), encoding="gzip")),
    ("deflate bomb", dict(body=deflate_bomb(200 * MiB), encoding="deflate")),
])
async def test_the_download_stops_at_the_cap(name, route, feed_server: FeedServer):
    feed_server.serve("/big", **route)
    error, peak, seconds = await fetch_measured(feed_server.url("/big"))
    assert error is not None and error.reason == "body larger than 12 MiB", name
    assert peak < CAP + 20 * MiB           # about the cap itself, never the whole payload
    assert seconds < 5


async def test_a_body_just_under_the_cap_is_fine(feed_server: FeedServer):
    feed_server.serve("/ok", gzip_bomb(CAP - 1), encoding="gzip")
    async with Fetcher(allow_private=True) as f:
        assert len((await f.fetch_feed(feed_server.url("/ok"))).body) == CAP - 1


async def test_a_lying_content_length_cannot_push_more_than_it_declared():
    head = b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Length: 100\r\n\r\n"
    async with RawServer(head, zeros(64 * MiB, 64 * 1024)) as raw:
        error, peak, seconds = await fetch_measured(raw.url("/"))
    # aiohttp takes exactly 100 bytes; the rest is garbage on a connection we then drop
    assert error is None or len(error.reason) < 200
    assert peak < 20 * MiB and seconds < 5


async def test_a_gzip_bomb_without_any_length_is_stopped_at_the_cap():
    bomb = gzip_bomb(100 * MiB)
    head = (b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Encoding: gzip\r\n"
            b"Connection: close\r\n\r\n")
    async with RawServer(head, lambda: iter([bomb])) as raw:
        error, peak, _ = await fetch_measured(raw.url("/"))
    assert error is not None and error.reason == "body larger than 12 MiB"
    assert peak < CAP + 20 * MiB


async def test_a_small_content_length_on_a_bomb_only_gets_what_it_declared():
    bomb = gzip_bomb(100 * MiB)
    head = (b"HTTP/1.1 200 OK\r\nContent-Type: application/rss+xml\r\nContent-Encoding: gzip\r\n"
            b"Content-Length: 1000\r\n\r\n")
    async with RawServer(head, lambda: iter([bomb])) as raw:
        async with Fetcher(allow_private=True) as f:
            result = await f.fetch_feed(raw.url("/"))
    assert len(result.body) < 2 * MiB     # 1000 compressed bytes' worth, not 100 MiB


async def test_an_encoding_we_cannot_decode_is_a_readable_error(feed_server: FeedServer):
    feed_server.serve("/br", b"\x1b\x00\x00\x00not really brotli", encoding="br")
    error, _, _ = await fetch_measured(feed_server.url("/br"))
    assert error is not None and "brotli" in error.reason.lower() and len(error.reason) < 200


async def test_the_cap_is_configurable(feed_server: FeedServer):
    feed_server.serve("/mid", bytes(2 * MiB))
    error, _, _ = await fetch_measured(feed_server.url("/mid"), max_bytes=1 * MiB)
    assert error is not None and error.reason == "body larger than 1 MiB"
