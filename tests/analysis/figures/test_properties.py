"""Hypothesis: any text at all is handled without raising, and every offset points at the number."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis.figures.extract import extract_figures, extract_many
from bot.analysis.figures.numbers import scan

FRAGMENTS = [
    "$", "£", "€", "¥", "₩", "US$", "Rs ", "1", "12", "1,200", "3.5", "0.75", "2,000,000", "10-12",
    "bn", "m", "k", " million", " billion", " crore", "%", " per cent", " percentage points", " km",
    "-magnitude", " tonnes", "p", " four", " Twenty-one", " thousand", " between ", " and ", " to ",
    " from ", " about ", " more than ", " up to ", " soldiers", " people", " said", " He said",
    " according to the UN", ", officials said.", ". ", "\n\n", "“", "”", "\"", "(", ")", "; ",
    " Mr Smith", " Oct. 21", " 2004", " 7:30", " aged 45", " Boeing 737", " COVID-19", " the two",
    "-", "–", "  ", "\t", "é", "🙂", "\u200b",
]

texty = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join),
)


def _check(text: str) -> None:
    for f in extract_figures(text):
        assert 0 <= f.start < f.end <= len(text)
        surface = text[f.start:f.end]
        assert surface == surface.strip()
        # the surface read on its own gives back the same number
        again = [q for q in scan(surface) if q.start == 0]
        assert again, surface
        assert again[0].value == f.value or (f.value_max is None and any(q.value == f.value for q in again))
        assert f.sentence and isinstance(f.approx, bool)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texty)
def test_any_text_never_raises_and_offsets_point_at_the_number(text: str) -> None:
    _check(text)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(texty, max_size=5))
def test_batches_give_the_same_answer_as_one_by_one(texts: list[str]) -> None:
    assert extract_many(texts) == [extract_figures(t) for t in texts]


def test_empty_and_whitespace() -> None:
    assert extract_figures("") == []
    assert extract_figures(" \n\t ") == []
    assert extract_many([]) == []


def test_text_longer_than_spacy_allows_is_clipped_not_fatal(monkeypatch) -> None:
    from bot.analysis.figures.nlp import load_nlp

    monkeypatch.setattr(load_nlp(), "max_length", 400)
    text = "Officials said 300 homes flooded. " * 40          # 1,360 characters
    found = extract_figures(text)
    assert found and all(f.end <= 400 for f in found)
