"""Alert latency: an item appears in a farm feed at t; when does its alert reach the fake Discord?

The real service path runs: `bot.scheduler.build_scheduler` (APScheduler ticks at the poll interval),
refresh -> parse -> match -> extract (spaCy) -> outbox -> `DiscordDestination` through discord.py,
logged in over REST to the local fake Discord (tests/fakes/discord_server.py). Items are published
at random moments so they land at every phase of the poll cycle. For each item the farm records
when a response first carried it (`served_t`): the wait for the poll is the limit any poller with
this interval has; the rest is newsbot's own processing. A ticker coroutine measures how late the
event loop wakes it (the stall) for the whole run.

The scheduler ticks at the poll interval (`[scheduler] tick`), as a service configured with 5 s feeds
would; BENCH_LATENCY_TICK=SECONDS overrides the tick to see what a finer tick buys.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import random
import re
import sqlite3
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from benchmarks.common import bench_main, make_settings, missing, percentile, result, row, sqlite_url, unavailable
from benchmarks.farm import FarmProcess

NAME = "latency"
TOKEN = "bench-token.Zm9vYmFy.c2VjcmV0c2VjcmV0c2VjcmV0"
TAG_WORD = "benchalert"
TITLES = ["Harbour council approves a plan for {n} new homes", "Storm closes {n} schools along the coast",
          "Rail operator adds {n} extra trains for the festival", "Hospital hires {n} nurses after the review"]


def _stage_times(db_file: Path) -> dict[str, tuple[float, float]]:
    """tag -> (entry stored, alert queued), from the store's own timestamps (naive UTC on SQLite)."""
    def ts(v: str) -> float:
        return datetime.fromisoformat(v).replace(tzinfo=timezone.utc).timestamp()

    out: dict[str, tuple[float, float]] = {}
    try:
        with contextlib.closing(sqlite3.connect(db_file)) as db:
            rows = db.execute("SELECT e.title, e.seen_at, MIN(o.created_at) FROM entries e JOIN alerts a "
                              "ON a.entry_id = e.id JOIN outbox o ON o.alert_id = a.id GROUP BY e.id").fetchall()
    except sqlite3.Error:
        return out
    for title, seen, queued in rows:
        m = re.search(r"\bL\d+\b", title or "")
        if m and seen and queued:
            out[m.group(0)] = (ts(seen), ts(queued))
    return out


