"""TESTING.md 18: a newly added feed with 50 old items posts only its configured backfill (newest
first-polled items, 2 here; none with backfill 0), and a restart re-sends nothing. Real RSS bytes
over a local server, the real pipeline, store and outbox."""

from __future__ import annotations

import pytest

from bot.delivery.outbox import drain
from bot.pipeline import refresh_due
from bot.runtime import open_runtime
from bot.settings import Settings
from tests.fakes.feed_server import FeedServer
from tests.resilience.helpers import RecordingRouter, rss

TITLES = [f"Troops item {i:02d}" for i in range(50)]      # newest first


async def poll_once(settings: Settings) -> list[str]:
    """One process lifetime: open, poll every feed, deliver, close. Returns what was delivered."""
    router = RecordingRouter()
    async with open_runtime(settings, router=router) as rt:
        stats = await refresh_due(rt, only_due=False)
        assert stats.errors == 0, stats.messages
        await drain(rt.store, rt.router, rt.clock(), limit=1000)
    return [title for title, _ in router.recorder.sent]


@pytest.mark.parametrize("backfill", [0, 2])
async def test_18_fifty_old_items_post_only_the_backfill_and_a_restart_sends_nothing(tmp_path, backfill):
    async with FeedServer() as srv:
        srv.serve("/wire.xml", rss([(f"g{i}", t) for i, t in enumerate(TITLES)]))
        settings = Settings(database={"url": f"sqlite+aiosqlite:///{tmp_path / 'b.db'}"},
                            fetch={"allow_private_addresses": True},
                            feeds=[{"url": srv.url("/wire.xml"), "backfill": backfill}],
                            topics=[{"name": "troops", "query": "troops", "channels": ["console"]}])
        first = await poll_once(settings)
        assert sorted(first) == sorted(TITLES[:backfill])      # the newest `backfill`, nothing older
        assert await poll_once(settings) == []                 # restart: same bytes, nothing again
        srv.serve("/wire.xml", rss([("g-new", "Troops item new")] + [(f"g{i}", t) for i, t in enumerate(TITLES)]))
        assert await poll_once(settings) == ["Troops item new"]  # and the feed is live after all
        assert srv.hits("/wire.xml") == 3
