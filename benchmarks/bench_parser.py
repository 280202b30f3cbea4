"""Parser: feedparser (raw and through newsbot's `parse_feed`) next to fastfeedparser on the same bytes.

The question it answers: does parsing matter? Most polls end in 304 and parse nothing, so the
parse cost only counts for feeds that changed. The table shows ms per feed on the bundled seeds and
on a large generated feed, and the worker-process round trip newsbot adds (`parse_feed_isolated`,
which protects the service from parser bombs). fastfeedparser is the "limit": the fastest parser
installed, fed the same bytes. Best of several rounds.
"""

from __future__ import annotations

import asyncio
import io
import random
import time
from typing import Any

from benchmarks.common import REPO, bench_main, missing, result, row, unavailable

NAME = "parser"


def large_feed(n_items: int, seed: int = 3) -> bytes:
    rng = random.Random(seed)
    words = "council harbour budget storm rail festival vote election bridge hospital energy".split()
    items = []
    for i in range(n_items):
        title = " ".join(rng.choice(words) for _ in range(8))
        desc = " ".join(rng.choice(words) for _ in range(80))
        items.append(f"<item><title>{title} {i}</title><link>http://news.invalid/a/{i}</link>"
                     f'<guid isPermaLink="false">big-{i}</guid><pubDate>Fri, 01 Nov 2024 08:{i % 60:02d}:00 GMT'
                     f"</pubDate><description>&lt;p&gt;{desc}&lt;/p&gt;</description></item>")
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Big</title>'
            f"<link>http://news.invalid/</link><description>generated</description>{''.join(items)}"
            "</channel></rss>").encode()


def _best_ms(fn, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best * 1000


def run(quick: bool = False) -> dict[str, Any]:
    import feedparser

    rounds = 2 if quick else 5
    seeds = [(p.name, p.read_bytes()) for p in sorted((REPO / "seeds").rglob("*"))
             if p.suffix in (".xml", ".atom", ".rss")]
    n_big = 100 if quick else 500
    big = large_feed(n_big)
    corpora = [(f"seeds ({len(seeds)} files), per file", [b for _, b in seeds]),
               (f"generated {n_big}-item feed ({len(big) // 1024} KiB)", [big])]
    ff_gone = missing("fastfeedparser")
    nb_gone = missing("bot.reader.parser")
    rows: list[dict] = []
    details: dict[str, Any] = {}
    for label, bodies in corpora:
        if not bodies:
            rows.append(unavailable(NAME, label, "no seed feeds found"))
            continue
        n = len(bodies)
        fp = _best_ms(lambda: [feedparser.parse(io.BytesIO(b), sanitize_html=False) for b in bodies], rounds) / n
        ff = None
        if not ff_gone:
            import fastfeedparser

            ff = _best_ms(lambda: [fastfeedparser.parse(b) for b in bodies], rounds) / n
        rows.append(row(NAME, f"feedparser, {label}", fp, "ms", limit=ff, note="limit = fastfeedparser, same bytes"
                        if ff else f"fastfeedparser not available: {ff_gone}"))
        details[label] = {"feedparser_ms": fp, "fastfeedparser_ms": ff}
        if nb_gone:
            rows.append(unavailable(NAME, f"newsbot parse_feed, {label}", "; ".join(nb_gone)))
            continue
        from bot.reader.parse_isolated import parse_feed_isolated
        from bot.reader.parser import parse_feed

        nb = _best_ms(lambda: [parse_feed(b, "http://news.invalid/feed") for b in bodies], rounds) / n

        async def isolated() -> float:
            await parse_feed_isolated(bodies[0], "http://news.invalid/feed")    # start the worker
            best = float("inf")
            for _ in range(rounds):
                t0 = time.perf_counter()
                for b in bodies:
                    await parse_feed_isolated(b, "http://news.invalid/feed", timeout_s=30)
                best = min(best, time.perf_counter() - t0)
            return best * 1000 / n

        iso = asyncio.run(isolated())
        rows.append(row(NAME, f"newsbot parse_feed, {label}", nb, "ms", limit=ff))
        rows.append(row(NAME, f"newsbot parse_feed_isolated, {label}", iso, "ms", limit=ff,
                        note=f"worker round trip adds {iso - nb:.2f} ms"))
        details[label].update(parse_feed_ms=nb, parse_feed_isolated_ms=iso)
    return result(NAME, rows, {}, **details)


if __name__ == "__main__":
    bench_main(run)
