"""`/metrics` during real polling cycles: the counters move, and no feed URL or secret reaches a label."""

from __future__ import annotations

import asyncio
import io
from datetime import timedelta
from pathlib import Path

from rich.console import Console

from bot.delivery import outbox
from bot.ops.metrics import reason_class
from bot.pipeline import refresh_due
from bot.runtime import open_runtime
from bot.settings import Settings
from tests.fakes.feed_server import FeedServer
from tests.ops.conftest import get, ops_server, sample

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "round1"
TOPIC = {"name": "nk", "query": '"north korea*" AND (troops OR soldiers)', "channels": ["console"]}


class Later:
    def __init__(self):
        from datetime import datetime, timezone

        self.now = datetime.now(timezone.utc)

    def __call__(self):
        return self.now


async def _scrape(base: str) -> str:
    status, text = await get(base + "/metrics")
    assert status == 200
    return text


async def test_counters_move_while_a_cycle_runs(tmp_path):
    held = asyncio.Event()
    async with FeedServer() as srv:
        for name in ("kyiv-ledger.xml", "seoul-monitor.atom", "atlantic-wire.xml"):
            srv.serve(f"/{name}", (SEEDS / name).read_bytes(), etag=f'"{name}"')
        srv.serve("/held.xml", (SEEDS / "kyiv-ledger.xml").read_bytes().replace(b"kl-", b"held-"), hold=held)
        srv.serve("/broken.xml?api_key=s3cr3t-value", b"", status=500)
        srv.serve("/broken.xml", b"down", status=500)
        feeds = [{"url": srv.url(p), "name": p.strip("/").split(".")[0], "backfill": 10}
                 for p in ("/kyiv-ledger.xml", "/seoul-monitor.atom", "/atlantic-wire.xml", "/held.xml")]
        feeds.append({"url": srv.url("/broken.xml") + "?api_key=s3cr3t-value", "name": "broken"})
        settings = Settings(database={"url": f"sqlite+aiosqlite:///{tmp_path / 'm.db'}"},
                            fetch={"allow_private_addresses": True}, feeds=feeds, topics=[TOPIC])
        async with open_runtime(settings, console=Console(file=io.StringIO())) as rt:
            rt.clock = Later()
            async with ops_server(rt) as base:
                before = await _scrape(base)
                cycle = asyncio.create_task(refresh_due(rt))
                # While the held feed keeps the cycle open, the other four finish and show up.
                for _ in range(250):
                    during = await _scrape(base)
                    done = (sample(during, "newsbot_feed_polls_total", result="updated")
                            - sample(before, "newsbot_feed_polls_total", result="updated"))
                    failed = (sample(during, "newsbot_feed_poll_errors_total", reason="http_5xx")
                              - sample(before, "newsbot_feed_poll_errors_total", reason="http_5xx"))
                    if done >= 3 and failed >= 1:
                        break
                    await asyncio.sleep(0.02)
                assert not cycle.done(), "the scrape must happen during the cycle"
                assert (done, failed) == (3, 1)
                assert sample(during, "newsbot_feeds_due") == 5
                assert sample(during, "newsbot_entries_total") > sample(before, "newsbot_entries_total")
                held.set()
                stats = await cycle
                assert stats.errors == 1 and stats.alerts > 0

                after = await _scrape(base)
                assert sample(after, "newsbot_alerts_total") - sample(before, "newsbot_alerts_total") == stats.alerts
                assert sample(after, "newsbot_outbox_rows", status="pending") == stats.alerts
                assert sample(after, "newsbot_outbox_oldest_pending_age_seconds") >= 0
                assert sample(after, "newsbot_feeds_failing", reason="http_5xx") == 1
                assert sample(after, "newsbot_extraction_seconds_count") > \
                    sample(before, "newsbot_extraction_seconds_count")

                await outbox.drain(rt.store, rt.router, rt.clock())
                delivered = await _scrape(base)
                assert (sample(delivered, "newsbot_deliveries_total", kind="console", outcome="sent")
                        - sample(after, "newsbot_deliveries_total", kind="console", outcome="sent")) == stats.alerts
                assert sample(delivered, "newsbot_outbox_rows", status="pending") == 0

                rt.clock.now += timedelta(hours=1)        # every feed due again: the seeds answer 304
                await refresh_due(rt)
                second = await _scrape(base)
                assert (sample(second, "newsbot_feed_polls_total", result="not_modified")
                        - sample(delivered, "newsbot_feed_polls_total", result="not_modified")) == 3
                assert sample(second, "newsbot_poll_not_modified_ratio") == 0.6
                # Never-polled feeds have no due time; the second cycle's five were each due an hour ago.
                assert (sample(second, "newsbot_poll_lateness_seconds_count")
                        - sample(delivered, "newsbot_poll_lateness_seconds_count")) == 5
    for text in (during, after, second):
        assert "127.0.0.1" not in text and "s3cr3t" not in text and "broken" not in text


def test_reason_classes_never_carry_the_host():
    assert reason_class("HTTP 404 from feeds.example.org") == "http_4xx"
    assert reason_class("HTTP 429 from feeds.example.org", 429) == "http_429"
    assert reason_class("timed out after 20 s") == "timeout"
    assert reason_class("refused: feeds.example.org resolves to 10.0.0.1, which is not a public address") == "refused"
    assert reason_class("cannot resolve feeds.example.org") == "dns"
    assert reason_class("cannot connect to feeds.example.org:443 (Connection refused)") == "connect"
    assert reason_class("body larger than 12 MiB", 200) == "too_large"
    assert reason_class("not a feed: the server sent an HTML page") == "parse"
    assert reason_class("parsing took longer than 5 s", parse_error=True) == "parse"
