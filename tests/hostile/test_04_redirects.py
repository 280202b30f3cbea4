"""TESTING.md 4: redirects to private addresses, or more than 5 hops, are refused; every hop is checked."""

from __future__ import annotations

import pytest

from bot.reader.fetcher import Fetcher, FetchError
from tests.fakes.dns import PUBLIC_IP, FakeDNS, connect_spy  # noqa: F401
from tests.fakes.feed_server import FeedServer, feed_server  # noqa: F401

DNS = {"public.test": [PUBLIC_IP], "internal.test": ["10.1.2.3"]}


@pytest.fixture
def public(feed_server: FeedServer, connect_spy):
    """feed_server reachable as http://public.test/ by a fetcher that refuses private addresses."""
    connect_spy.route(PUBLIC_IP, 80, feed_server.port)
    feed_server.serve("/secret", b"<rss>internal data</rss>")
    return feed_server


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
@pytest.mark.parametrize("target", [
    "http://127.0.0.1:{port}/secret",
    "http://[::ffff:127.0.0.1]:{port}/secret",
    "http://2130706433:{port}/secret",
    "http://internal.test/secret",
    "http://169.254.169.254/latest/meta-data/",
    "file:///etc/passwd",
])
async def test_a_redirect_into_the_network_is_refused(status, target, public: FeedServer, connect_spy):
    public.redirect("/feed", target.format(port=public.port), status=status)
    async with Fetcher(resolver=FakeDNS(DNS)) as f:
        with pytest.raises(FetchError, match="^refused: ") as exc:
            await f.fetch_feed("http://public.test/feed")
    assert public.hits("/feed") == 1 and public.hits("/secret") == 0
    assert connect_spy.attempts == [(PUBLIC_IP, 80)]      # only the public first hop was dialled
    assert "internal data" not in exc.value.reason


async def test_a_late_hop_into_the_network_is_refused_too(public: FeedServer):
    public.redirect("/feed", "/hop1", status=301)
    public.redirect("/hop1", "http://public.test/hop2", status=302)
    public.redirect("/hop2", f"http://127.0.0.1:{public.port}/secret", status=307)
    async with Fetcher(resolver=FakeDNS(DNS)) as f:
        with pytest.raises(FetchError, match="refused: 127.0.0.1 is not a public address"):
            await f.fetch_feed("http://public.test/feed")
    assert public.hits("/hop2") == 1 and public.hits("/secret") == 0


async def test_five_hops_are_followed_and_six_are_refused(public: FeedServer):
    public.serve("/end", b"<rss/>")
    for i in range(6):
        public.redirect(f"/r{i}", f"/r{i + 1}" if i < 5 else "/end")
    async with Fetcher(resolver=FakeDNS(DNS)) as f:
        ok = await f.fetch_feed("http://public.test/r1")           # r1..r5 -> end: 5 redirects
        with pytest.raises(FetchError, match="refused: more than 5 redirects"):
            await f.fetch_feed("http://public.test/r0")            # 6 redirects
    assert ok.body == b"<rss/>" and ok.final_url == "http://public.test/end"


async def test_a_redirect_loop_ends(public: FeedServer):
    public.redirect("/a", "/b")
    public.redirect("/b", "/a")
    async with Fetcher(resolver=FakeDNS(DNS)) as f:
        with pytest.raises(FetchError, match="more than 5 redirects"):
            await f.fetch_feed("http://public.test/a")
    assert public.hits("/a") + public.hits("/b") == 6


async def test_only_a_checked_final_url_is_reported_for_storing(public: FeedServer):
    public.serve("/new", b"<rss/>")
    public.redirect("/old", "http://public.test/new", status=308)
    async with Fetcher(resolver=FakeDNS(DNS)) as f:
        r = await f.fetch_feed("http://public.test/old")
    assert r.final_url == "http://public.test/new" and r.permanent_redirect
