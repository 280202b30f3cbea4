"""Adaptive polling on a realistic mix: polls and CPU over simulated days, fixed interval vs adaptive.

Feeds publish on their own schedules on a fake clock (the service's `Runtime.clock`), served by a
local feed server with real conditional GET (a 304 when nothing was published since the last poll).
The mix, by share of feeds: 10% hourly wires, 25% four items a day, 35% daily, 20% weekly, 10%
silent for months. Both runs poll the same feeds with the same `interval` (the floor) through the
scheduler's real cycle, `refresh_due`, stepping the clock by the tick; the only difference is
`[scheduler] adaptive`. CPU is measured around each cycle only (publishing the simulated items is
not): this process (newsbot, and the in-process feed server answering it, whose share scales with
the number of requests) plus the parser workers.
"""

from __future__ import annotations

import asyncio
import tempfile
import time
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from typing import Any

from benchmarks.common import CpuMeter, bench_main, make_settings, missing, result, row, sqlite_url, unavailable

NAME = "adaptive"
START = datetime(2026, 3, 2, tzinfo=timezone.utc)
MIX = ((0.10, 3600.0), (0.25, 6 * 3600.0), (0.35, 86400.0), (0.20, 7 * 86400.0), (0.10, None))


def _periods(n: int) -> list[float | None]:
    out: list[float | None] = []
    for share, period in MIX:
        out += [period] * round(share * n)
    return (out + [86400.0] * n)[:n]


def _body(index: int, period: float | None, now: datetime) -> tuple[bytes, str]:
    """The feed as it reads at `now`: its newest 20 items, dated on its schedule (offset per feed)."""
    if period is None:
        items = [(0, START - timedelta(days=120))]
    else:
        offset = (index * 977) % int(period)
        first = START - timedelta(days=8) + timedelta(seconds=offset)
        count = int((now - first).total_seconds() // period) + 1
        items = [(k, first + timedelta(seconds=k * period)) for k in range(max(0, count - 20), count)]
    xml = "".join(f"<item><guid>f{index}-{k}</guid><title>Council notice {k}</title>"
                  f"<pubDate>{format_datetime(when)}</pubDate><description>Routine notice.</description></item>"
                  for k, when in reversed(items))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Feed {index}</title>{xml}'
            f"</channel></rss>").encode(), f'"{index}-{items[-1][0]}"'


class Clock:
    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        return self.now


async def _simulate(adaptive: bool, n: int, days: float, interval_s: int, tick_s: int) -> dict[str, Any]:
    from bot.pipeline import refresh_due
    from bot.runtime import open_runtime
    from tests.fakes.feed_server import FeedServer

    periods = _periods(n)
    meter = CpuMeter()
    async with FeedServer() as srv:
        urls = [srv.url(f"/f{i}.xml") for i in range(n)]
        shown: list[str | None] = [None] * n
        with tempfile.TemporaryDirectory() as tmp:
            settings = make_settings(sqlite_url(tmp), urls, interval=interval_s,
                                     scheduler={"adaptive": adaptive, "adaptive_max": "24h", "batch": n})
            async with open_runtime(settings) as rt:
                rt.clock = clock = Clock()
                polls, cpu, wall, cycles = 0, 0.0, 0.0, 0
                _, children0 = meter.snapshot()      # parser workers only work inside cycles
                while clock.now < START + timedelta(days=days):
                    for i, period in enumerate(periods):      # publish what is due by now (not measured)
                        body, etag = _body(i, period, clock.now)
                        if etag != shown[i]:
                            srv.serve(f"/f{i}.xml", body, etag=etag)
                            shown[i] = etag
                    c0, t0 = time.process_time(), time.perf_counter()
                    polls += (await refresh_due(rt)).feeds    # the scheduler's cycle: measured
                    cpu += time.process_time() - c0
                    wall += time.perf_counter() - t0
                    cycles += 1
                    if cycles == 1:                           # every feed new: the same in both runs
                        first_cpu = cpu + meter.snapshot()[1] - children0
                    clock.now += timedelta(seconds=tick_s)
                cpu += meter.snapshot()[1] - children0
                intervals = [f.adaptive_interval_s or f.interval_s for f in await rt.store.list_feeds()]
    return {"adaptive": adaptive, "polls": polls, "requests": len(srv.requests), "cpu_s": cpu, "wall_s": wall,
            "cycles": cycles, "first_cycle_cpu_s": first_cpu, "steady_cpu_s": cpu - first_cpu, "median_interval_s": sorted(intervals)[len(intervals) // 2],
            "min_interval_s": min(intervals)}


async def _run(quick: bool) -> dict[str, Any]:
    n, days = (40, 1.0) if quick else (200, 3.0)
    interval_s, tick_s = 600, 300
    gone = missing("bot.reader.adaptive", "tests.fakes.feed_server")
    if gone:
        return result(NAME, [unavailable(NAME, "adaptive polling", "; ".join(gone))], {"adaptive_cpu_saved": None})
    fixed = await _simulate(False, n, days, interval_s, tick_s)
    adaptive = await _simulate(True, n, days, interval_s, tick_s)
    saved = 1 - adaptive["cpu_s"] / fixed["cpu_s"] if fixed["cpu_s"] else None
    steady = 1 - adaptive["steady_cpu_s"] / fixed["steady_cpu_s"] if fixed["steady_cpu_s"] else None
    label = f"{n} feeds, {days:g} simulated days, interval {interval_s // 60} min"
    rows = [
        row(NAME, f"polls, {label}", float(adaptive["polls"]), limit=float(fixed["polls"]),
            note=f"limit = the same feeds at their fixed interval; median adaptive interval "
                 f"{adaptive['median_interval_s'] / 60:.0f} min"),
        row(NAME, "CPU in polling cycles, whole run", adaptive["cpu_s"], "s", limit=fixed["cpu_s"],
            note=(f"{saved:.0%} saved; " if saved is not None else "") + f"{adaptive['cycles']} cycles each"),
        row(NAME, "CPU after the first cycle", adaptive["steady_cpu_s"], "s", limit=fixed["steady_cpu_s"],
            note=(f"{steady:.0%} saved; " if steady is not None else "") + "the first cycle (every feed new, "
                 f"parse and store 20 items each) cost {fixed['first_cycle_cpu_s']:.2f} s in both runs"),
        row(NAME, "CPU per poll", 1000 * adaptive["cpu_s"] / max(1, adaptive["polls"]), "ms",
            limit=1000 * fixed["cpu_s"] / max(1, fixed["polls"]),
            note="adaptive recounts a feed's entries when it changed, else every 6 h"),
    ]
    return result(NAME, rows, {"adaptive_cpu_saved": saved, "adaptive_cpu_saved_steady": steady}, fixed=fixed, adaptive=adaptive,
                  mix={"hourly": 0.10, "4/day": 0.25, "daily": 0.35, "weekly": 0.20, "silent": 0.10})


def run(quick: bool = False) -> dict[str, Any]:
    return asyncio.run(_run(quick))


if __name__ == "__main__":
    bench_main(run)
