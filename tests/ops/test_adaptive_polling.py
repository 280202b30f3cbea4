"""Adaptive polling on a fake clock: a feed's interval follows how often it publishes."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from email.utils import format_datetime

from bot.platforms.discord.messages import feeds_text
from bot.pipeline import refresh_due
from bot.app.caller import OPERATOR
from bot.app.context import Context
from bot.app.feeds import feeds_status
from bot.reader.adaptive import adaptive_interval, effective_interval
from bot.runtime import open_runtime
from bot.settings import Settings
from tests.fakes.feed_server import FeedServer

START = datetime(2026, 3, 2, 0, 30, tzinfo=timezone.utc)


class FakeClock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def rss(items: list[tuple[int, datetime]]) -> bytes:
    body = "".join(f"<item><guid>item-{n}</guid><title>Harbour report number {n}</title>"
                   f"<pubDate>{format_datetime(when)}</pubDate><description>Routine.</description></item>"
                   for n, when in reversed(items[-20:]))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Hourly</title>{body}</channel></rss>'.encode()


class HourlyPublisher:
    """One item at the top of every hour of the fake clock; the feed shows the newest 20."""

    def __init__(self, srv: FeedServer, first: datetime):
        self.srv, self.first = srv, first

    def publish_until(self, now: datetime) -> None:
        hours = int((now - self.first).total_seconds() // 3600)
        items = [(n, self.first + timedelta(hours=n)) for n in range(hours + 1)]
        self.srv.serve("/hourly.xml", rss(items), etag=f'"{len(items)}"')


async def test_a_feed_publishing_hourly_settles_near_an_hourly_interval(tmp_path):
    async with FeedServer() as srv:
        publisher = HourlyPublisher(srv, START - timedelta(hours=30))
        settings = Settings(database={"url": f"sqlite+aiosqlite:///{tmp_path / 'a.db'}"},
                            fetch={"allow_private_addresses": True},
                            scheduler={"adaptive": True, "adaptive_max": "24h"},
                            feeds=[{"url": srv.url("/hourly.xml"), "name": "hourly", "interval": "1m"}])
        async with open_runtime(settings) as rt:
            rt.clock = clock = FakeClock(START)
            polls: list[datetime] = []
            while clock.now < START + timedelta(days=3):
                publisher.publish_until(clock.now)
                stats = await refresh_due(rt)
                assert stats.errors == 0, stats.messages
                polls.append(clock.now)
                [feed] = await rt.store.list_feeds()
                clock.now = feed.next_check_at          # jump straight to the next due time
            [feed] = await rt.store.list_feeds()
            [status] = (await feeds_status(Context(rt.store, rt.settings), OPERATOR)).feeds
    assert status.interval_s == 60 and 3000 <= status.effective_interval_s <= 4000   # what /feeds shows
    assert feeds_text([feed]).endswith("every 1 h (config file)")
    gaps = [(b - a).total_seconds() for a, b in zip(polls[-24:], polls[-23:])]
    assert all(3000 <= g <= 4000 for g in gaps), gaps              # settled: about one poll an hour
    assert 3000 <= effective_interval(feed) <= 4000
    assert len(polls) < 3 * 24 * 1.3                              # not the 4,320 polls a 1m interval makes


async def test_adaptive_is_off_by_default_and_per_feed_overrides_win(tmp_path):
    async with FeedServer() as srv:
        HourlyPublisher(srv, START - timedelta(days=2)).publish_until(START)
        feeds = [{"url": srv.url("/hourly.xml"), "name": "fixed", "interval": "1m"},
                 {"url": srv.url("/hourly.xml") + "?own", "name": "own", "interval": "1m", "adaptive": True}]
        srv.routes["/hourly.xml?own"] = srv.routes["/hourly.xml"]
        settings = Settings(database={"url": f"sqlite+aiosqlite:///{tmp_path / 'b.db'}"},
                            fetch={"allow_private_addresses": True}, feeds=feeds)
        async with open_runtime(settings) as rt:
            rt.clock = FakeClock(START)
            await refresh_due(rt)
            by_name = {f.name: f for f in await rt.store.list_feeds()}
    assert by_name["fixed"].next_check_at == START + timedelta(minutes=1)
    assert by_name["own"].next_check_at >= START + timedelta(minutes=50)


def test_the_interval_is_clamped_between_the_feed_interval_and_adaptive_max():
    now = START
    hourly = dict(count=168, oldest=now - timedelta(days=7), now=now)
    assert adaptive_interval(**hourly, floor_s=60, ceiling_s=86400) == 3600
    assert adaptive_interval(**hourly, floor_s=7200, ceiling_s=86400) == 7200       # never below `interval`
    assert adaptive_interval(count=1, oldest=now - timedelta(days=6), now=now, floor_s=60,
                             ceiling_s=86400) == 86400                                # capped at adaptive_max
    assert adaptive_interval(count=0, oldest=None, now=now, floor_s=60, ceiling_s=3 * 3600) == 3 * 3600
    # A feed seen for an hour with 3 items is judged over at least a day, not at 20 minutes.
    assert adaptive_interval(count=3, oldest=now - timedelta(hours=1), now=now, floor_s=60,
                             ceiling_s=86400) == 8 * 3600
