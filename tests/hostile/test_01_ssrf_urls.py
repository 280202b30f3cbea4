"""TESTING.md 1: feed URLs that point inside the network are refused before any socket opens."""

from __future__ import annotations

import pytest

from bot.reader.fetcher import Fetcher, FetchError
from tests.fakes.dns import FakeDNS, connect_spy  # noqa: F401
from tests.fakes.feed_server import FeedServer, feed_server  # noqa: F401

# {port} is a real listener on 127.0.0.1 serving a feed: reaching it would be the SSRF.
INTERNAL = [
    "http://127.0.0.1:{port}/feed",
    "http://169.254.169.254/latest/meta-data/",
    "http://2130706433:{port}/feed",           # 127.0.0.1 as one decimal number
    "http://0x7f.1:{port}/feed",               # hex + short form
    "http://0x7f000001:{port}/feed",
    "http://0177.0.0.1:{port}/feed",           # octal
    "http://127.1:{port}/feed",
    "http://127.0.0.1.:{port}/feed",           # trailing dot
    "http://127.000.000.001:{port}/feed",
    "http://[0:0:0:0:0:ffff:7f00:1]:{port}/feed",
    "http://LOCALHOST:{port}/feed",
    "http://0:{port}/feed",                    # 0.0.0.0 reaches local listeners
    "http://0.0.0.0:{port}/feed",
    "http://[::ffff:127.0.0.1]:{port}/feed",   # IPv4-mapped IPv6
    "http://[::127.0.0.1]:{port}/feed",        # IPv4-compatible IPv6 (ipaddress calls it global)
    "http://[::1]:{port}/feed",
    "http://[::]:{port}/feed",
    "http://100.64.0.1/feed",                  # CGNAT
    "http://10.0.0.1/feed",
    "http://192.168.0.1/feed",
    "http://[fd00:ec2::254]/latest/meta-data/",
    "http://[fe80::1]/feed",
    "http://224.0.0.1/feed",
    "http://localhost:{port}/feed",            # a name that resolves to loopback
]
NOT_HTTP = ["file:///etc/passwd", "gopher://127.0.0.1:{port}/_GET%20/feed", "ftp://127.0.0.1:{port}/feed",
            "dict://127.0.0.1:{port}/", "javascript:alert(1)", "feed:{port}"]


@pytest.mark.parametrize("template", INTERNAL)
async def test_internal_addresses_are_refused_before_connecting(template, feed_server: FeedServer, connect_spy):
    feed_server.serve("/feed", b"<rss/>")
    dns = FakeDNS({"localhost": ["127.0.0.1", "::1"]})
    async with Fetcher(resolver=dns) as f:
        with pytest.raises(FetchError) as exc:
            await f.fetch_feed(template.format(port=feed_server.port))
    assert exc.value.reason.startswith("refused: ") and "not a public address" in exc.value.reason
    assert connect_spy.attempts == [] and feed_server.requests == []


@pytest.mark.parametrize("template", NOT_HTTP)
async def test_only_http_and_https(template, feed_server: FeedServer, connect_spy):
    async with Fetcher() as f:
        with pytest.raises(FetchError, match="refused: only http and https") as exc:
            await f.fetch_feed(template.format(port=feed_server.port))
        with pytest.raises(FetchError, match="refused"):
            await f.fetch_page(template.format(port=feed_server.port))
    assert "/etc/passwd" not in exc.value.reason or exc.value.reason.startswith("refused")
    assert connect_spy.attempts == [] and feed_server.requests == []


async def test_the_reason_is_clear(feed_server: FeedServer, connect_spy):
    async with Fetcher() as f:
        with pytest.raises(FetchError) as dec:
            await f.fetch_feed(f"http://2130706433:{feed_server.port}/")
        with pytest.raises(FetchError) as mapped:
            await f.fetch_feed(f"http://[::ffff:127.0.0.1]:{feed_server.port}/")
    hint = "; `[fetch] allow_private_addresses = true` allows feeds on private and loopback addresses"
    assert dec.value.reason == "refused: 2130706433 (127.0.0.1) is not a public address" + hint
    assert mapped.value.reason == "refused: ::ffff:7f00:1 (127.0.0.1) is not a public address" + hint


async def test_allow_private_is_the_one_switch_that_opens_them(feed_server: FeedServer):
    feed_server.serve("/feed", b"<rss/>")
    async with Fetcher(allow_private=True) as f:
        assert (await f.fetch_feed(feed_server.url("/feed"))).body == b"<rss/>"
