"""Polling: newsbot's refresh cycle over the feed farm vs a bare aiohttp GET loop over the same URLs.

Two cycles are measured for both: one where every feed answers 304 Not Modified (the common case)
and one where 20% of the feeds have one new item. Both sides send the same conditional headers, use
the same concurrency and see the same mix of 200s and 304s; the bare loop reads the bodies but does
nothing with them, so it is the transport limit of this machine. newsbot's side is the scheduler's
cycle, `refresh_due(rt)` (claim the due feeds, poll them), with `[scheduler] batch` = N and the
runtime's clock moved past every feed's next check before each cycle. CPU is this process (all threads)
plus newsbot's parser worker processes; the farm runs in its own process and is not counted.

Set BENCH_PROFILE=FILE to write pyinstrument profiles (where the event loop's thread spends its
time) of newsbot's first 304 cycle to FILE and of its first 20%-new cycle to FILE.new.txt (profiled
cycles run slower; the best of the repeats is kept).

The 304 cycles alternate with bare ones (the machine may be shared): the table shows the medians
over those side-by-side pairs (rates, CPU and the ratio of each pair), and best vs best in the note.
A what-if row repeats the pairs with `gc.freeze()` applied (the objects alive after start-up moved
out of the collector's sight; not newsbot's code).
"""

from __future__ import annotations

import asyncio
import gc
import os
import random
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone
from typing import Any

import aiohttp

from benchmarks.common import (CpuMeter, RssSampler, bench_main, make_settings, missing, result, row,
                               sqlite_url)
from benchmarks.farm import FarmProcess
from benchmarks.farm import INITIAL_ITEMS as ITEMS

NAME = "poll"
INTERVAL_S = 300
POLL_TOPICS = [   # a few realistic topics; the farm's generated items never match them
    {"name": "nk-troops", "query": '"north korea*" AND (troops OR soldiers OR brigade*)'},
    {"name": "arms", "query": '"south korea*" AND (arms OR weapons OR artillery)'},
    {"name": "kursk", "query": "kursk NEAR/8 troops"},
]


class Cycle:
    """Wall time, CPU and status counts of one cycle."""

    def __init__(self, feeds: int, wall_s: float, cpu_main_s: float, cpu_children_s: float, **counts: int):
        self.feeds, self.wall_s = feeds, wall_s
        self.cpu_main_s, self.cpu_children_s = cpu_main_s, cpu_children_s
        self.counts = counts

    @property
    def rate(self) -> float:
        return self.feeds / self.wall_s if self.wall_s else 0.0

    @property
    def cpu_ms_per_feed(self) -> float:
        return 1000 * (self.cpu_main_s + self.cpu_children_s) / max(1, self.feeds)

    def as_dict(self) -> dict[str, Any]:
        return {"feeds": self.feeds, "wall_s": self.wall_s, "feeds_per_s": self.rate,
                "cpu_main_s": self.cpu_main_s, "cpu_children_s": self.cpu_children_s,
                "cpu_ms_per_feed": self.cpu_ms_per_feed, **self.counts}


async def _measure(meter: CpuMeter, n: int, coro) -> tuple[Cycle, Any]:
    c0, k0 = meter.snapshot()
    t0 = time.perf_counter()
    out = await coro
    wall = time.perf_counter() - t0
    c1, k1 = meter.snapshot()
    counts = out[1] if isinstance(out, tuple) else {}
    return Cycle(n, wall, c1 - c0, k1 - k0, **counts), out


class BareLoop:
    """The limit: conditional GETs with a semaphore, bodies read and dropped, validators remembered."""

    def __init__(self, urls: list[str], concurrency: int):
        self.urls = urls
        self.concurrency = concurrency
        self.etags: dict[str, str] = {}
        self.session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> BareLoop:
        self.session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=200, limit_per_host=0),
                                             cookie_jar=aiohttp.DummyCookieJar())
        return self

    async def __aexit__(self, *exc: object) -> None:
        assert self.session is not None
        await self.session.close()

    async def cycle(self) -> tuple[None, dict[str, int]]:
        sem = asyncio.Semaphore(self.concurrency)
        counts = {"s200": 0, "s304": 0, "errors": 0}

        async def one(url: str) -> None:
            assert self.session is not None
            headers = {"If-None-Match": self.etags[url]} if url in self.etags else {}
            async with sem:
                try:
                    async with self.session.get(url, headers=headers) as resp:
                        await resp.read()
                        if resp.status == 200:
                            self.etags[url] = resp.headers.get("ETag", "")
                            counts["s200"] += 1
                        elif resp.status == 304:
                            counts["s304"] += 1
                        else:
                            counts["errors"] += 1
                except aiohttp.ClientError:
                    counts["errors"] += 1

        await asyncio.gather(*(one(u) for u in self.urls))
        return None, counts