class LoopTicker:
    """How late the event loop runs a coroutine that asks to wake every `every_s` (max and p99, ms)."""

    def __init__(self, every_s: float = 0.01):
        self.every_s = every_s
        self.lags: list[float] = []
        self._task: asyncio.Task | None = None

    async def _tick(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            t0 = loop.time()
            await asyncio.sleep(self.every_s)
            self.lags.append(max(0.0, loop.time() - t0 - self.every_s) * 1000)

    def __enter__(self) -> LoopTicker:
        self._task = asyncio.create_task(self._tick())
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._task is not None
        self._task.cancel()


async def _run(quick: bool) -> dict[str, Any]:
    interval = 1.0 if quick else 5.0
    tick = float(os.environ.get("BENCH_LATENCY_TICK") or interval)
    n_items = 8 if quick else 50
    n_feeds = 10 if quick else 50
    gap_s = 0.4 if quick else 0.6      # mean gap between published items (exponential)
    gone = missing("bot.scheduler", "bot.pipeline", "bot.runtime", "bot.analysis.topics.matcher",
                   "bot.analysis.figures.extract", "bot.analysis.summarize", "bot.platforms.discord.sender",
                   "bot.platforms.discord.endpoints",
                   "tests.fakes.discord_server")
    headline = {"latency_p50_s": None, "latency_p95_s": None, "poll_interval_s": interval, "loop_stall_ms": None}
    if gone:
        return result(NAME, [unavailable(NAME, "alert latency", "; ".join(gone))], headline)

    import discord

    from bot.delivery.router import Router
    from bot.platforms.discord.endpoints import point_discord_at
    from bot.pipeline import refresh_due
    from bot.runtime import open_runtime
    from bot.scheduler import build_scheduler
    from tests.fakes.discord_server import FakeDiscord

    rng = random.Random(23)
    fake = await FakeDiscord().start()
    arrivals: dict[str, float] = {}
    create = fake._create_message

    def recording(channel_id: int, body: Any, files: list):
        now = time.time()
        text = json.dumps(body)
        for word in text.replace('"', " ").split():
            if word.startswith("L") and word[1:].rstrip(".,\\").isdigit():
                arrivals.setdefault(word.rstrip(".,\\"), now)
        return create(channel_id, body, files)

    fake._create_message = recording
    point_discord_at(fake.api_base, fake.gateway_url)
    client = discord.Client(intents=discord.Intents(guilds=True), allowed_mentions=discord.AllowedMentions.none())
    details: dict[str, Any] = {"feeds": n_feeds, "items": n_items, "interval_s": interval, "tick_s": tick,
                               "destination": "discord (fake Discord REST, discord.py client)"}
    try:
        await client.login(TOKEN)
        with FarmProcess(n_feeds, hosts=min(32, n_feeds)) as farm, tempfile.TemporaryDirectory() as tmp:
            settings = make_settings(
                sqlite_url(tmp), farm.urls, interval=interval,
                topics=[{"name": "bench", "query": TAG_WORD, "channels": [f"discord:{fake.channel_id}"]}],
                scheduler={"tick": tick})
            router = Router(settings, discord_client=client)
            async with open_runtime(settings, router=router) as rt:
                await refresh_due(rt, only_due=False)       # first sight of every feed: nothing alerts
                with LoopTicker() as cold:                   # the model loads once, on the first alert
                    from bot.analysis.figures.extract import extract_many

                    await rt.cpu(extract_many, ["Warm-up: 12,000 soldiers, officials said."])
                details["stall_model_load_ms"] = max(cold.lags, default=0.0)
                with LoopTicker() as ticker:
                    scheduler = build_scheduler(rt)
                    started = time.time()
                    scheduler.start()
                    try:
                        await asyncio.sleep(interval)        # let the scheduler settle into its rhythm
                        for i in range(n_items):
                            feed = rng.randrange(n_feeds)
                            title = rng.choice(TITLES).format(n=rng.randint(12, 4000)) + f" {TAG_WORD}"
                            await asyncio.to_thread(farm.publish, [feed], f"L{i}", title)
                            await asyncio.sleep(rng.expovariate(1 / gap_s))
                        deadline = time.time() + 3 * interval + (5 if quick else 20)
                        while len(arrivals) < n_items and time.time() < deadline:
                            await asyncio.sleep(0.05)
                    finally:
                        scheduler.shutdown(wait=False)
                published = await asyncio.to_thread(farm.published)
                hits = await asyncio.to_thread(farm.hits)
            stages = _stage_times(Path(tmp) / "bench.db")
    finally:
        await client.close()
        await fake.stop()

    lat, wait, proc = [], [], []
    stored, queued, sent = [], [], []
    for item in published:
        tag = item.get("tag")
        if tag in arrivals:
            lat.append(arrivals[tag] - item["t"])
            if item.get("served_t"):
                wait.append(item["served_t"] - item["t"])
                proc.append(arrivals[tag] - item["served_t"])
                if tag in stages:
                    seen_t, queued_t = stages[tag]
                    stored.append(seen_t - item["served_t"])
                    queued.append(queued_t - seen_t)
                    sent.append(arrivals[tag] - queued_t)
    lost = n_items - len(lat)
    gaps = [b - a for times in hits.values() for a, b in zip(times, times[1:]) if a >= started]
    p50, p95 = percentile(lat, 50), percentile(lat, 95)
    stall = max(ticker.lags) if ticker.lags else None
    headline.update(latency_p50_s=p50, latency_p95_s=p95, loop_stall_ms=stall)
    budget_s = interval + 1.5
    note = f"{len(lat)}/{n_items} alerts arrived" + (f"; {lost} never arrived" if lost else "")
    rows = [
        row(NAME, f"p50, {interval:g} s poll interval, {tick:g} s tick", p50, "s", limit=percentile(wait, 50),
            note="limit = wait until a poll fetched the item (farm's record)"),
        row(NAME, f"p95, {interval:g} s poll interval, {tick:g} s tick", p95, "s", limit=percentile(wait, 95),
            budget=f"<= {budget_s:g} s", met=None if p95 is None else (p95 <= budget_s and not lost), note=note),
        row(NAME, "time between two polls of a feed, p50", percentile(gaps, 50), "s", limit=interval,
            note=f"p95 {percentile(gaps, 95) or 0:.2f} s over {len(gaps)} polls; limit = the configured interval"),
        row(NAME, "newsbot processing p50 / p95 (fetched -> Discord)", percentile(proc, 50), "s",
            note=f"p95 {percentile(proc, 95) or 0:.3f} s: parse, store, match, extract, outbox, discord.py"),
        *[row(NAME, f"stage: {label}, p50", percentile(v, 50), "s", note=f"p95 {percentile(v, 95) or 0:.3f} s")
          for label, v in (("fetched -> entry stored (parse, dedupe)", stored),
                           ("stored -> alert queued (match, extract, summarise)", queued),
                           ("queued -> Discord (rest of the cycle, outbox, discord.py)", sent)) if v],
        row(NAME, "event-loop stall (max lag)", stall, "ms", budget="<= 100 ms",
            met=None if stall is None else stall <= 100,
            note=f"p99 {percentile(ticker.lags, 99) or 0:.1f} ms over {len(ticker.lags)} ticks of 10 ms; "
                 "model loaded before the run"),
        row(NAME, "event-loop stall while the model loads (once)", details["stall_model_load_ms"], "ms",
            note="spaCy load in the CPU thread holds the GIL"),
    ]
    details.update(latencies_s=lat, poll_wait_s=wait, processing_s=proc, lost=lost, stage_stored_s=stored,
                   stage_queued_s=queued, stage_sent_s=sent, poll_gaps_s=gaps)
    return result(NAME, rows, headline, **details)


def run(quick: bool = False) -> dict[str, Any]:
    return asyncio.run(_run(quick))


if __name__ == "__main__":
    bench_main(run)
