"""TESTING.md 5: a feed that was fine when added and later resolves privately is refused at that poll."""

from __future__ import annotations

import pytest

from bot.reader.fetcher import Fetcher, FetchError
from tests.fakes.dns import PUBLIC_IP, FakeDNS, connect_spy  # noqa: F401
from tests.fakes.feed_server import FeedServer, feed_server  # noqa: F401


async def test_every_poll_resolves_and_checks_again(feed_server: FeedServer, connect_spy):
    # a real poll interval (minutes) outlives keep-alive, so every poll opens a fresh connection
    feed_server.serve("/feed", b"<rss/>", headers={"Connection": "close"})
    connect_spy.route(PUBLIC_IP, 80, feed_server.port)
    dns = FakeDNS({"turncoat.test": [[PUBLIC_IP], [PUBLIC_IP], ["192.168.0.10"]]})
    async with Fetcher(resolver=dns) as f:    # one long-lived fetcher, as in the service
        for _ in range(2):
            assert (await f.fetch_feed("http://turncoat.test/feed")).status == 200
        with pytest.raises(FetchError, match="refused: turncoat.test resolves to 192.168.0.10"):
            await f.fetch_feed("http://turncoat.test/feed")
    assert dns.calls == ["turncoat.test"] * 3   # no DNS cache hides the change
    assert connect_spy.attempts == [(PUBLIC_IP, 80)] * 2


async def test_the_same_fetcher_checks_a_fresh_connection_every_time(feed_server: FeedServer, connect_spy):
    feed_server.serve("/feed", b"<rss/>", headers={"Connection": "close"})   # no keep-alive
    connect_spy.route(PUBLIC_IP, 80, feed_server.port)
    dns = FakeDNS({"turncoat.test": [[PUBLIC_IP], ["10.9.9.9"]]})
    async with Fetcher(resolver=dns) as f:
        await f.fetch_feed("http://turncoat.test/feed")
        with pytest.raises(FetchError, match="not a public address"):
            await f.fetch_feed("http://turncoat.test/feed")
    assert dns.calls == ["turncoat.test", "turncoat.test"]
