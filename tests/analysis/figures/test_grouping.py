"""Grouping key for claims: synonyms and plurals fold together, distinct things stay apart."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, strategies as st

from bot.analysis.figures.grouping import FigureKind, figure_kind, normalize_what
from bot.models import Figure


@pytest.mark.parametrize("what, expected", [
    ("soldiers", "troops"), ("Troops", "troops"), ("troop", "troops"), ("servicemen", "troops"),
    ("the soldiers", "troops"), ("North Korean soldiers", "troops"),
    ("total number of North Korean troops", "troops"), ("first group of soldiers", "troops"),
    ("special forces troops", "special forces"), ("cost of the rebuilding", "cost"),
    ("special forces", "special forces"), ("Special Forces", "special forces"),
    ("brigades", "brigade"), ("brigade", "brigade"), ("casualties", "casualty"),
    ("missiles", "missile"), ("shells", "shell"), ("artillery shells", "shell"),
    ("people", "people"), ("barrels of oil", "barrel"), ("boxes", "box"),
    ("news", "news"), ("gas", "gas"), ("", None), (None, None), ("  ", None),
])
def test_normalize_what(what, expected):
    assert normalize_what(what) == expected


def test_special_forces_do_not_merge_with_troops():
    assert normalize_what("special forces") != normalize_what("forces") != normalize_what("troops")


@given(st.text(max_size=40))
def test_normalisation_is_idempotent_and_never_raises(text):
    once = normalize_what(text)
    assert once is None or normalize_what(once) == once


@pytest.mark.parametrize("unit, kind", [
    (None, "count"), ("USD", "money"), ("GBP", "money"), ("%", "percent"), ("pp", "points"),
    ("bp", "points"), ("km", "measure"), ("magnitude", "measure"), ("MWh", "measure"), ("ratio", "ratio"),
])
def test_a_figures_kind_follows_from_its_unit(unit, kind):
    assert figure_kind(unit) == kind == FigureKind(kind)
    fig = Figure(value=1, value_max=None, unit=unit, approx=False, what=None, source=None,
                 sentence="", start=0, end=1)
    assert fig.kind is FigureKind(kind)


def test_the_grouping_keys_load_no_language_model():
    code = ("import sys, bot.analysis.figures.grouping, bot.store.alerts; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('spacy', 'thinc')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