class Later:
    """The runtime's clock, moved past every feed's next check before each cycle, so that each
    measured cycle is the scheduler's real one (`refresh_due`: claim the due feeds, then poll them)."""

    def __init__(self) -> None:
        self.offset = timedelta(0)

    def __call__(self) -> datetime:
        return datetime.now(timezone.utc) + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += timedelta(seconds=seconds)


async def _newsbot_cycle(rt) -> tuple[None, dict[str, int]]:
    from bot.pipeline import refresh_due

    rt.clock.advance(2 * INTERVAL_S)           # every feed is due again (interval + up to 10% jitter)
    stats = await refresh_due(rt)
    return None, {"s304": stats.not_modified, "errors": stats.errors, "new_entries": stats.new_entries,
                  "s200": stats.feeds - stats.not_modified - stats.errors}


async def _profiled(coro, path: str):
    from pyinstrument import Profiler

    # Samples stacks, not awaits: time in the selector is the loop idling, the rest is work on the loop.
    prof = Profiler(async_mode="disabled", interval=0.0005)
    prof.start()
    try:
        return await coro
    finally:
        prof.stop()
        with open(path, "w") as f:
            f.write(prof.output_text(unicode=True, color=False, show_all=False))


def _best(cycles: list[Cycle]) -> Cycle:
    return max(cycles, key=lambda c: c.rate)


