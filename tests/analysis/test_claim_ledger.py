"""The claim ledger: a source's repetition is no new claim, a moved figure says what it was."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.analysis.claims import ClaimRecord, SourceNames, Status, build_ledger, change_line, quantity_of
from bot.analysis.claims.sources import same_source
from bot.models import FigureKind


def claim(value, source, *, day, entry, what="troops", unit=None, outlet="Kyiv Ledger", approx=False):
    return ClaimRecord(value=value, value_max=None, unit=unit, approx=approx, bound="about" if approx else "exact",
                       what=what, source=source, outlet=outlet, entry_id=entry,
                       when=datetime(2024, 10, day, 12, tzinfo=UTC))


NIS = "South Korea's National Intelligence Service (NIS)"
DEMO = [
    claim(10_000, "Volodymyr Zelensky", day=20, entry=1, what="north korean soldiers", approx=True),
    claim(11_000, "Kyrylo Budanov", day=21, entry=2, what="north korean troops", approx=True),
    claim(12_000, NIS, day=22, entry=3, what="soldiers", outlet="Seoul Monitor"),
    claim(1_500, NIS, day=22, entry=3, what="special forces troops", outlet="Seoul Monitor"),
    claim(12_000, "South Korea's National Intelligence Service", day=22, entry=4, what="soldiers"),
    # Budanov's follow-up: "about 12,000, up from his earlier estimate of close to 11,000"
    claim(12_000, "Kyrylo Budanov", day=25, entry=5, what="north korean troops", approx=True),
    claim(11_000, "Kyrylo Budanov", day=25, entry=5, what="north korean troops", approx=True),
]


def marks(claims):
    ledger, names = build_ledger(claims)
    return {q: [(line.claim.entry_id, line.status, change_line(line, names)) for line in lines]
            for q, lines in ledger.items()}


def test_the_demo_ledger():
    got = marks(DEMO)
    assert got[("troops", FigureKind.COUNT)] == [
        (1, Status.FIRST, None),
        (2, Status.CONTRADICTS, "Budanov now says about 11,000 troops (was about 10,000 per Zelensky, 20 Oct)"),
        (3, Status.CONTRADICTS, "NIS now says 12,000 troops (was about 11,000 per Budanov, 21 Oct)"),
        (4, Status.REPEAT, None),                    # another outlet carrying the NIS figure
        (5, Status.UPDATE, "Budanov now says about 12,000 troops (was about 11,000, 21 Oct)"),
        (5, Status.REPEAT, None),                    # Budanov restating his own earlier 11,000
    ]
    assert got[("special forces", FigureKind.COUNT)] == [(3, Status.FIRST, None)]


def test_a_restatement_read_before_the_new_figure_is_still_a_repetition():
    follow_up = [DEMO[6], DEMO[5]]                   # "close to 11,000 before, now about 12,000"
    got = marks(DEMO[:5] + follow_up)[("troops", FigureKind.COUNT)]
    assert [(s, line) for e, s, line in got if e == 5] == [
        (Status.REPEAT, None), (Status.UPDATE, "Budanov now says about 12,000 troops (was about 11,000, 21 Oct)")]


def test_figures_of_one_entry_never_update_one_another():
    got = marks([claim(2_600, "Kyrylo Budanov", day=21, entry=1), claim(11_000, "Kyrylo Budanov", day=21, entry=1)])
    assert [s for _, s, _ in got[("troops", FigureKind.COUNT)]] == [Status.FIRST, Status.FIRST]


def test_another_source_with_the_same_value_agrees():
    got = marks([claim(12_000, NIS, day=21, entry=1), claim(12_000, "Kyrylo Budanov", day=22, entry=2)])
    assert [s for _, s, _ in got[("troops", FigureKind.COUNT)]] == [Status.FIRST, Status.AGREES]


@pytest.mark.parametrize("a,b,kind_a,kind_b", [
    (("share", "%"), ("shares", None), FigureKind.PERCENT, FigureKind.COUNT),
    (("capital", "USD"), ("capitals", None), FigureKind.MONEY, FigureKind.COUNT),
])
def test_quantities_differ_by_kind_even_with_one_head_noun(a, b, kind_a, kind_b):
    qa, qb = quantity_of(*a), quantity_of(*b)
    assert qa[1] is kind_a and qb[1] is kind_b and qa != qb


def test_synonyms_are_one_quantity():
    assert quantity_of("soldiers", None) == quantity_of("servicemen", None) == quantity_of("troops", None)


def test_a_claim_in_the_outlets_own_voice_is_the_outlets():
    got = marks([claim(40, None, day=21, entry=1, outlet="Atlantic Wire"),
                 claim(41, None, day=22, entry=2, outlet="Atlantic Wire")])
    assert got[("troops", FigureKind.COUNT)][1] == (2, Status.UPDATE, "Atlantic Wire now says 41 troops (was 40, 21 Oct)")


@pytest.mark.parametrize("a,b,same", [
    (NIS, "South Korea's National Intelligence Service", True),
    (NIS, "NIS", True),
    ("the National Intelligence Service", "NIS", True),
    ("Kyrylo Budanov", "Budanov", True),
    ("Kyrylo Budanov", "Volodymyr Zelensky", False),
    ("Ukrainian intelligence", "South Korean intelligence", False),
    ("officials", "Pentagon officials", False),
    ("Pentagon", "Pentagon officials", True),
])
def test_one_source_under_several_names(a, b, same):
    assert same_source(a, b) is same
    assert same_source(b, a) is same


def test_short_names_for_notices():
    names = SourceNames()
    nis = names.key(NIS)
    assert names.key("NIS") == nis and names.short(nis) == "NIS" and names.full(nis) == NIS
    assert names.short(names.key("Kyrylo Budanov")) == "Budanov"
    assert names.short(names.key("the Pentagon")) == "the Pentagon"


def test_an_update_names_the_nearest_figure_of_the_sources_last_report():
    got = marks([claim(2_600, "Kyrylo Budanov", day=21, entry=1), claim(11_000, "Kyrylo Budanov", day=21, entry=1),
                 claim(12_000, "Kyrylo Budanov", day=25, entry=2)])
    assert got[("troops", FigureKind.COUNT)][-1] == (2, Status.UPDATE, "Budanov now says 12,000 troops (was 11,000, 21 Oct)")
