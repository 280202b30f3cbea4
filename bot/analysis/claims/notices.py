"""One line for a figure that moved: "NIS now says 12,000 (was 11,000 per Budanov, 21 Oct)"."""

from __future__ import annotations

from bot.analysis.claims.ledger import UNSPECIFIED, ClaimRecord, LedgerLine, Status
from bot.analysis.claims.sources import SourceNames
from bot.figure_text import figure_value

NOTICED = (Status.UPDATE, Status.CONTRADICTS)


def claim_value(c: ClaimRecord) -> str:
    return figure_value(c.value, c.value_max, c.unit, c.bound, c.approx)


def day(c: ClaimRecord) -> str:
    return f"{c.when.day} {c.when:%b}"


def change_line(line: LedgerLine, names: SourceNames) -> str | None:
    """The notice for an update or a contradiction; None for anything else."""
    if line.status not in NOTICED or line.previous is None:
        return None
    who = _who(line.claim, names)
    what = line.claim.quantity[0]
    now = f"{who} now says {claim_value(line.claim)}" + ("" if what == UNSPECIFIED else f" {what}")
    prev = line.previous
    if line.status is Status.UPDATE:
        return f"{now} (was {claim_value(prev)}, {day(prev)})"
    return f"{now} (was {claim_value(prev)} per {_who(prev, names)}, {day(prev)})"


def _who(claim: ClaimRecord, names: SourceNames) -> str:
    """A named source by its short name; an outlet speaking for itself by its name, whole."""
    return claim.outlet if claim.source is None else names.short(names.key(claim.source))
