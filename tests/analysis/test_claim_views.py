"""What /claims, /claims compare and an empty answer show, from the ledger of the demo's claims."""

from __future__ import annotations

from datetime import timedelta

from bot.analysis.claims import build_ledger
from bot.analysis.claims.views import compare, latest_per_quantity, nothing_found
from bot.models import FigureKind

from .test_claim_ledger import DEMO, NIS, claim


def test_latest_value_per_quantity_with_who_said_what():
    ledger, names = build_ledger(DEMO)
    views = {v.what: v for v in latest_per_quantity(ledger, names)}
    troops = views["troops"]
    assert troops.kind is FigureKind.COUNT and troops.latest.value == 12_000 and troops.latest.when.day == 25
    first = troops.sources[0]
    assert first.source == "Kyrylo Budanov" and first.latest.value == 12_000
    assert [c.value for c in first.earlier] == [11_000] and first.repeats == 1
    nis = next(s for s in troops.sources if s.source == NIS)
    assert nis.outlets == ("Seoul Monitor", "Kyiv Ledger") and nis.repeats == 1 and nis.earlier == ()
    assert [s.source for s in troops.sources] == ["Kyrylo Budanov", NIS, "Volodymyr Zelensky"]
    assert list(views) == ["troops", "special forces"]          # most recently claimed first


def test_compare_lists_every_claim_by_source_over_time_with_a_series_each():
    ledger, names = build_ledger(DEMO)
    [view] = compare(ledger, names, "soldiers")                   # a synonym finds the troops group
    assert view.what == "troops"
    assert [(r.source, r.line.claim.value, r.line.status.value) for r in view.rows][:3] == [
        ("Volodymyr Zelensky", 10_000, "first"), ("Kyrylo Budanov", 11_000, "contradicts"),
        (NIS, 12_000, "contradicts")]
    assert [v for _, v in view.series["Kyrylo Budanov"]] == [11_000, 12_000, 11_000]
    assert compare(ledger, names, "tanks") == []


def test_compare_keeps_kinds_apart():
    ledger, names = build_ledger([claim(3, "Exchange", day=21, entry=1, what="shares", unit="%"),
                                  claim(1500, "Filing", day=21, entry=2, what="shares")])
    kinds = {v.kind for v in compare(ledger, names, "share")}
    assert kinds == {FigureKind.PERCENT, FigureKind.COUNT}


def test_an_empty_answer_says_why():
    assert nothing_found(what="troops", topic=None, since=timedelta(days=7), stored=12) == \
        "no claims match 'troops' in the last 7 days; 12 claims stored in all"
    assert nothing_found(what=None, topic="nk", since=None, stored=1) == \
        "no claims match topic 'nk'; 1 claim stored in all"
    assert nothing_found(what=None, topic=None, since=timedelta(hours=12), stored=0) == \
        "no claims match your topics in the last 12 hours; no claims are stored yet"
