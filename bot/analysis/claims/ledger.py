"""Claims of one topic in time order, each marked: the first for its quantity, a source repeating
its own earlier figure, a source updating it, or another source agreeing or contradicting.

A quantity is what a figure counts *and* its kind: 12,000 troops and a $12,000 grant never meet.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from bot.analysis.claims.sources import SourceNames
from bot.analysis.figures.grouping import figure_kind, normalize_what
from bot.models import FigureKind

UNSPECIFIED = "unspecified"


class Status(StrEnum):
    FIRST = "first"              # nobody gave this quantity before
    REPEAT = "repeat"            # the source said this value before (or another outlet carried it)
    UPDATE = "update"            # the source gives a new value for its own figure
    AGREES = "agrees"            # another source, the same value as the latest
    CONTRADICTS = "contradicts"  # another source, a value other than the latest


Quantity = tuple[str, FigureKind]


def quantity_of(what: str | None, unit: str | None) -> Quantity:
    return (normalize_what(what) or UNSPECIFIED, figure_kind(unit))


@dataclass(frozen=True)
class ClaimRecord:
    """(story, quantity, value, bound, source, outlet, time) and where it was read."""

    value: float
    value_max: float | None
    unit: str | None
    approx: bool
    bound: str
    what: str | None
    source: str | None           # None: the outlet says so in its own voice
    outlet: str
    when: datetime
    entry_id: int | None = None
    story: int | None = None
    link: str | None = None
    title: str = ""

    @property
    def quantity(self) -> Quantity:
        return quantity_of(self.what, self.unit)

    @property
    def speaker(self) -> str:
        return self.source or self.outlet

    def same_value(self, other: ClaimRecord) -> bool:
        return self.value == other.value and self.value_max == other.value_max and self.unit == other.unit


@dataclass(frozen=True)
class LedgerLine:
    claim: ClaimRecord
    status: Status
    source_key: str
    previous: ClaimRecord | None = None      # what an update or a contradiction replaces


@dataclass
class _Quantity:
    lines: list[LedgerLine] = field(default_factory=list)
    said: dict[str, list[ClaimRecord]] = field(default_factory=dict)   # source key -> its claims
    latest: tuple[str, ClaimRecord] | None = None                      # (source key, claim)


def build_ledger(claims: Iterable[ClaimRecord],
                 names: SourceNames | None = None) -> tuple[dict[Quantity, list[LedgerLine]], SourceNames]:
    """Every claim marked, per quantity, oldest first. The claims of one entry are marked against
    what was known before it: its figures never update one another, and a restatement in it ("up
    from his earlier estimate of 11,000") is a repetition, not a move back."""
    names = names or SourceNames()
    out: dict[Quantity, _Quantity] = {}
    for entry in _by_entry(sorted(claims, key=lambda c: (c.when, c.entry_id or 0))):
        marked = [(claim, names.key(claim.speaker)) for claim in entry]
        lines = [_mark(out.setdefault(c.quantity, _Quantity()), c, key) for c, key in marked]
        for (claim, key), line in zip(marked, lines):
            q = out[claim.quantity]
            q.lines.append(line)
            q.said.setdefault(key, []).append(claim)
            if line.status is not Status.REPEAT or q.latest is None:
                q.latest = (key, claim)
    return {k: v.lines for k, v in out.items()}, names


def _by_entry(ordered: list[ClaimRecord]) -> list[list[ClaimRecord]]:
    groups: list[list[ClaimRecord]] = []
    for claim in ordered:
        if groups and claim.entry_id is not None and groups[-1][-1].entry_id == claim.entry_id:
            groups[-1].append(claim)
        else:
            groups.append([claim])
    return groups


def _mark(q: _Quantity, claim: ClaimRecord, key: str) -> LedgerLine:
    if q.latest is None:
        return LedgerLine(claim, Status.FIRST, key)
    own = q.said.get(key, [])
    same = [p for p in own if claim.same_value(p)]
    if same:
        return LedgerLine(claim, Status.REPEAT, key, same[-1])
    if own:
        # what it moved from: of the source's last report, the figure nearest the new one
        # ("12,000, up from 11,000", not the "first group of 2,600" of the same briefing)
        last = [p for p in own if p.entry_id == own[-1].entry_id]
        return LedgerLine(claim, Status.UPDATE, key, min(last, key=lambda p: abs(p.value - claim.value)))
    latest_key, latest = q.latest
    if claim.same_value(latest):
        return LedgerLine(claim, Status.AGREES, key, latest)
    return LedgerLine(claim, Status.CONTRADICTS, key, latest)
