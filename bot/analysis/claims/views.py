"""What `/claims`, `/claims compare` and `/story` show, built from a ledger; no platform types.

`/claims <topic>`: per quantity, its latest value and who said what (each source once, with what
it said before and which outlets carried it). `/claims compare <what>`: every claim of one
quantity over time by source, and one series per source for the chart. An empty answer says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.analysis.claims.ledger import UNSPECIFIED, ClaimRecord, LedgerLine, Quantity, Status
from bot.analysis.claims.sources import SourceNames
from bot.analysis.figures.grouping import normalize_what
from bot.models import FigureKind


@dataclass(frozen=True)
class SourceSays:
    source: str                          # the source's fullest name, or the outlet in its own voice
    latest: ClaimRecord
    earlier: tuple[ClaimRecord, ...]     # its own earlier values, oldest first (repeats left out)
    outlets: tuple[str, ...]             # every outlet that carried its figures, first first
    repeats: int                         # how often it (or another outlet) restated one


@dataclass(frozen=True)
class QuantityView:
    what: str
    kind: FigureKind
    latest: ClaimRecord                  # the newest claim that said something new
    sources: tuple[SourceSays, ...]      # the source of `latest` first, then by recency


@dataclass(frozen=True)
class CompareRow:
    line: LedgerLine
    source: str


@dataclass(frozen=True)
class CompareView:
    what: str
    kind: FigureKind
    rows: tuple[CompareRow, ...]                              # oldest first
    series: dict[str, tuple[tuple[datetime, float], ...]]     # source -> (time, value), repeats included


def latest_per_quantity(ledger: dict[Quantity, list[LedgerLine]], names: SourceNames) -> list[QuantityView]:
    views = []
    for (what, kind), lines in ledger.items():
        new = [ln for ln in lines if ln.status is not Status.REPEAT]
        latest = new[-1].claim
        by_source: dict[str, list[LedgerLine]] = {}
        for ln in lines:
            by_source.setdefault(ln.source_key, []).append(ln)
        says = []
        for key, own in by_source.items():
            fresh = [ln.claim for ln in own if ln.status is not Status.REPEAT]
            if not fresh:
                continue
            says.append(SourceSays(source=_name(own[0].claim, key, names), latest=fresh[-1],
                                   earlier=tuple(fresh[:-1]),
                                   outlets=tuple(dict.fromkeys(ln.claim.outlet for ln in own)),
                                   repeats=sum(1 for ln in own if ln.status is Status.REPEAT)))
        latest_key = names.key(latest.speaker)
        says.sort(key=lambda s: (names.key(s.latest.speaker) != latest_key, -s.latest.when.timestamp()))
        views.append(QuantityView(what=what, kind=kind, latest=latest, sources=tuple(says)))
    views.sort(key=lambda v: max(ln.claim.when for ln in ledger[(v.what, v.kind)]), reverse=True)
    return views


def compare(ledger: dict[Quantity, list[LedgerLine]], names: SourceNames, what: str) -> list[CompareView]:
    """One view per kind of the quantity `what` names (after the same normalisation as storage)."""
    wanted = normalize_what(what) or UNSPECIFIED
    out = []
    for (group, kind), lines in ledger.items():
        if group != wanted:
            continue
        rows = tuple(CompareRow(ln, _name(ln.claim, ln.source_key, names)) for ln in lines)
        series: dict[str, list[tuple[datetime, float]]] = {}
        for row in rows:
            series.setdefault(row.source, []).append((row.line.claim.when, row.line.claim.value))
        out.append(CompareView(what=group, kind=kind, rows=rows,
                               series={k: tuple(v) for k, v in series.items()}))
    return out


def nothing_found(*, what: str | None, topic: str | None, since: timedelta | None, stored: int) -> str:
    """Why an answer is empty: what was asked, over which time, and how many claims there are."""
    asked = f"'{what}'" if what else (f"topic '{topic}'" if topic else "your topics")
    window = f" in the last {_span(since)}" if since else ""
    if stored == 0:
        return f"no claims match {asked}{window}; no claims are stored yet"
    return f"no claims match {asked}{window}; {stored} claim{'s' if stored != 1 else ''} stored in all"


def _span(since: timedelta) -> str:
    seconds = int(since.total_seconds())
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute")):
        if seconds >= size and seconds % size == 0:
            n = seconds // size
            return f"{n} {unit}{'s' if n != 1 else ''}"
    return f"{seconds} seconds"


def _name(claim: ClaimRecord, key: str, names: SourceNames) -> str:
    return claim.outlet if claim.source is None else names.full(key)
