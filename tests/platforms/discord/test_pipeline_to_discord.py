"""An alert from the real pipeline (seed feeds over loopback) arrives in Discord with its figures."""

from __future__ import annotations


import pytest

from tests.conftest import REPO
from bot.delivery import outbox
from bot.delivery.router import Router
from bot.demo_server import SeedServer
from bot.pipeline import refresh_due
from bot.runtime import open_runtime
from bot.settings import Settings

SEEDS = REPO / "seeds"
CHANNEL = 222222222222222222
QUERY = ('("north korea*" OR pyongyang) AND (troops OR soldiers OR brigade* OR "special forces") '
         'AND (russia* OR kursk OR ukrain*)')


async def test_pipeline_alerts_arrive_once_each_as_embeds_with_figures(fake_discord, rest_client, tmp_path):
    pytest.importorskip("bot.analysis.summarize")  # the last pipeline stage, built in parallel
    server = SeedServer(SEEDS / "round1")
    await server.start()
    try:
        feeds = [{"url": f"http://127.0.0.1:{server.port}/{n}", "name": n.split(".")[0], "backfill": 10}
                 for n in ("kyiv-ledger.xml", "seoul-monitor.atom", "atlantic-wire.xml")]
        settings = Settings(database={"url": f"sqlite+aiosqlite:///{tmp_path}/p.db"},
                            fetch={"allow_private_addresses": True}, feeds=feeds,
                            topics=[{"name": "nk-troops", "query": QUERY, "channels": [f"discord:{CHANNEL}"]}])
        async with open_runtime(settings, router=Router(settings, discord_client=rest_client)) as rt:
            stats = await refresh_due(rt, only_due=False)
            fake_discord.rate_limit_next("POST", f"/channels/{CHANNEL}/messages", retry_after=0.05)
            sent = await outbox.drain(rt.store, rt.router, rt.clock(), limit=100)
            again = await outbox.drain(rt.store, rt.router, rt.clock(), limit=100)
    finally:
        await server.stop()
    assert stats.errors == 0 and stats.alerts >= 3, stats.messages
    posted = fake_discord.posted(CHANNEL)
    assert sent == stats.alerts == len(posted) and again == 0
    bodies = [r.json for r in fake_discord.requests if r.path == f"/channels/{CHANNEL}/messages"]
    assert len(bodies) == len(posted) + 1  # one 429, waited out and retried
    assert all(b["allowed_mentions"] == {"parse": []} and b["enforce_nonce"] for b in bodies)
    names = [f["name"] for m in posted for f in m["embeds"][0]["fields"]]
    assert any("12,000" in n and "NIS" in n for n in names), names
    assert any("2,600" in n for n in names), names
    assert all(m["embeds"][0]["url"].startswith("https://") for m in posted)
