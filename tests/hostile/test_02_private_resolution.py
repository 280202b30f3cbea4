"""TESTING.md 2: a host name that resolves to a private address, or to a mix, is refused."""

from __future__ import annotations

import pytest

from bot.reader.fetcher import Fetcher, FetchError
from tests.fakes.dns import PUBLIC_IP, FakeDNS, connect_spy  # noqa: F401
from tests.fakes.feed_server import FeedServer, feed_server  # noqa: F401

ANSWERS = {
    "private.test": ["10.0.0.7"],
    "metadata.test": ["169.254.169.254"],
    "mixed.test": [PUBLIC_IP, "127.0.0.1"],          # one bad address spoils the name
    "mixed6.test": [PUBLIC_IP, "::1"],
    "mapped.test": ["::ffff:127.0.0.1"],
    "compat.test": ["::127.0.0.1"],
    "zero.test": ["0.0.0.0"],
    "cgnat.test": ["100.100.100.100"],
    "ula.test": ["fd12:3456::1"],
}


@pytest.mark.parametrize("host", sorted(ANSWERS))
async def test_names_resolving_inside_are_refused(host, feed_server: FeedServer, connect_spy):
    connect_spy.route(PUBLIC_IP, 80, feed_server.port)
    async with Fetcher(resolver=FakeDNS(ANSWERS)) as f:
        with pytest.raises(FetchError) as exc:
            await f.fetch_feed(f"http://{host}/feed")
    assert exc.value.reason.startswith(f"refused: {host} resolves to ")
    assert "which is not a public address; `[fetch] allow_private_addresses = true` allows" in exc.value.reason
    assert connect_spy.attempts == [] and feed_server.requests == []


async def test_a_public_name_is_fetched_with_its_host_header(feed_server: FeedServer, connect_spy):
    feed_server.serve("/feed", b"<rss/>")
    connect_spy.route(PUBLIC_IP, 80, feed_server.port)
    async with Fetcher(resolver=FakeDNS({"news.test": [PUBLIC_IP]})) as f:
        assert (await f.fetch_feed("http://news.test/feed")).body == b"<rss/>"
    assert connect_spy.attempts == [(PUBLIC_IP, 80)]
    assert feed_server.requests[0].headers["Host"] == "news.test"


async def test_unresolvable_names_are_a_readable_error(connect_spy):
    async with Fetcher(resolver=FakeDNS({})) as f:
        with pytest.raises(FetchError, match="cannot resolve nowhere.test"):
            await f.fetch_feed("http://nowhere.test/feed")
