"""Full text is fetched beside the polling cycle: a feed of teasers whose pages hang must not keep
another feed unpolled, and the pages are fetched at once, at most `per_host_concurrency` per host."""

from __future__ import annotations

import asyncio
import time

from bot.pipeline import refresh_due
from bot.runtime import open_runtime
from bot.settings import Settings
from tests.fakes.feed_server import FeedServer

PAGE = ("<html><head><title>Port report</title></head><body><nav>Home | Ports</nav><article><h1>Port report</h1>"
        "<p>Report {i}: officials said 1,200 dock workers stayed away on the second day of the strike at the container "
        "port, and that 40 ships were waiting offshore for berths to open again.</p>"
        "<p>The union said its members would hold out until the port authority agreed to talks on shift "
        "patterns, which it says have grown longer every year since the new terminal opened.</p>"
        "<p>Talks resume on Monday, the port authority said in a statement, adding that it expected "
        "both sides to reach an agreement before the end of the month.</p></article>"
        "<footer>Contact us</footer></body></html>")


def rss(items: str) -> bytes:
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'.encode()


async def test_twelve_slow_teaser_pages_do_not_hold_up_a_healthy_feed(tmp_path):
    release = asyncio.Event()
    async with FeedServer() as teasers, FeedServer() as healthy:
        for i in range(12):
            teasers.serve(f"/story/{i}", PAGE.format(i=i).encode(), content_type="text/html; charset=utf-8", hold=release)
        teasers.serve("/feed.xml", rss("".join(
            f"<item><guid>t{i}</guid><title>Dock strike day {i}</title><link>{teasers.url(f'/story/{i}')}</link>"
            "<description>Strike news…</description></item>" for i in range(12))))
        healthy.serve("/feed.xml", rss("<item><guid>h1</guid><title>Dock strike talks set for Monday</title>"
                                       "<description>The port authority and the union meet at 9 am, both sides "
                                       "said in statements on Saturday, ending a week of silence.</description></item>"))
        settings = Settings(database={"url": f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}"},
                            fetch={"allow_private_addresses": True, "timeout_s": 20, "per_host_concurrency": 2},
                            feeds=[{"url": teasers.url("/feed.xml"), "name": "Teasers", "backfill": 12,
                                    "fulltext": True},
                                   {"url": healthy.url("/feed.xml"), "name": "Healthy", "backfill": 5}],
                            topics=[{"name": "strike", "query": "dock AND strike", "channels": ["console"]}])
        async with open_runtime(settings) as rt:
            started = time.perf_counter()
            stats = await refresh_due(rt, only_due=False)
            cycle_s = time.perf_counter() - started
            assert stats.feeds == 2 and stats.errors == 0, stats.messages
            assert cycle_s < 5, cycle_s                       # not 12 pages x the 20 s fetch deadline
            queued = {a.entry.title for a in await rt.store.list_alerts()}
            assert queued == {"Dock strike talks set for Monday"}   # the healthy feed's alert is out
            await asyncio.sleep(0.2)
            paths = [r.path for r in teasers.requests if r.path.startswith("/story/")]
            assert teasers.max_in_flight >= 2 and len(paths) == 2   # at once, two per host
            release.set()
            await rt.settle()
            titles = {a.entry.title for a in await rt.store.list_alerts()}
            entries = {e.title: e for e in await rt.store.recent_entries()}
    assert len(titles) == 13
    assert "1,200 dock workers" in entries["Dock strike day 3"].text   # the page replaced the teaser
