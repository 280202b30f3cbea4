"""Memory: RSS of a newsbot process with 10,000 feeds configured and idle, without and with the spaCy model.

Each measurement is a fresh subprocess (`--child`), so nothing another benchmark loaded is counted.
"Configured and idle" = the runtime `newsbot run` opens (store migrated and synced with the feeds,
fetcher session, router, compiled topic matcher) and the scheduler built, with no cycle in flight.
Next to it, in the same run: the same process with 0 feeds, and the model alone in a bare
interpreter, so the table shows what the feeds and the model each add.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import subprocess
import sys
import tempfile
import time
from typing import Any

from benchmarks.common import bench_main, make_settings, missing, result, row, rss_mb, sqlite_url, unavailable

NAME = "memory"
TOPICS = [{"name": f"topic{i}", "query": f'"north korea*" AND (troops OR word{i})'} for i in range(20)]


async def _idle_runtime(n_feeds: int, model: bool) -> dict[str, Any]:
    from bot.runtime import open_runtime
    from bot.scheduler import build_scheduler

    urls = [f"http://127.0.0.{1 + i % 32}:9/feed/{i}.xml" for i in range(n_feeds)]
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        settings = make_settings(sqlite_url(tmp), urls, topics=TOPICS)
        async with open_runtime(settings) as rt:
            open_s = time.perf_counter() - t0
            await rt.matcher_and_topics()
            build_scheduler(rt)
            if model:
                from bot.analysis.figures.extract import extract_many

                extract_many(["A warm-up sentence with 3 numbers, 12,000 soldiers and 5%."])
            gc.collect()
            await asyncio.sleep(0.2)
            return {"rss_mb": rss_mb(), "feeds": n_feeds, "model": model, "open_s": open_s}


def _model_alone() -> dict[str, Any]:
    from bot.analysis.figures.nlp import load_nlp

    load_nlp()("warm up")
    gc.collect()
    return {"rss_mb": rss_mb()}


def _child(argv: list[str]) -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--child", choices=["runtime", "model", "bare"])
    p.add_argument("--feeds", type=int, default=0)
    p.add_argument("--model", action="store_true")
    a = p.parse_args(argv)
    if a.child == "bare":
        out = {"rss_mb": rss_mb()}
    elif a.child == "model":
        out = _model_alone()
    else:
        out = asyncio.run(_idle_runtime(a.feeds, a.model))
    print("RESULT " + json.dumps(out), flush=True)


def _measure(*args: str, timeout: float = 300) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, "-m", "benchmarks.bench_memory", *args], capture_output=True, text=True,
                          timeout=timeout)
    for line in proc.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line[7:])
    raise RuntimeError((proc.stderr or proc.stdout)[-400:])


def run(quick: bool = False) -> dict[str, Any]:
    n = 200 if quick else 10_000
    gone = missing("bot.runtime", "bot.store", "bot.scheduler")
    if gone:
        reason = "; ".join(gone)
        return result(NAME, [unavailable(NAME, f"idle RSS, {n} feeds", reason)],
                      {"rss_mb_10k_feeds": None, "rss_mb_10k_feeds_with_model": None})
    bare = _measure("--child", "bare")
    zero = _measure("--child", "runtime", "--feeds", "0")
    plain = _measure("--child", "runtime", "--feeds", str(n))
    rows = [row(NAME, f"idle RSS, {n:,} feeds, no model", plain["rss_mb"], "MB", limit=zero["rss_mb"],
                note=f"limit = same process with 0 feeds; {1024 * (plain['rss_mb'] - zero['rss_mb']) / n:.1f} KB "
                     f"per feed; startup {plain['open_s']:.1f} s")]
    headline: dict[str, Any] = {"rss_mb_10k_feeds": plain["rss_mb"], "rss_mb_10k_feeds_with_model": None}
    details: dict[str, Any] = {"bare_python_mb": bare["rss_mb"], "zero_feeds": zero, "no_model": plain}
    nlp_gone = missing("bot.analysis.figures.extract", "bot.analysis.figures.nlp")
    if nlp_gone:
        rows.append(unavailable(NAME, f"idle RSS, {n:,} feeds, model loaded", "; ".join(nlp_gone)))
    else:
        alone = _measure("--child", "model")
        with_model = _measure("--child", "runtime", "--feeds", str(n), "--model")
        model_cost = alone["rss_mb"] - bare["rss_mb"]
        rows.append(row(NAME, f"idle RSS, {n:,} feeds, model loaded", with_model["rss_mb"], "MB",
                        limit=plain["rss_mb"] + model_cost,
                        note=f"limit = no-model process + the model alone ({model_cost:.0f} MB over a bare "
                             f"interpreter of {bare['rss_mb']:.0f} MB)"))
        headline["rss_mb_10k_feeds_with_model"] = with_model["rss_mb"]
        details.update(model_alone=alone, with_model=with_model)
    if quick:
        rows.append(row(NAME, "note", None, note=f"quick run: {n:,} feeds, not 10,000"))
    return result(NAME, rows, headline, **details)


if __name__ == "__main__":
    if "--child" in sys.argv:
        _child(sys.argv[1:])
    else:
        bench_main(run)
