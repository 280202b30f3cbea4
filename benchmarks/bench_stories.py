"""Story clustering: BCubed precision, recall and F1 on a labelled set, and the cost per entry.

The set (`benchmarks/stories/stories.jsonl`, written for newsbot; see its README) has one entry per
line with a gold `story` label. Entries go through `cluster_stream`, the code `newsbot stories` and
the service run, in publication order. The limit next to the time per entry is spaCy's `nlp.pipe`
alone (tagger and recogniser) over the same titles and leads: the clustering cannot cost less.

    python -m benchmarks.bench_stories [--quick] [--set FILE] [--sweep]
"""

from __future__ import annotations

import argparse
import json
import time
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from benchmarks.common import REPO, bench_main, result, row

NAME = "stories"
STORY_SET = REPO / "benchmarks" / "stories" / "stories.jsonl"
HELD_OUT = REPO / "benchmarks" / "stories" / "held_out.jsonl"
BUDGET_F1 = 0.90
BUDGET_MS = 20.0


def load_set(path: Path) -> list[dict[str, Any]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return sorted(rows, key=lambda r: r["published"])


def bcubed(pred: dict[Hashable, Hashable], gold: dict[Hashable, Hashable]) -> tuple[float, float, float]:
    """BCubed precision, recall, F1 (Amigó et al. 2009): per item, the share of its predicted
    cluster that shares its gold label, and of its gold cluster that shares its predicted one."""
    by_pred: dict[Hashable, list] = defaultdict(list)
    by_gold: dict[Hashable, list] = defaultdict(list)
    for key in gold:
        by_pred[pred[key]].append(key)
        by_gold[gold[key]].append(key)
    p = r = 0.0
    for key in gold:
        same_pred, same_gold = by_pred[pred[key]], by_gold[gold[key]]
        both = sum(1 for k in same_pred if gold[k] == gold[key])
        p += both / len(same_pred)
        r += both / len(same_gold)
    p, r = p / len(gold), r / len(gold)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def cluster(rows: Sequence[dict[str, Any]], params=None) -> dict[Hashable, int]:
    from bot.analysis.stories.cluster import StreamItem, cluster_stream

    items = [StreamItem(r["id"], r["title"], r.get("summary") or "", datetime.fromisoformat(r["published"]))
             for r in rows]
    return dict(cluster_stream(items, params))


def score(rows: Sequence[dict[str, Any]], params=None) -> dict[str, float]:
    gold = {r["id"]: r["story"] for r in rows}
    cpu, wall = time.process_time(), time.perf_counter()
    pred = cluster(rows, params)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    p, r, f = bcubed(pred, gold)
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "ms_per_entry": round(wall / len(rows) * 1000, 3), "cpu_ms_per_entry": round(cpu / len(rows) * 1000, 3),
            "entries": len(rows), "stories": len(set(gold.values())), "predicted_stories": len(set(pred.values()))}


def spacy_limit_ms(rows: Sequence[dict[str, Any]]) -> float:
    from bot.analysis.stories.features import NOT_NEEDED, story_text
    from bot.analysis.figures.nlp import load_nlp

    nlp = load_nlp()
    texts = [story_text(r["title"], r.get("summary") or "") for r in rows]
    disable = [n for n in NOT_NEEDED if n in nlp.pipe_names]
    t0 = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=64, disable=disable):
        pass
    return (time.perf_counter() - t0) / len(rows) * 1000


def sweep(rows: Sequence[dict[str, Any]]) -> list[dict[str, float]]:
    from bot.analysis.stories.index import StoryParams

    out = []
    for thr in (0.07, 0.09, 0.11, 0.13, 0.15, 0.17):
        s = score(rows, replace(StoryParams(), threshold=thr))
        out.append({"threshold": thr, **{k: s[k] for k in ("precision", "recall", "f1")}})
    return out


def run(quick: bool = False, story_set: Path = STORY_SET) -> dict[str, Any]:
    from bot.analysis.figures.nlp import load_nlp

    load_nlp()                                   # the model load is start-up, not per entry
    rows = load_set(story_set)
    score(rows[:8])                              # warm the pipeline's first-batch costs
    s = min((score(rows) for _ in range(1 if quick else 3)), key=lambda x: x["ms_per_entry"])
    limit = min(spacy_limit_ms(rows) for _ in range(1 if quick else 3))
    label = f"{s['entries']} entries, {s['stories']} stories ({story_set.name})"
    rows_out = [
        row(NAME, f"BCubed F1, {label}", s["f1"], budget=f">= {BUDGET_F1}", met=s["f1"] >= BUDGET_F1,
            note=f"P {s['precision']:.3f} R {s['recall']:.3f}; {s['predicted_stories']} stories found"),
        row(NAME, "time per entry", s["ms_per_entry"], "ms", limit=limit, ratio=limit / s["ms_per_entry"],
            budget=f"<= {BUDGET_MS:g} ms", met=s["ms_per_entry"] <= BUDGET_MS,
            note="limit = spaCy tagger+lemmatizer alone on the same title+lead"),
    ]
    details: dict[str, Any] = {"set": s}
    if story_set == STORY_SET and HELD_OUT.exists():
        h = score(load_set(HELD_OUT))
        rows_out.append(row(NAME, f"BCubed F1, held-out {h['entries']} entries, {h['stories']} stories",
                            h["f1"], budget=f">= {BUDGET_F1}", met=h["f1"] >= BUDGET_F1,
                            note=f"P {h['precision']:.3f} R {h['recall']:.3f}; not used to choose the threshold"))
        details["held_out"] = h
    return result(NAME, rows_out, {"stories_bcubed_f1": s["f1"], "stories_ms_per_entry": s["ms_per_entry"]},
                  **details)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--set", type=Path, default=STORY_SET, help="a JSON-lines set with gold `story` labels")
    p.add_argument("--sweep", action="store_true", help="F1 at several thresholds instead")
    p.add_argument("--quick", action="store_true")
    p.add_argument("--json", metavar="FILE")
    a = p.parse_args()
    if a.sweep:
        for line in sweep(load_set(a.set)):
            print(json.dumps(line))
        return
    import sys

    sys.argv = [sys.argv[0]] + (["--quick"] if a.quick else []) + (["--json", a.json] if a.json else [])
    bench_main(lambda quick: run(quick, a.set))


if __name__ == "__main__":
    main()
