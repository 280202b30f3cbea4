"""Grouping key for claims: synonyms and plurals fold together, distinct things stay apart."""

from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from bot.store.whatnorm import normalize_what


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
