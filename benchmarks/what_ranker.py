"""Train and judge the `what` ranker (bot/analysis/figures/what_rank.py) on the development set.

    .venv/bin/python -m benchmarks.what_ranker            # compare rules and ranker, write nothing
    .venv/bin/python -m benchmarks.what_ranker --train    # also write what_weights.json

Training reads the develop part only (never the set-aside articles listed in
figures_set_aside.txt). The develop score is cross-validated by article (each article scored by a
model that never saw it); the set-aside score comes from the model trained on all of develop, and is
printed as a number only. Needs scikit-learn (`pip install -e '.[bench]'`).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from benchmarks.figures_score import _close, load_dev, set_aside_names, split_of, what_ok

DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev"
THRESHOLDS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6)


def examples(items: list[tuple[str, str, dict[str, Any]]]) -> list[dict[str, Any]]:
    """One record per matched figure: its candidates (features, label) and the rules' answer."""
    from bot.analysis.figures.extract import figures_in_doc
    from bot.analysis.figures.nlp import load_nlp
    from bot.analysis.figures.what_rank import candidates, money_moved, plausible
    from bot.models import FigureKind

    out = []
    docs = load_nlp().pipe([t for _, t, _ in items], batch_size=16)
    for (name, _, gold), doc in zip(items, docs):
        preds = figures_in_doc(doc, rank_what=False)
        used: set[int] = set()
        for claim in gold.get("claims", []):
            hit = next((i for i, p in enumerate(preds) if i not in used and _close(p.value, float(claim["value"]))
                        and (claim.get("value_max") is None or _close(p.value_max, float(claim["value_max"])))), None)
            if hit is None:
                continue
            used.add(hit)
            p = preds[hit]
            span = doc.char_span(p.start, p.end, alignment_mode="expand")
            kind = FigureKind.of_unit(p.unit)
            rule = money_moved(p.what, span.sent, kind)
            rule = rule if plausible(rule, span) else None
            cands = [(w, f) for w, f, _ in candidates(span, rule, kind, p.unit) if plausible(w, span)]
            out.append({"doc": name, "rule": rule, "rule_ok": what_ok(claim.get("what"), rule),
                        "raw_rule_ok": what_ok(claim.get("what"), p.what),
                        "cands": [(w, f, what_ok(claim.get("what"), w)) for w, f in cands]})
    return out


def fit(records: list[dict[str, Any]], c: float = 0.5):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    feats = [f for r in records for _, f, _ in r["cands"]]
    labels = [ok for r in records for _, _, ok in r["cands"]]
    vec = DictVectorizer()
    model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
    model.fit(vec.fit_transform(feats), labels)
    return vec, model


def choose(records, vec, model, threshold: float) -> list[bool]:
    """Whether the ranker's pick (or the rules' answer below the threshold) is right, per record."""
    right = []
    for r in records:
        if not r["cands"]:
            right.append(r["rule_ok"])
            continue
        probs = model.predict_proba(vec.transform([f for _, f, _ in r["cands"]]))[:, 1]
        best = max(range(len(probs)), key=lambda i: probs[i])
        right.append(r["cands"][best][2] if probs[best] >= threshold else r["rule_ok"])
    return right


def cross_validated(records, folds: int = 5, c: float = 0.5) -> dict[float, float]:
    docs = sorted({r["doc"] for r in records})
    right: dict[float, list[bool]] = {t: [] for t in THRESHOLDS}
    for k in range(folds):
        held = set(docs[k::folds])
        vec, model = fit([r for r in records if r["doc"] not in held], c)
        test = [r for r in records if r["doc"] in held]
        for t in THRESHOLDS:
            right[t] += choose(test, vec, model, t)
    return {t: sum(v) / len(v) for t, v in right.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--train", action="store_true", help="write bot/analysis/figures/what_weights.json")
    ap.add_argument("--c", type=float, default=2.0, help="inverse regularisation strength")
    args = ap.parse_args(argv)
    if not args.dev.is_dir():
        print(f"skipped: no evaluation set at {args.dev}")
        return 0
    aside = set_aside_names()
    items = load_dev(args.dev)
    develop = examples([it for it in items if split_of(it[0], aside) == "develop"])
    held = examples([it for it in items if split_of(it[0], aside) == "set_aside"])
    rules_dev = sum(r["rule_ok"] for r in develop) / len(develop)
    raw_dev = sum(r["raw_rule_ok"] for r in develop) / len(develop)
    raw_aside = sum(r["raw_rule_ok"] for r in held) / len(held)
    cv = cross_validated(develop, c=args.c)
    # precision before recall: the most cautious threshold within half a point of the best
    threshold = max(t for t in cv if cv[t] >= max(cv.values()) - 0.005)
    vec, model = fit(develop, args.c)
    aside_right = choose(held, vec, model, threshold)
    rules_aside = sum(r["rule_ok"] for r in held) / len(held)
    print(f"what accuracy over matched figures (develop: {len(develop)}, set-aside: {len(held)})")
    print(f"rules alone:   develop {raw_dev:.3f}   set-aside {raw_aside:.3f}")
    print(f"rules, implausible whats nulled: develop {rules_dev:.3f}   set-aside {rules_aside:.3f}")
    print("ranker, develop cross-validated by article: "
          + ", ".join(f"t={t}: {v:.3f}" for t, v in cv.items()))
    print(f"ranker (t={threshold}, trained on all of develop): set-aside {sum(aside_right) / len(aside_right):.3f}")
    if args.train:
        names = vec.get_feature_names_out()
        weights = {n: round(float(w), 5) for n, w in zip(names, model.coef_[0]) if abs(w) > 1e-6}
        out = Path(__file__).resolve().parent.parent / "bot" / "analysis" / "figures" / "what_weights.json"
        out.write_text(json.dumps({"trained_on": "develop part of ../shared/eval/dev", "c": args.c,
                                   "threshold": threshold, "intercept": round(float(model.intercept_[0]), 5),
                                   "weights": dict(sorted(weights.items()))}, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
