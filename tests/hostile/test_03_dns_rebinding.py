"""TESTING.md 3: DNS rebinding. The name is resolved once; the connection goes to the checked address.

The fake DNS answers public on the first lookup and 127.0.0.1 on any later one. A fetcher that
checked with one lookup and connected with another would end up on 127.0.0.1.
"""

from __future__ import annotations

from bot.reader.fetcher import Fetcher
from tests.fakes.dns import PUBLIC_IP, FakeDNS, connect_spy  # noqa: F401
from tests.fakes.feed_server import FeedServer, feed_server  # noqa: F401


async def test_the_connection_goes_to_the_address_that_was_checked(feed_server: FeedServer, connect_spy):
    feed_server.serve("/feed", b"<rss>public</rss>")
    connect_spy.route(PUBLIC_IP, 80, feed_server.port)   # the "public" host is our local server
    dns = FakeDNS({"rebind.test": [[PUBLIC_IP], ["127.0.0.1"]]})
    async with Fetcher(resolver=dns) as f:
        result = await f.fetch_feed("http://rebind.test/feed")
    assert result.body == b"<rss>public</rss>"
    assert dns.calls == ["rebind.test"]                  # one lookup, no second chance to rebind
    assert connect_spy.attempts == [(PUBLIC_IP, 80)]     # and exactly that address was dialled
    assert ("127.0.0.1", 80) not in connect_spy.attempts
    assert feed_server.requests[0].headers["Host"] == "rebind.test"   # Host header kept


async def test_keep_alive_reuse_never_needs_a_new_lookup_to_be_checked(feed_server: FeedServer, connect_spy):
    feed_server.serve("/feed", b"<rss/>")
    connect_spy.route(PUBLIC_IP, 80, feed_server.port)
    dns = FakeDNS({"rebind.test": [[PUBLIC_IP], ["127.0.0.1"]]})
    async with Fetcher(resolver=dns) as f:
        await f.fetch_feed("http://rebind.test/feed")
        try:
            await f.fetch_feed("http://rebind.test/feed")
        except Exception as exc:   # a fresh connection would be refused: that is fine too
            assert "not a public address" in str(exc)
    assert all(ip == PUBLIC_IP for ip, _ in connect_spy.attempts)
