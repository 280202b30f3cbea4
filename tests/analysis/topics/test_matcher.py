"""The matcher: the index may skip topics, but never one that would have matched."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import bot.analysis.topics.matcher as matcher_module
from bot.analysis.topics.matcher import Matcher
from bot.analysis.topics.query import QueryError, compile_query
from bot.models import Entry, Match, Topic

TOPICS = [
    Topic(name="NK troops for Russia",
          query='"north korea*" AND (troops OR soldiers OR brigade*) AND NOT "missile test"'),
    Topic(name="South Korean arms", query='"south korea*" NEAR/6 arms'),
    Topic(name="Kursk headlines", query="title:kursk"),
    Topic(name="Zelensky", query="zelensk*"),
]


def entry(title: str, text: str = "") -> Entry:
    return Entry(uid=title, title=title, text=text)


def test_entries_get_their_topics_in_configuration_order_with_why():
    found = Matcher(TOPICS).match(entry(
        "Fighting in Kursk",
        "President Zelenskyy said North Korean soldiers joined the fighting.",
    ))
    assert found == [
        Match(topic="NK troops for Russia",
              why={"title": [], "text": ['"north korea*"', "soldiers"]}),
        Match(topic="Kursk headlines", why={"title": ["kursk"], "text": []}),
        Match(topic="Zelensky", why={"title": [], "text": ["zelensk*"]}),
    ]


def test_unrelated_entries_match_nothing():
    matcher = Matcher(TOPICS)
    assert matcher.match(entry("Cup final tonight", "The team trained in Kursk-like snow.")) == []
    assert matcher.match(entry("North Korea missile test", "North Korean troops watched a "
                                                          "missile test.")) == []


def test_near_topic_through_the_matcher():
    matcher = Matcher(TOPICS)
    assert [m.topic for m in matcher.match(entry("Seoul", "South Korea may send arms"))] == [
        "South Korean arms"]
    assert matcher.match(entry("Seoul", "South Korea said on Monday that it would not yet send "
                                        "any lethal arms")) == []


def test_a_bad_query_is_refused_when_the_matcher_is_built():
    with pytest.raises(QueryError):
        Matcher([Topic(name="broken", query="troops AND (korea")])


def test_no_topics_matches_nothing():
    assert Matcher([]).match(entry("North Korea", "troops")) == []


# --- the index never drops a match ------------------------------------------------------------

_VOCAB = ["korea", "korean", "koreans", "north", "troops", "troop", "kursk", "ko", "k", "a",
          "brigade", "brigades", "missile", "test", "zelenskyy", "zélenskyy", "x1", "12"]
_TEMPLATES = [
    "{a}", "{a}*", '"{a} {b}"', '"{a} {b}*"', "{a} OR {b}*", "{a} AND NOT {b}",
    "{a} NEAR/2 {b}", "title:{a}", "title:({a} OR {b}) {c}", "({a} {b}) OR {c}*",
    "{a}* NEAR/1 {b}*", "{a} {b} {c}",
]
_QUERY = st.builds(lambda t, a, b, c: t.format(a=a, b=b, c=c), st.sampled_from(_TEMPLATES),
                   st.sampled_from(_VOCAB), st.sampled_from(_VOCAB), st.sampled_from(_VOCAB))
_TEXT = st.lists(st.sampled_from(_VOCAB + [",", "-", "’s", "KOREA", "Troops"]),
                 max_size=15).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(st.lists(_QUERY, min_size=1, max_size=8), st.lists(st.tuples(_TEXT, _TEXT), max_size=6))
def test_matcher_agrees_with_evaluating_every_topic(queries, entries):
    topics = [Topic(name=f"t{i}", query=q) for i, q in enumerate(queries)]
    matcher = Matcher(topics)
    for title, text in entries:
        expected = []
        for topic in topics:
            why = compile_query(topic.query).match(title, text)
            if why is not None:
                expected.append(Match(topic=topic.name, why=why))
        assert matcher.match(entry(title, text)) == expected


def test_word_memo_starts_afresh_when_full(monkeypatch):
    monkeypatch.setattr(matcher_module, "_MEMO_LIMIT", 3)
    matcher = Matcher([Topic(name="k", query="korea*"), Topic(name="t", query="troops")])
    texts = [f"word{i} other{i} korean troops" for i in range(10)]
    for text in texts:
        assert [m.topic for m in matcher.match(entry("", text))] == ["k", "t"]
    assert len(matcher._memo.seen) <= 3 + 4  # at most one entry's words on top of the limit


def test_match_benchmark_smoke():
    from benchmarks.bench_match import run

    result = run(quick=True)
    assert result["match_entries_per_s"] > 0
    assert result["match_entries_matched"] > 0
