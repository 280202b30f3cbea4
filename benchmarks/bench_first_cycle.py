"""The changed-feed path: newsbot's first cycle over feeds it has never seen, next to a bare loop.

Every feed answers 200 with 20 items (descriptions in escaped HTML, as most real feeds send them),
and every item is new to newsbot: fetch, parse in the worker, normalise, identify, dedupe, store.
It is the cycle a first start with many feeds runs, and the one every feed runs when news breaks.

The limit is a bare aiohttp loop fetching the same URLs with the same concurrency and reading the
same bodies (unconditional GETs, so every answer is a 200 with the whole feed). Each newsbot cycle
runs on a fresh SQLite file (a first cycle can only happen once per database) and alternates with a
bare cycle; the table shows medians over the pairs. CPU is this process (all threads) plus newsbot's
parser worker processes; the farm runs in its own process and counts on neither side.

Set BENCH_PROFILE=FILE to write a pyinstrument profile of the main process's first newsbot cycle.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
from typing import Any

from benchmarks.bench_poll import BareLoop, Later, _measure, _newsbot_cycle, _profiled
from benchmarks.common import CpuMeter, bench_main, make_settings, missing, result, row, sqlite_url
from benchmarks.farm import FarmProcess

NAME = "first_cycle"
ITEMS = 20
INTERVAL_S = 300
CPU_BUDGET_MS = 4.0
RATIO_BUDGET = 0.15


async def _newsbot_first(meter: CpuMeter, urls: list[str], concurrency: int, profile: str | None):
    from bot.reader.parse_isolated import parser_pool
    from bot.runtime import open_runtime

    n = len(urls)
    with tempfile.TemporaryDirectory() as tmp:
        settings = make_settings(sqlite_url(tmp), urls, interval=INTERVAL_S, scheduler={"batch": n},
                                 fetch={"concurrency": concurrency})
        async with open_runtime(settings) as rt:
            rt.clock = Later()
            await asyncio.to_thread(parser_pool().warm_up)   # worker start is not a feed's cost
            coro = _newsbot_cycle(rt)
            if profile:
                coro = _profiled(coro, profile)
            cycle, _ = await _measure(meter, n, coro)
    return cycle


async def _run(quick: bool) -> dict[str, Any]:
    n = 100 if quick else 2000
    pairs_wanted = 1 if quick else 3
    concurrency = 64
    details: dict[str, Any] = {"feeds": n, "items": ITEMS, "concurrency": concurrency, "hosts": 32}
    gone = missing("bot.pipeline", "bot.runtime", "bot.store", "bot.reader.fetcher", "bot.reader.parser")
    with FarmProcess(n, hosts=32, items=ITEMS, html=True) as farm:
        meter = CpuMeter(exclude=[farm.pid])
        async with BareLoop(farm.urls, concurrency) as bare:
            await bare.cycle()                                  # connections warm on both sides alike
            bare.etags.clear()
            if gone:
                cycle = (await _measure(meter, n, bare.cycle()))[0]
                rows = [row(NAME, f"first cycle, {n} feeds of {ITEMS} items", None, "feeds/s",
                            limit=cycle.rate, note=f"not available: {'; '.join(gone)}")]
                return result(NAME, rows, {"first_cycle_ratio": None, "first_cycle_cpu_ms_per_feed": None},
                              **details)
            bares, nbs = [], []
            for i in range(pairs_wanted):
                bare.etags.clear()                              # every GET a 200 with the whole body
                bares.append((await _measure(meter, n, bare.cycle()))[0])
                profile = os.environ.get("BENCH_PROFILE") if i == 0 else None
                nbs.append(await _newsbot_first(meter, farm.urls, concurrency, profile))
    ratios = [w.rate / b.rate for b, w in zip(bares, nbs)]
    ratio = statistics.median(ratios)
    rate_nb = statistics.median(c.rate for c in nbs)
    rate_bare = statistics.median(c.rate for c in bares)
    cpu_nb = statistics.median(c.cpu_ms_per_feed for c in nbs)
    cpu_bare = statistics.median(c.cpu_ms_per_feed for c in bares)
    workers_ms = statistics.median(1000 * c.cpu_children_s / n for c in nbs)
    details.update(bare=[c.as_dict() for c in bares], newsbot=[c.as_dict() for c in nbs], ratios=ratios)
    errs = sum(c.counts.get("errors", 0) for c in nbs)
    rows = [
        row(NAME, f"first cycle, {n} feeds of {ITEMS} items", rate_nb, "feeds/s", limit=rate_bare, ratio=ratio,
            budget=f">= {RATIO_BUDGET}", met=ratio >= RATIO_BUDGET,
            note=f"median of {len(ratios)} side-by-side pairs; limit = bare loop reading the same 200 bodies"
                 + (f"; {errs} errors" if errs else "")),
        row(NAME, "CPU per feed, first cycle", cpu_nb, "ms", limit=cpu_bare, budget=f"<= {CPU_BUDGET_MS:g} ms",
            met=cpu_nb <= CPU_BUDGET_MS, note=f"parser workers counted: {workers_ms:.2f} ms of it"),
    ]
    headline = {"first_cycle_ratio": ratio, "first_cycle_cpu_ms_per_feed": cpu_nb}
    return result(NAME, rows, headline, **details)


def run(quick: bool = False) -> dict[str, Any]:
    return asyncio.run(_run(quick))


if __name__ == "__main__":
    bench_main(run)
