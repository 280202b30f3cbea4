"""Which similarity clusters stories best: rapidfuzz, datasketch MinHash, or spaCy lemmas + figures.

Each candidate runs in the same streaming average-link clustering (72 h window) and gets its own
best threshold on the set, so the comparison is of similarities at their best, not of one
threshold. rapidfuzz and datasketch are not newsbot dependencies: a candidate whose library is
not installed is reported as such (`pip install rapidfuzz datasketch` to run them).

    python -m benchmarks.stories_compare [--set FILE]
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from benchmarks.bench_stories import STORY_SET, bcubed, load_set, score

WINDOW = timedelta(hours=72)
_WORD = re.compile(r"[\w'’.-]+")


def _average_link(rows: Sequence[dict[str, Any]], sim: Callable[[int, int], float], threshold: float) -> dict:
    times = [datetime.fromisoformat(r["published"]) for r in rows]
    story: list[int] = []
    for i in range(len(rows)):
        scores: dict[int, list[float]] = defaultdict(list)
        for j in range(i):
            if times[i] - times[j] <= WINDOW:
                scores[story[j]].append(sim(i, j))
        best = max(((sum(v) / len(v), s) for s, v in scores.items()), default=(0.0, -1))
        story.append(best[1] if best[0] >= threshold else i)
    return {r["id"]: s for r, s in zip(rows, story)}


def _best(rows, sim, thresholds) -> dict[str, Any]:
    gold = {r["id"]: r["story"] for r in rows}
    results = [(bcubed(_average_link(rows, sim, t), gold), t) for t in thresholds]
    (p, r, f), t = max(results, key=lambda x: x[0][2])
    return {"f1": round(f, 4), "precision": round(p, 4), "recall": round(r, 4), "threshold": t}


def candidates(rows: Sequence[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    texts = [f"{r['title']}. {r.get('summary') or ''}".lower() for r in rows]
    out: dict[str, dict[str, Any]] = {}
    try:
        from rapidfuzz import fuzz
    except ImportError:
        out["rapidfuzz token_sort_ratio"] = {"f1": None, "note": "rapidfuzz not installed"}
    else:
        for name, fn in (("token_sort_ratio", fuzz.token_sort_ratio), ("token_set_ratio", fuzz.token_set_ratio)):
            out[f"rapidfuzz {name}"] = _best(rows, lambda i, j, fn=fn: fn(texts[i], texts[j]) / 100,
                                             [x / 100 for x in range(20, 90, 2)])
    try:
        from datasketch import MinHash
    except ImportError:
        out["datasketch MinHash"] = {"f1": None, "note": "datasketch not installed"}
    else:
        hashes = []
        for text in texts:
            m = MinHash(num_perm=128)
            m.update_batch([w.encode() for w in set(_WORD.findall(text))])
            hashes.append(m)
        out["datasketch MinHash (words, 128 perm)"] = _best(rows, lambda i, j: hashes[i].jaccard(hashes[j]),
                                                            [x / 100 for x in range(2, 50)])
    from bot.analysis.stories.index import StoryParams

    thresholds = [x / 100 for x in range(5, 20)]
    ours = [(score(rows, replace(StoryParams(), threshold=t)), t) for t in thresholds]
    best, t = max(ours, key=lambda x: x[0]["f1"])
    out["newsbot: spaCy lemmas + figures, IDF-weighted"] = {
        **{k: best[k] for k in ("f1", "precision", "recall")}, "threshold": t,
        "at_default": score(rows)["f1"]}
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--set", type=Path, default=STORY_SET)
    a = p.parse_args()
    rows = load_set(a.set)
    print(f"| similarity ({len(rows)} entries, {a.set.name}) | best BCubed F1 | P | R | at threshold |")
    print("|---|---:|---:|---:|---:|")
    for name, r in candidates(rows).items():
        if r.get("f1") is None:
            print(f"| {name} | – | | | {r['note']} |")
        else:
            print(f"| {name} | {r['f1']:.3f} | {r['precision']:.3f} | {r['recall']:.3f} | {r['threshold']} |")


if __name__ == "__main__":
    main()
