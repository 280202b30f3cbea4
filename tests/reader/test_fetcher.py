"""The fetcher against a real local HTTP server: conditional GET, caching headers, errors, limits."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from bot.reader.fetcher import Fetcher, FetchError
from bot.reader.schedule import next_check
from tests.fakes.feed_server import FeedServer

RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><ttl>60</ttl>
<item><guid>a</guid><title>One</title></item></channel></rss>"""
LM = "Wed, 01 Jan 2025 00:00:00 GMT"


def local(**kw) -> Fetcher:
    return Fetcher(allow_private=True, timeout_s=kw.pop("timeout_s", 5.0), **kw)


async def test_second_poll_of_an_unchanged_feed_is_a_304_with_no_body(feed_server: FeedServer):
    feed_server.serve("/feed", RSS, etag='"v1"', last_modified=LM)
    async with local() as f:
        first = await f.fetch_feed(feed_server.url("/feed"))
        second = await f.fetch_feed(feed_server.url("/feed"), etag=first.etag,
                                    last_modified=first.last_modified)
    assert (first.status, first.body, first.etag, first.last_modified) == (200, RSS, '"v1"', LM)
    assert second.status == 304 and second.body is None
    assert (second.etag, second.last_modified) == ('"v1"', LM)   # kept for the next poll
    sent = feed_server.requests[1].headers
    assert sent["If-None-Match"] == '"v1"' and sent["If-Modified-Since"] == LM
    assert "If-None-Match" not in feed_server.requests[0].headers


async def test_last_modified_alone_also_gives_304(feed_server: FeedServer):
    feed_server.serve("/feed", RSS, last_modified=LM)
    async with local() as f:
        r = await f.fetch_feed(feed_server.url("/feed"), last_modified=LM)
    assert r.status == 304 and r.last_modified == LM


async def test_changed_feed_comes_back_as_200_with_the_new_etag(feed_server: FeedServer):
    feed_server.serve("/feed", RSS, etag='"v2"')
    async with local() as f:
        r = await f.fetch_feed(feed_server.url("/feed"), etag='"v1"')
    assert r.status == 200 and r.body == RSS and r.etag == '"v2"'


async def test_max_age_and_retry_after_reach_the_result_and_push_the_next_check(feed_server: FeedServer):
    feed_server.serve("/feed", RSS, cache_control="public, max-age=1800")
    feed_server.serve("/busy", b"", status=429, retry_after="120")
    now = datetime(2026, 1, 1, tzinfo=UTC)
    async with local() as f:
        ok = await f.fetch_feed(feed_server.url("/feed"))
        with pytest.raises(FetchError) as busy:
            await f.fetch_feed(feed_server.url("/busy"))
    assert ok.max_age_s == 1800
    assert next_check(now, interval_s=300, max_age_s=ok.max_age_s) == now + timedelta(seconds=1800)
    assert busy.value.status == 429 and busy.value.retry_after_s == 120
    assert busy.value.reason == "HTTP 429 from 127.0.0.1"
    later = next_check(now, interval_s=300, retry_after_s=busy.value.retry_after_s, error_count=1)
    assert later == now + timedelta(seconds=300)   # backoff 300 s > Retry-After 120 s
    assert next_check(now, interval_s=60, retry_after_s=120, error_count=1) == now + timedelta(seconds=120)


async def test_rss_ttl_pushes_the_next_check(feed_server: FeedServer):
    from bot.reader.parser import parse_feed

    feed_server.serve("/feed", RSS)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    async with local() as f:
        r = await f.fetch_feed(feed_server.url("/feed"))
    parsed = parse_feed(r.body, r.final_url, r.content_type)
    assert parsed.ttl_s == 3600
    assert next_check(now, interval_s=300, max_age_s=r.max_age_s, ttl_s=parsed.ttl_s) == now + timedelta(hours=1)


