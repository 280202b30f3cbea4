"""A topic's channel hears once when a feed it depends on has failed for hours, and once when it is back."""

from __future__ import annotations

import io
from datetime import datetime, timedelta, timezone
from pathlib import Path

from rich.console import Console

from bot.delivery import outbox
from bot.feed_health import check_feed_health
from bot.pipeline import refresh_due
from bot.app.caller import OPERATOR
from bot.app.context import Context
from bot.app.feeds import feeds_status
from bot.runtime import open_runtime
from bot.settings import Settings
from tests.fakes.feed_server import FeedServer

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "round1"
START = datetime(2026, 3, 2, 8, 0, tzinfo=timezone.utc)
TOPIC = {"name": "nk", "query": '"north korea*" AND (troops OR soldiers)', "channels": ["console"]}


class FakeClock:
    def __init__(self, now: datetime):
        self.now = now

    def __call__(self) -> datetime:
        return self.now


async def test_one_warning_after_hours_of_failure_and_one_notice_on_recovery(tmp_path):
    out = io.StringIO()
    async with FeedServer() as srv:
        good = (SEEDS / "kyiv-ledger.xml").read_bytes()
        srv.serve("/kyiv.xml", good, etag='"v1"')
        srv.serve("/never-alerted.xml", b"down", status=503)
        settings = Settings(database={"url": f"sqlite+aiosqlite:///{tmp_path / 'h.db'}"},
                            fetch={"allow_private_addresses": True}, topics=[TOPIC],
                            health={"warn_after": "6h"},
                            feeds=[{"url": srv.url("/kyiv.xml"), "name": "Kyiv Ledger", "backfill": 10},
                                   {"url": srv.url("/never-alerted.xml"), "name": "Quiet Wire"}])
        async with open_runtime(settings, console=Console(file=out, width=200)) as rt:
            rt.clock = clock = FakeClock(START)
            stats = await refresh_due(rt)
            assert stats.alerts > 0                       # the topic depends on Kyiv Ledger from now on
            await outbox.drain(rt.store, rt.router, clock())
            out.truncate(0)
            out.seek(0)

            srv.serve("/kyiv.xml", b"gateway trouble", status=502)
            warned_at = None
            for _ in range(24):                            # 12 hours in half-hour steps
                clock.now += timedelta(minutes=30)
                await refresh_due(rt)
                await check_feed_health(rt, clock())
                if warned_at is None and "has been failing" in out.getvalue():
                    warned_at = clock.now
            text = out.getvalue()
            assert text.count("has been failing") == 1, text
            assert START + timedelta(hours=6) <= warned_at <= START + timedelta(hours=7)
            assert "Kyiv Ledger" in text and "HTTP 502" in text
            assert "Quiet Wire" not in text                # no topic depends on a feed that never alerted

            status = (await feeds_status(Context(rt.store, rt.settings), OPERATOR)).feeds
            assert [s.name for s in status[:2]] == ["Quiet Wire", "Kyiv Ledger"]   # failing first, longest first
            assert status[1].failing_since is not None and status[1].last_error.startswith("HTTP 502")

            srv.serve("/kyiv.xml", good, etag='"v1"')
            for _ in range(48):                            # backoff: the next poll may be hours away
                clock.now += timedelta(minutes=30)
                await refresh_due(rt)
                await check_feed_health(rt, clock())
            text = out.getvalue()
            assert text.count("works again") == 1 and text.count("has been failing") == 1, text
            [kyiv] = [f for f in await rt.store.list_feeds() if f.name == "Kyiv Ledger"]
            assert kyiv.error_count == 0 and kyiv.failing_since is None


async def test_warnings_can_be_switched_off(tmp_path):
    out = io.StringIO()
    async with FeedServer() as srv:
        srv.serve("/kyiv.xml", (SEEDS / "kyiv-ledger.xml").read_bytes())
        settings = Settings(database={"url": f"sqlite+aiosqlite:///{tmp_path / 'off.db'}"},
                            fetch={"allow_private_addresses": True}, topics=[TOPIC],
                            health={"feed_warnings": False},
                            feeds=[{"url": srv.url("/kyiv.xml"), "name": "Kyiv Ledger", "backfill": 10}])
        async with open_runtime(settings, console=Console(file=out, width=200)) as rt:
            rt.clock = clock = FakeClock(START)
            await refresh_due(rt)
            srv.serve("/kyiv.xml", b"", status=500)
            for _ in range(30):
                clock.now += timedelta(hours=1)
                await refresh_due(rt)
                assert await check_feed_health(rt, clock()) == 0
    assert "has been failing" not in out.getvalue()
