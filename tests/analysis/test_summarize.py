"""The alert summary: a few whole sentences that carry the topic and its figures."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.summarize import ELLIPSIS, cut, split_sentences, summarize
from tests.conftest import shared_path

ARTICLE = (
    "Officials in Seoul met on Tuesday to review the week. "
    "The weather in the capital stayed mild, with light rain in the afternoon. "
    "Intelligence officers said about 3,000 North Korean soldiers reached the front by Oct. 20. "
    "A spokesman for the ministry declined to comment on the report. "
    "Kyiv put the number of troops at 4,500, a figure Mr. Park called too high. "
    "Markets closed slightly higher."
)
TERMS = ['"north korea*"', "troops", "soldiers"]


def sentences_of(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


# --- sentence splitting --------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("Troops arrived by Oct. 20 in the region. Then more came.",
     ["Troops arrived by Oct. 20 in the region.", "Then more came."]),
    ("U.S. officials confirmed it. Mr. Kim did not.",
     ["U.S. officials confirmed it.", "Mr. Kim did not."]),
    ("Growth was 3.5 percent. It slowed.", ["Growth was 3.5 percent.", "It slowed."]),
    ("Gen. Park and J. Smith spoke. Who asked? Nobody!",
     ["Gen. Park and J. Smith spoke.", "Who asked?", "Nobody!"]),
    ('He said "it is over." Then he left.', ['He said "it is over."', "Then he left."]),
    ("Paragraph one without a stop\n\nParagraph two.", ["Paragraph one without a stop",
                                                       "Paragraph two."]),
    ("a lower-case start. does not split.", ["a lower-case start. does not split."]),
    ("Item No. 4 was sold. Done.", ["Item No. 4 was sold.", "Done."]),
    ("", []),
])
def test_sentence_splitter(text, expected):
    assert sentences_of(text) == expected


# --- choosing sentences ------------------------------------------------------------------------

def test_prefers_sentences_with_the_topic_terms_in_original_order():
    summary = summarize("North Korean troops at the front", ARTICLE, terms=TERMS)
    chosen = sentences_of(summary)
    assert "Intelligence officers said about 3,000 North Korean soldiers reached the front by " \
           "Oct. 20." in chosen
    assert "Kyiv put the number of troops at 4,500, a figure Mr. Park called too high." in chosen
    assert "Markets closed slightly higher." not in chosen
    positions = [ARTICLE.index(s) for s in chosen]
    assert positions == sorted(positions)
    assert 2 <= len(chosen) <= 3


def test_figures_pull_a_sentence_in():
    text = ("The ministry issued a statement on the matter today. "
            "It gave no further detail about the plans for the region. "
            "The budget rose to 4.2 billion won, officials said. "
            "Critics were not convinced by the explanation given.")
    start = text.index("4.2")
    without = summarize("Statement", text, max_sentences=1)
    with_figure = summarize("Statement", text, figure_spans=[(start, start + 3)], max_sentences=1)
    assert "4.2 billion" not in without
    assert with_figure == "The budget rose to 4.2 billion won, officials said."


def test_respects_max_chars_and_max_sentences():
    summary = summarize("Troops", ARTICLE, terms=TERMS, max_chars=200)
    assert len(summary) <= 200
    assert not summary.endswith(ELLIPSIS)
    assert len(sentences_of(summarize("Troops", ARTICLE, terms=TERMS, max_sentences=1))) == 1


def test_a_sentence_longer_than_the_limit_is_cut_at_a_word_boundary():
    long = "Soldiers " + " ".join(f"marched{i}" for i in range(200)) + "."
    summary = summarize("Soldiers", long, terms=["soldiers"], max_chars=120)
    assert len(summary) <= 120
    assert summary.endswith(ELLIPSIS)
    body = summary[:-1]
    assert long.startswith(body) and long[len(body)] == " "


def test_the_title_repeated_as_the_first_sentence_is_skipped():
    summary = summarize("Troops cross the border", "Troops cross the border. "
                        "About 500 troops crossed at dawn near the river.", terms=["troops"])
    assert summary == "About 500 troops crossed at dawn near the river."


def test_whitespace_is_collapsed_and_empty_text_gives_empty_summary():
    assert summarize("T", "Troops   arrived\n in the\tnorth today.") == "Troops arrived in the " \
                                                                         "north today."
    assert summarize("T", "") == ""
    assert summarize("T", "   \n ") == ""


def test_cut_never_splits_a_word():
    assert cut("short", 10) == "short"
    assert cut("alpha beta gamma", 12) == "alpha beta" + ELLIPSIS
    assert len(cut("x" * 50, 10)) <= 10  # one giant word: cut anyway, still within the limit


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=800), st.integers(min_value=1, max_value=600),
       st.integers(min_value=1, max_value=4))
def test_any_text_gives_a_bounded_summary(text, max_chars, max_sentences):
    summary = summarize("Title", text, terms=["troops", '"north korea*"'], max_chars=max_chars,
                        max_sentences=max_sentences)
    assert len(summary) <= max_chars
    candidates = [" ".join(text[s:e].split()) for s, e in split_sentences(text)]
    if summary.endswith(ELLIPSIS):
        assert any(c.startswith(summary[:-1].rstrip(" ,;:-–—")) for c in candidates)
    elif summary:
        assert _joins_in_order(summary, candidates)


def _joins_in_order(summary: str, candidates: list[str]) -> bool:
    """Is `summary` some of `candidates`, in their order, joined by single spaces?"""
    reachable = {0}  # positions in summary reachable after consuming candidates so far
    for candidate in candidates:
        for pos in sorted(reachable):
            if summary.startswith(candidate, pos):
                end = pos + len(candidate)
                if end == len(summary):
                    return True
                if summary.startswith(" ", end):
                    reachable.add(end + 1)
    return False


def test_seed_article_summary_keeps_the_troop_figures():
    text = shared_path("seeds", "000_80c8c9694da3168d.txt").read_text(encoding="utf-8")
    spans = [(m.start(), m.end()) for m in re.finditer(r"\d[\d,]*\d", text)]
    summary = summarize("North Korean troops for Russia", text,
                        terms=['"north korea*"', "troops", "soldiers", "brigade*"],
                        figure_spans=spans)
    assert 0 < len(summary) <= 500
    assert "12,000" in summary or "11,000" in summary
