"""A query costs a bounded amount per entry, whoever wrote it: NEAR and phrases do work in
proportion to the occurrences they look at (and look at a bounded number), OR stops paying once it
holds, and a query has a bounded number of terms and NEAR clauses."""

from __future__ import annotations

import random
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.analysis.topics.matcher import Matcher
from bot.analysis.topics.nodes import MAX_OCCURRENCES, Document
from bot.analysis.topics.query import MAX_NEAR, MAX_TERMS, QueryError, compile_query
from bot.models import Entry, Topic

WORDS = ("the the the the of of and to in a was said on for that with by troops border officials "
         "ministry report village convoy river winter supplies north south bridge night week").split()


def ordinary_entry(rng: random.Random, n_words: int = 1700) -> Entry:
    """About 1,700 words with English-like repetition ("the" is about one word in eight), and as in
    English no word twice in a row, so (the NEAR/1 the) never holds and every clause is checked."""
    out: list[str] = []
    while len(out) < n_words:
        word = rng.choice(WORDS)
        if not out or word != out[-1]:
            out.append(word)
    text = " ".join(out)
    return Entry(uid=str(rng.random()), title="Border report", text=text)


@pytest.mark.parametrize("joiner", [" ", " OR "])
def test_fifty_near_clauses_on_a_common_word_finish_quickly(joiner: str) -> None:
    """The query that froze a handler for 21 s: 50 x (the NEAR/1 the) over 20 ordinary entries."""
    query = joiner.join(["(the NEAR/1 the)"] * 50)
    rng = random.Random(16)
    entries = [ordinary_entry(rng) for _ in range(20)]
    matcher = Matcher([Topic(name="hostile", query=query)])
    started = time.process_time()
    for e in entries:
        matcher.match(e)
    assert time.process_time() - started < 0.5    # 1.2 s of CPU before the bounds (21 s in a busy handler)


def test_a_huge_entry_full_of_both_near_words_is_bounded() -> None:
    block = " ".join(["pyongyang"] + ["filler"] * 9 + ["troops"] + ["filler"] * 9)
    text = " ".join([block] * 10_000)             # 200,000 words, ~1.3 MB
    doc = Document("", text)
    query = compile_query("pyongyang NEAR/8 troops")
    started = time.process_time()
    assert query.match_document(doc) is None      # 9 fillers apart: 10 words, never within 8
    assert time.process_time() - started < 1.0
    assert len(doc.positions(1, "filler")) == MAX_OCCURRENCES


def test_limits_on_terms_and_near_clauses_are_clear_errors() -> None:
    with pytest.raises(QueryError, match=rf"too many terms \({MAX_TERMS + 1}; a query may have at most {MAX_TERMS}\)"):
        compile_query(" OR ".join(f"w{i}" for i in range(MAX_TERMS + 1)))
    with pytest.raises(QueryError, match=rf"too many NEAR clauses \({MAX_NEAR + 1};") as caught:
        compile_query(" ".join(["(a NEAR/2 b)"] * (MAX_NEAR + 1)))
    assert caught.value.column == 1 + 13 * MAX_NEAR + 1    # the clause that passes the limit
    compile_query(" ".join(["(a NEAR/2 b)"] * MAX_NEAR))   # at the limit: fine


def test_or_stops_paying_once_true_but_cheap_branches_still_explain() -> None:
    why = compile_query('troops OR (border NEAR/1 convoy) OR "north korea" OR soldiers').match(
        "", "troops and soldiers at the border convoy in north korea")
    assert why == {"title": [], "text": ["troops", "soldiers"]}


def test_and_reports_hits_in_query_order_whatever_it_checks_first() -> None:
    why = compile_query('(border NEAR/2 convoy) AND troops').match("", "troops met the border convoy")
    assert why == {"title": [], "text": ["border", "convoy", "troops"]}


# --- the fast NEAR and phrase search agree with the obvious one ---------------------------------

def _occurrences(seq: list[str], words: tuple[str, ...], prefix: bool) -> list[tuple[int, int]]:
    n = len(words)
    out = []
    for i in range(len(seq) - n + 1):
        *head, last = seq[i:i + n]
        if head == list(words[:-1]) and (last.startswith(words[-1]) if prefix else last == words[-1]):
            out.append((i, i + n))
    return out


def _near(seq: list[str], left, right, distance: int) -> bool:
    for a, b in _occurrences(seq, *left):
        for c, d in _occurrences(seq, *right):
            gap = c - b + 1 if c >= b else a - d + 1 if a >= d else None
            if gap is not None and gap <= distance:
                return True
    return False


_term = st.tuples(st.lists(st.sampled_from("abc"), min_size=1, max_size=2).map(tuple), st.booleans())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "ab", "ca"]), max_size=30), _term, _term,
       st.integers(min_value=1, max_value=6))
def test_near_agrees_with_comparing_every_pair(seq, left, right, distance) -> None:
    def spelled(term):
        words, prefix = term
        inner = " ".join(words) + ("*" if prefix else "")
        return f'"{inner}"'
    query = compile_query(f"{spelled(left)} NEAR/{distance} {spelled(right)}")
    assert (query.match("", " ".join(seq)) is not None) == _near(seq, left, right, distance)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "ab"]), max_size=30), _term)
def test_phrase_search_agrees_with_sliding_over_the_text(seq, term) -> None:
    words, prefix = term
    query = compile_query('"' + " ".join(words) + ("*" if prefix else "") + '"')
    assert (query.match("", " ".join(seq)) is not None) == bool(_occurrences(seq, words, prefix))