async def _run(quick: bool) -> dict[str, Any]:
    n = 100 if quick else 2000
    repeats = 1 if quick else 10
    rounds = 1 if quick else 2
    concurrency = 64
    rows: list[dict] = []
    details: dict[str, Any] = {"feeds": n, "concurrency": concurrency, "hosts": 32}
    gone = missing("bot.pipeline", "bot.runtime", "bot.store", "bot.reader.fetcher", "bot.reader.parser")
    topics_gone = missing("bot.analysis.topics.query", "bot.analysis.topics.matcher")
    rng = random.Random(11)

    with FarmProcess(n, hosts=32) as farm:
        meter = CpuMeter(exclude=[farm.pid])
        urls = farm.urls
        async with BareLoop(urls, concurrency) as bare:
            with RssSampler(exclude=[farm.pid]) as bare_rss:
                await bare.cycle()                                  # first fetch: validators learnt
                bare_304 = [(await _measure(meter, n, bare.cycle()))[0]]
            details["bare_peak_rss_mb"] = bare_rss.peak_self
            details["bare_304"] = [c.as_dict() for c in bare_304]
            if gone:
                reason = "; ".join(gone)
                rows += [row(NAME, "304 cycle feeds/s", None, "feeds/s", limit=_best(bare_304).rate,
                             note=f"not available: {reason}")]
                return result(NAME, rows, {"poll_ratio": None, "poll_cpu_ms_per_304": None}, **details)

            from bot.runtime import open_runtime

            with tempfile.TemporaryDirectory() as tmp:
                settings = make_settings(sqlite_url(tmp), urls, interval=INTERVAL_S, scheduler={"batch": n},
                                         topics=[] if topics_gone else POLL_TOPICS,
                                         fetch={"concurrency": concurrency})
                with RssSampler(exclude=[farm.pid]) as nb_rss:
                    async with open_runtime(settings) as rt:
                        rt.clock = Later()
                        first, _ = await _measure(meter, n, _newsbot_cycle(rt))     # every feed new: 200 + parse
                        details["newsbot_first_cycle"] = first.as_dict()
                        nb_304, pairs = [], []
                        for i in range(repeats):    # interleaved: each newsbot cycle next to a bare one
                            bare_304.append((await _measure(meter, n, bare.cycle()))[0])
                            coro = _newsbot_cycle(rt)
                            if i == 0 and os.environ.get("BENCH_PROFILE"):
                                coro = _profiled(coro, os.environ["BENCH_PROFILE"])
                            nb_304.append((await _measure(meter, n, coro))[0])
                            pairs.append(nb_304[-1].rate / bare_304[-1].rate)
                        # What-if (not newsbot's code): the objects alive after start-up moved out of
                        # the garbage collector's sight, as `gc.freeze()` after start would do.
                        frozen: list[tuple[Cycle, Cycle]] = []
                        gc.collect()
                        gc.freeze()
                        try:
                            for _ in range(max(1, repeats // 2)):
                                b = (await _measure(meter, n, bare.cycle()))[0]
                                frozen.append((b, (await _measure(meter, n, _newsbot_cycle(rt)))[0]))
                        finally:
                            gc.unfreeze()
                        bare_new, nb_new = [], []
                        for _ in range(rounds):
                            changed = rng.sample(range(n), n // 5)
                            farm.publish(changed)
                            bare_new.append((await _measure(meter, n, bare.cycle()))[0])
                            coro = _newsbot_cycle(rt)
                            if not nb_new and os.environ.get("BENCH_PROFILE"):
                                coro = _profiled(coro, os.environ["BENCH_PROFILE"] + ".new.txt")
                            nb_new.append((await _measure(meter, n, coro))[0])
                details["newsbot_peak_rss_mb"] = nb_rss.peak_self
                details["newsbot_peak_rss_with_workers_mb"] = nb_rss.peak_total

    b304, w304 = _best(bare_304), _best(nb_304)
    bnew, wnew = _best(bare_new), _best(nb_new)
    details.update(bare_304=[c.as_dict() for c in bare_304], newsbot_304=[c.as_dict() for c in nb_304],
                   bare_20pct=[c.as_dict() for c in bare_new],
                   newsbot_20pct=[c.as_dict() for c in nb_new], paired_304_ratios=pairs,
                   whatif_gc_freeze=[(b.as_dict(), w.as_dict()) for b, w in frozen])
    # Cycles take well under a second, so a shared machine moves single ones a lot: the headline is
    # the median of the side-by-side pairs, the best of each side is in the note.
    ratio = statistics.median(pairs)
    med_nb = statistics.median(c.rate for c in nb_304)
    med_bare = statistics.median(c.rate for c in bare_304[-len(pairs):])
    cpu_nb = statistics.median(c.cpu_ms_per_feed for c in nb_304)
    cpu_bare = statistics.median(c.cpu_ms_per_feed for c in bare_304[-len(pairs):])
    errs = sum(c.counts.get("errors", 0) for c in nb_304)
    note_304 = (f"median of {len(pairs)} side-by-side pairs; best vs best {w304.rate:,.0f} vs {b304.rate:,.0f}; "
                f"{w304.counts.get('s304', 0)}/{n} answered 304")
    note_304 += f"; {errs} errors" if errs else ""
    new_errs = wnew.counts.get("errors", 0)
    note_new = f"{wnew.counts.get('s200', 0)} with new items" + (f"; {new_errs} errors" if new_errs else "")
    if topics_gone:
        note_new += f"; no topics ({topics_gone[0]})"
    rows += [
        row(NAME, f"304 cycle, {n} feeds", med_nb, "feeds/s", limit=med_bare, ratio=ratio, budget=">= 0.6",
            met=ratio >= 0.6, note=note_304),
        row(NAME, "CPU per 304 feed", cpu_nb, "ms", limit=cpu_bare, budget="<= 1 ms", met=cpu_nb <= 1.0,
            note=f"median of {len(nb_304)} cycles"),
        row(NAME, "what-if: gc.freeze() after start, 304 cycle", statistics.median(w.rate for _, w in frozen),
            "feeds/s", limit=statistics.median(b.rate for b, _ in frozen),
            ratio=statistics.median(w.rate / b.rate for b, w in frozen),
            note=f"CPU {statistics.median(w.cpu_ms_per_feed for _, w in frozen):.3f} ms/feed; median of "
                 f"{len(frozen)} pairs; not newsbot's code"),
        row(NAME, "20%-new cycle", wnew.rate, "feeds/s", limit=bnew.rate, note=note_new),
        row(NAME, "CPU per feed, 20%-new cycle", wnew.cpu_ms_per_feed, "ms", limit=bnew.cpu_ms_per_feed,
            note=f"of which parser workers {1000 * wnew.cpu_children_s / n:.2f} ms"),
        row(NAME, "first cycle (every feed new to newsbot)", first.rate, "feeds/s", limit=med_bare,
            note=f"CPU {first.cpu_ms_per_feed:.1f} ms/feed: 200, parse, store {ITEMS} entries each; "
                 "limit = bare 304 loop"),
        row(NAME, "peak RSS", details["newsbot_peak_rss_with_workers_mb"], "MB", limit=details["bare_peak_rss_mb"],
            note=f"main process {details['newsbot_peak_rss_mb']:.0f} MB; rest = parser workers"),
    ]
    headline = {"poll_ratio": ratio, "poll_cpu_ms_per_304": cpu_nb}
    return result(NAME, rows, headline, **details)


def run(quick: bool = False) -> dict[str, Any]:
    return asyncio.run(_run(quick))


if __name__ == "__main__":
    bench_main(run)