async def test_a_failing_feed_backs_off_more_after_each_error(feed_server: FeedServer):
    feed_server.serve("/down", b"oops", status=503)
    now = datetime(2026, 1, 1, tzinfo=UTC)
    delays, reasons = [], []
    async with local() as f:
        for errors in range(1, 5):
            with pytest.raises(FetchError) as exc:
                await f.fetch_feed(feed_server.url("/down"))
            reasons.append(exc.value.reason)
            delays.append((next_check(now, interval_s=300, error_count=errors) - now).total_seconds())
    assert reasons == ["HTTP 503 from 127.0.0.1"] * 4
    assert delays == [300, 600, 1200, 2400]


async def test_http_errors_become_readable_reasons(feed_server: FeedServer):
    feed_server.serve("/gone", b"", status=404)
    async with local() as f:
        with pytest.raises(FetchError) as exc:
            await f.fetch_feed(feed_server.url("/gone"))
        with pytest.raises(FetchError) as refused:
            await f.fetch_feed(f"http://127.0.0.1:{_free_port()}/feed")
    assert exc.value.reason == "HTTP 404 from 127.0.0.1" and exc.value.status == 404
    assert refused.value.reason.startswith("cannot connect to 127.0.0.1:")


async def test_a_permanent_redirect_is_followed_and_reported(feed_server: FeedServer):
    feed_server.serve("/new", RSS)
    feed_server.redirect("/old", "/new", status=301)
    feed_server.redirect("/temp", "/new", status=302)
    async with local() as f:
        moved = await f.fetch_feed(feed_server.url("/old"))
        temp = await f.fetch_feed(feed_server.url("/temp"))
    assert moved.body == RSS and moved.final_url == feed_server.url("/new") and moved.permanent_redirect
    assert temp.body == RSS and not temp.permanent_redirect


async def test_gzip_bodies_are_decompressed(feed_server: FeedServer):
    feed_server.serve("/gz", RSS, gzip=True)
    async with local() as f:
        r = await f.fetch_feed(feed_server.url("/gz"))
    assert r.body == RSS
    assert "gzip" in feed_server.requests[0].headers["Accept-Encoding"]


async def test_requests_carry_the_user_agent(feed_server: FeedServer):
    feed_server.serve("/feed", RSS)
    async with local(user_agent="newsbot-test/1") as f:
        await f.fetch_feed(feed_server.url("/feed"))
        await f.fetch_page(feed_server.url("/feed"))
    assert {r.headers["User-Agent"] for r in feed_server.requests} == {"newsbot-test/1"}
    assert "rss" in feed_server.requests[0].headers["Accept"]
    assert feed_server.requests[1].headers["Accept"].startswith("text/html")


async def test_no_more_than_per_host_requests_at_once(feed_server: FeedServer):
    feed_server.serve("/slow", b"x" * 5, drip_s=0.02)
    async with local(per_host=2) as f:
        await asyncio.gather(*(f.fetch_feed(feed_server.url("/slow")) for _ in range(6)))
    assert feed_server.hits("/slow") == 6
    assert feed_server.max_in_flight == 2


async def test_other_hosts_are_not_held_up_by_a_busy_host():
    async with FeedServer("127.0.0.1") as a, FeedServer("127.0.0.2") as b:
        a.serve("/slow", b"x" * 20, drip_s=0.02)
        b.serve("/feed", RSS)
        async with local(per_host=1) as f:
            slow = asyncio.create_task(f.fetch_feed(a.url("/slow")))   # takes a's only slot
            await asyncio.sleep(0)
            fast = await f.fetch_feed(b.url("/feed"))
            assert not slow.done()
            await slow
    assert fast.body == RSS


def test_using_a_fetcher_outside_its_context_is_a_clear_error():
    with pytest.raises(RuntimeError, match="async with"):
        asyncio.run(Fetcher().fetch_feed("http://example.org/"))


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_loopback_aliases_count_as_separate_hosts():
    async with FeedServer("127.0.0.2") as other:
        other.serve("/feed", RSS)
        async with local() as f:
            assert (await f.fetch_feed(other.url("/feed"))).body == RSS
        assert other.url("/feed").startswith("http://127.0.0.2:")
