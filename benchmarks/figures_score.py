"""The figure scorer: predicted figures matched one-to-one with an article's answers, greedily by
value (1% tolerance), then `what`, `source`, `unit` and `approx` judged over the matched pairs.
A prediction equal in value to one of the answer's `optional` records is neutral."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SET_ASIDE_FILE = REPO / "benchmarks" / "figures_set_aside.txt"
# the ten articles the first rules were written against: scored, but not an honest held-out proxy
ORIGINAL_PREFIXES = ("seed_", "bbc_", "newspaper_", "readability_")
STOP = {
    "the", "a", "an", "of", "and", "for", "to", "in", "on", "at", "by", "with", "from", "s", "'s",
    "mr", "mrs", "ms", "dr", "sir", "president", "chief", "head", "secretary", "general", "minister",
    "senator", "chancellor", "prime", "governor", "director", "spokesman", "spokeswoman", "official",
    "leader", "chairman", "executive", "mayor", "king", "queen", "prince", "professor", "prof",
}


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return False
    if a == b:
        return True
    return abs(a - b) <= 0.01 * max(abs(a), abs(b))


def _head(phrase: str) -> str:
    words = phrase.lower().split()
    if not words:
        return ""
    w = words[-1]
    return w[:-1] if w.endswith("s") and len(w) > 1 else w


def what_ok(gold: list[str] | None, pred: str | None) -> bool:
    if not gold or not pred:
        return False
    p = pred.lower()
    return any(_head(g) and _head(g) in p for g in gold)


def source_ok(gold: list[str] | None, pred: str | None) -> bool:
    if not gold:
        return pred is None
    if pred is None:
        return False
    p = pred.lower()
    for alias in gold:
        for w in re.findall(r"[\w.\-]+", alias.lower()):
            w = w.strip(".-")
            if w and w not in STOP and w in p:
                return True
    return False


def _unit(u: str | None) -> str | None:
    if u is None:
        return None
    u = u.strip()
    if u.lower() in ("percent", "per cent"):
        return "%"
    return u.upper() if len(u) == 3 and u.isalpha() else u


@dataclass
class Score:
    predicted: int = 0
    neutral: int = 0
    gold: int = 0
    matched: int = 0
    what: int = 0
    what_null: int = 0
    source: int = 0
    attributed: int = 0
    attributed_ok: int = 0
    attributed_null: int = 0
    unit: int = 0
    approx: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, doc: str, gold: dict[str, Any], preds: list[dict[str, Any]]) -> None:
        claims, optional = gold.get("claims", []), gold.get("optional", [])
        self.gold += len(claims)
        used: set[int] = set()
        for c in claims:
            hit = None
            for i, p in enumerate(preds):
                if i in used or not _close(float(p["value"]), float(c["value"])):
                    continue
                if c.get("value_max") is not None and not _close(p.get("value_max"), float(c["value_max"])):
                    continue
                hit = i
                break
            if hit is None:
                self.misses.append(f"{doc}: MISSED {c['text']!r} ({c['value']})")
                continue
            used.add(hit)
            p = preds[hit]
            self.matched += 1
            ok_w = what_ok(c.get("what"), p.get("what"))
            ok_s = source_ok(c.get("source"), p.get("source"))
            ok_u = _unit(c.get("unit")) == _unit(p.get("unit"))
            ok_a = bool(c.get("approx")) == bool(p.get("approx"))
            self.what += ok_w
            self.what_null += not p.get("what")
            self.source += ok_s
            self.unit += ok_u
            self.approx += ok_a
            if c.get("source"):
                self.attributed += 1
                self.attributed_ok += ok_s
                self.attributed_null += p.get("source") is None
            for name, ok, g, pv in (("what", ok_w, c.get("what"), p.get("what")),
                                    ("source", ok_s, c.get("source"), p.get("source")),
                                    ("unit", ok_u, c.get("unit"), p.get("unit")),
                                    ("approx", ok_a, c.get("approx"), p.get("approx"))):
                if not ok:
                    self.misses.append(f"{doc}: {c['text']!r} {name}: gold={g!r} got={pv!r}")
        for i, p in enumerate(preds):
            if i in used:
                continue
            if any(_close(float(p["value"]), float(o["value"])) for o in optional):
                self.neutral += 1
                continue
            self.misses.append(f"{doc}: EXTRA {p.get('value')} what={p.get('what')!r} :: {p.get('sentence', '')[:90]!r}")
        self.predicted += len(preds)

    def metrics(self) -> dict[str, float]:
        counted = self.predicted - self.neutral
        precision = self.matched / counted if counted else 0.0
        recall = self.matched / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        m = self.matched or 1
        return {
            "precision": precision, "recall": recall, "f1": f1,
            "what": self.what / m, "what_null": self.what_null / m, "source": self.source / m,
            "source_attributed": self.attributed_ok / (self.attributed or 1),
            "source_attributed_null": self.attributed_null / (self.attributed or 1),
            "unit": self.unit / m, "approx": self.approx / m,
            "matched": self.matched, "gold": self.gold, "predicted": self.predicted, "neutral": self.neutral,
        }


def load_dev(dev: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """(file name, text, answers) for every article of `dev` that has both files."""
    items = []
    for j in sorted(dev.glob("*.json")):
        t = j.with_suffix(".txt")
        if t.exists():
            items.append((t.name, t.read_text(encoding="utf-8"), json.loads(j.read_text(encoding="utf-8"))))
    return items


def set_aside_names(path: Path = SET_ASIDE_FILE) -> set[str]:
    """The article names (without extension) kept out of rule writing."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return {ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")}


def split_of(name: str, aside: set[str]) -> str:
    """"set_aside" or "develop" for an article file name."""
    return "set_aside" if Path(name).stem in aside else "develop"


def splits(names: list[str], aside: set[str]) -> dict[str, list[int]]:
    """Indices of the articles in each reported part: set-aside, set-aside without the ten original
    articles, develop, and the full set."""
    out: dict[str, list[int]] = {"set_aside": [], "set_aside_new": [], "develop": [], "full": []}
    for i, name in enumerate(names):
        part = split_of(name, aside)
        out[part].append(i)
        if part == "set_aside" and not name.startswith(ORIGINAL_PREFIXES):
            out["set_aside_new"].append(i)
        out["full"].append(i)
    return out
