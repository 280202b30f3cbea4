"""Extraction: articles/s through newsbot's `extract_many` vs spaCy `nlp.pipe` alone on the same texts.

The limit is the same loaded pipeline (`load_nlp()`) run with `nlp.pipe` and nothing after it, so the
ratio is what newsbot's rules (number scan, what/who/hedge) cost on top of the parse. Texts: the
evaluation articles in ../shared/eval/dev when present (read at run time, never copied into the
repo), else the entries of the bundled seeds plus generated sentences. Best of several interleaved
rounds for each side.

Also measured: how late the event loop runs while the extraction runs in a worker thread, as the
pipeline runs it (`Runtime.cpu`): spaCy holds the GIL in long stretches, and a late loop delays
every fetch and delivery in flight. The limit there is the same for `nlp.pipe` alone.
"""

from __future__ import annotations

import asyncio
import random
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from benchmarks.common import REPO, SHARED, bench_main, missing, result, row, unavailable

NAME = "extract"


def _generated(n: int, seed: int = 5) -> list[str]:
    rng = random.Random(seed)
    who = ["the ministry", "Defence officials", "A spokesman for the agency", "Analysts at the institute"]
    what = ["soldiers", "tanks", "families", "jobs", "homes", "flights"]
    out = []
    for _ in range(n):
        sents = []
        for _ in range(12):
            v = rng.choice(["1,200", "about 3,400", "12,000", "2.5 million", "$1.3bn", "45%", "nearly 800"])
            sents.append(f"{rng.choice(who)} said {v} {rng.choice(what)} were affected in the region last week.")
        out.append(" ".join(sents))
    return out


def load_texts(quick: bool) -> tuple[list[str], str]:
    dev = SHARED / "eval" / "dev"
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(dev.glob("*.txt"))] if dev.is_dir() else []
    source = f"{len(texts)} articles of ../shared/eval/dev"
    if not texts:
        from bot.reader.parser import parse_feed

        for p in sorted((REPO / "seeds").rglob("*")):
            if p.suffix in (".xml", ".atom", ".rss"):
                try:
                    texts += [e.text or e.title for e in parse_feed(p.read_bytes(), p.as_uri()).entries]
                except Exception:  # noqa: BLE001 - a seed the parser refuses is simply not used
                    pass
        texts += _generated(20)
        source = f"{len(texts)} texts: seed entries + generated"
    if quick:
        texts = texts[:4]
        source += f" (first {len(texts)}, quick)"
    return texts, source


def _time(fn) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


async def _lag_while(fn) -> float:
    """Max lateness (ms) of a 10 ms ticker while `fn` runs in a worker thread."""
    from benchmarks.bench_latency import LoopTicker

    with ThreadPoolExecutor(1) as pool, LoopTicker() as ticker:
        await asyncio.get_running_loop().run_in_executor(pool, fn)
    return max(ticker.lags, default=0.0)


def lag_by_component(nlp, texts: list[str]) -> dict[str, float]:
    """Which pipeline component holds the GIL longest: each run alone in a thread on pre-made docs."""
    out: dict[str, float] = {}
    docs = [nlp.make_doc(t) for t in texts]
    for name, component in nlp.pipeline:
        done = list(docs)
        out[name] = asyncio.run(_lag_while(lambda: [component(d) for d in done]))
        docs = [component(d) for d in docs]   # the next component needs this one's output
    return out


def run(quick: bool = False) -> dict[str, Any]:
    gone = missing("bot.analysis.figures.extract")
    if gone:
        return result(NAME, [unavailable(NAME, "articles/s", "; ".join(gone))], {"extract_ratio": None})
    from bot.analysis.figures.extract import extract_many, load_nlp

    texts, source = load_texts(quick)
    rounds = 1 if quick else 3
    t0 = time.perf_counter()
    nlp = load_nlp()
    load_s = time.perf_counter() - t0
    batch = 16
    list(nlp.pipe(texts[:2]))
    extract_many(texts[:2])                       # warm both paths (lazy imports, vectors)
    pipe_s, ext_s = [], []
    n_figures = 0
    for _ in range(rounds):
        pipe_s.append(_time(lambda: [None for _ in nlp.pipe(texts, batch_size=batch)]))
        t = time.perf_counter()
        figs = extract_many(texts)
        ext_s.append(time.perf_counter() - t)
        n_figures = sum(len(f) for f in figs)
    lag_pipe = asyncio.run(_lag_while(lambda: [None for _ in nlp.pipe(texts, batch_size=batch)]))
    lag_ext = asyncio.run(_lag_while(lambda: extract_many(texts)))
    by_component = lag_by_component(nlp, texts)
    worst = max(by_component, key=by_component.get)
    pipe_rate, ext_rate = len(texts) / min(pipe_s), len(texts) / min(ext_s)
    ratio = ext_rate / pipe_rate
    chars = sum(len(t) for t in texts)
    rows = [
        row(NAME, "articles/s", ext_rate, "art/s", limit=pipe_rate, budget=">= 0.8", met=ratio >= 0.8,
            note=f"{source}, {chars / len(texts):.0f} chars avg; {n_figures} figures"),
        row(NAME, "event-loop stall, extraction in a thread", lag_ext, "ms", limit=lag_pipe,
            note=f"max lag of a 10 ms ticker; limit = same for nlp.pipe alone; longest single component: "
                 f"{worst} {by_component[worst]:.0f} ms"),
        row(NAME, "model load", load_s, "s"),
    ]
    return result(NAME, rows, {"extract_ratio": ratio}, texts=len(texts), chars=chars, source=source,
                  pipe_s=pipe_s, extract_s=ext_s, lag_pipe_ms=lag_pipe, lag_extract_ms=lag_ext, figures=n_figures,
                  lag_by_component_ms=by_component,
                  components=list(nlp.pipe_names))


if __name__ == "__main__":
    bench_main(run)
