"""The topic query language as an analyst writes it: what matches, why, and located errors."""

from __future__ import annotations

import pickle

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.analysis.topics.query import QueryError, compile_query
from bot.analysis.topics.tokens import words

TROOPS = '"north korea*" AND (troops OR soldiers OR brigade*) AND NOT "missile test"'


def matches(query: str, text: str, title: str = "") -> bool:
    return compile_query(query).match(title, text) is not None


# --- the example topic from DESIGN.md -------------------------------------------------------

def test_troop_story_matches_with_why_per_field():
    why = compile_query(TROOPS).match(
        "Pyongyang sends brigades to Russia",
        "Thousands of North Korean soldiers arrived near the front, officials said.",
    )
    assert why == {"title": ["brigade*"], "text": ['"north korea*"', "soldiers"]}


def test_missile_test_story_is_excluded():
    text = "North Korea fired troops of rockets in a missile test on Monday."
    assert not matches(TROOPS, text)
    assert matches(TROOPS, text.replace("missile test", "missile launch"))


def test_story_without_north_korea_does_not_match():
    assert not matches(TROOPS, "South Korean troops trained with brigades from the US.")


def test_terms_lists_positive_terms_in_query_order():
    assert compile_query(TROOPS).terms == ('"north korea*"', "troops", "soldiers", "brigade*")
    assert compile_query("a NEAR/3 b AND NOT c").terms == ("a", "b")


# --- case, accents, word boundaries ---------------------------------------------------------

@pytest.mark.parametrize("query, text", [
    ("Zelenskyy", "President Zélenskyy spoke."),
    ("Zélenskyy", "President Zelenskyy spoke."),
    ("zelenskyy", "PRESIDENT ZELENSKYY SPOKE."),
    ('"são paulo"', "Flights from SAO PAULO resumed."),
    ("strasse", "Die Straße war gesperrt."),
    ("Kyiv", "Kyi\u0301v, decomposed accent"),
])
def test_case_and_accent_insensitive(query, text):
    assert matches(query, text)


def test_word_boundaries():
    assert not matches("korea", "Koreans and Korean officials met.")
    assert matches("korea*", "Koreans and Korean officials met.")
    assert matches("korea", "Korea's envoy met officials.")
    assert not matches("war", "a warning and a reward")
    assert not matches("troop", "troops")


def test_prefix_on_the_last_word_of_a_phrase():
    assert matches('"north korea*"', "north koreans crossed")
    assert not matches('"north korea*"', "north of korea")
    assert not matches('"north korea*"', "northern korea")


def test_phrase_across_punctuation_but_in_order_and_adjacent():
    assert matches('"north korea"', "the North-Korea border")
    assert matches('"north korea"', "went north; Korea said")
    assert matches('"u.s. troops"', "U.S. troops left")
    assert not matches('"north korea"', "Korea north")
    assert not matches('"north korea"', "north of Korea")


def test_punctuated_bare_term_is_a_phrase_of_its_words():
    assert matches("kim-jong", "Kim Jong Un spoke")
    assert not matches("kim-jong", "Jong Kim spoke")


# --- NEAR --------------------------------------------------------------------------------------

@pytest.mark.parametrize("gap, hit", [(0, True), (2, True), (7, True), (8, False), (20, False)])
def test_near_distance_counts_words_between(gap, hit):
    filler = " ".join(["and"] * gap)
    text = f"pyongyang {filler} troops"
    # NEAR/8: adjacent is 1 word apart, so at most 7 words in between.
    assert matches("pyongyang NEAR/8 troops", text) is hit


def test_near_either_order_phrases_and_fields():
    assert matches("pyongyang NEAR/2 troops", "troops from pyongyang")
    assert not matches('"north korea" NEAR/3 brigade*', "brigades of the North Korean army")
    assert matches('"north korean" NEAR/3 brigade*', "brigades of the North Korean army")
    # The two operands must be found in the same field, not across title and text.
    assert not matches("pyongyang NEAR/5 troops", "troops", title="pyongyang")
    assert matches("title:(pyongyang NEAR/5 troops)", "", title="Pyongyang troops")


def test_near_operands_must_be_distinct_occurrences():
    assert not matches('korea NEAR/3 "north korea"', "north korea")
    assert matches('korea NEAR/3 "north korea"', "korea and north korea")


def test_near_why_names_both_operands():
    why = compile_query("pyongyang NEAR/4 troops").match("", "Pyongyang sent its troops")
    assert why == {"title": [], "text": ["pyongyang", "troops"]}


# --- title:, operators, precedence -----------------------------------------------------------

def test_title_restriction():
    q = "title:troops russia"
    assert matches(q, "to russia", title="Troops sent")
    assert not matches(q, "troops sent to russia", title="World news")
    # title:troops counts only in the title, so the text's "troops" is not part of the why.
    assert compile_query(q).match("Troops sent", "troops to russia") == {
        "title": ["troops"], "text": ["russia"]}


def test_title_applies_to_a_group():
    q = 'title:(brigade* OR "special forces") kursk'
    assert matches(q, "in kursk", title="Special forces arrive")
    assert not matches(q, "special forces in kursk", title="Arrivals")


def test_keywords_any_case_implicit_and_and_precedence():
    assert matches("a and not b", "a c")
    assert not matches("a and not b", "a b")
    assert matches("a OR b c", "a")            # a OR (b AND c)
    assert not matches("a OR b c", "b")
    assert matches("(a OR b) c", "b c")
    assert not matches("(a OR b) c", "b")
    assert matches("android", "android phones")  # a keyword inside a word is just a word
    assert matches('"and"', "this and that")


def test_or_why_lists_only_branches_that_hold():
    why = compile_query("(a b) OR c").match("", "a c")
    assert why == {"title": [], "text": ["c"]}


# --- errors -----------------------------------------------------------------------------------

@pytest.mark.parametrize("query, message", [
    ("", "empty query"),
    ("   \n", "empty query"),
    ("troops AND (korea OR russia", "unbalanced parenthesis at column 12"),
    ("troops)", "unbalanced parenthesis at column 7"),
    ("AND troops", "unexpected 'AND' at column 1"),
    ("a OR AND b", "unexpected 'AND' at column 6"),
    ("troops AND", "query ends unexpectedly after 'AND' at column 8"),
    ('"north korea', "unterminated phrase (missing closing quote) at column 1"),
    ("NOT troops", "a query needs at least one positive term at column 1"),
    ("a OR NOT b", "a query needs at least one positive term at column 6"),
    ("a NEAR/0 b", "NEAR/n needs n between 1 and 1000 at column 3"),
    ("a NEAR/3 b NEAR/3 c", "unexpected 'NEAR/3' at column 12"),
    ("tro*ps", "'*' may only end a word (prefix*) at column 4"),
    ('"north* korea"', "'*' may only end a phrase's last word at column 7"),
    ('"" a', "empty phrase at column 1"),
    ("!!!", "'!!!' has no letters or digits to match at column 1"),
    ("body:troops", "unknown field 'body:' (only title: exists; quote it to search the words) "
                    "at column 1"),
    ("()", "unexpected ')' at column 2"),
])
def test_errors_say_what_and_where(query, message):
    with pytest.raises(QueryError) as caught:
        compile_query(query)
    assert str(caught.value) == message
    assert isinstance(caught.value, ValueError)
    assert caught.value.message in message


def test_error_survives_pickling_for_worker_processes():
    with pytest.raises(QueryError) as caught:
        compile_query("a AND")
    copy = pickle.loads(pickle.dumps(caught.value))
    assert (str(copy), copy.column, copy.message) == (
        str(caught.value), caught.value.column, caught.value.message)


def test_error_column_is_one_based():
    with pytest.raises(QueryError) as caught:
        compile_query("x (y")
    assert caught.value.column == 3


def test_hostile_sizes_are_refused_or_handled_without_recursion_errors():
    with pytest.raises(QueryError) as caught:
        compile_query("a " * 1500)
    assert caught.value.column == 2000
    with pytest.raises(QueryError) as caught:
        compile_query("(" * 40 + "a" + ")" * 40)
    assert str(caught.value) == "more than 32 nested parentheses at column 33"
    assert matches("NOT " * 300 + "troops", "troops")           # an even run of NOTs cancels
    assert matches("title:" * 300 + "troops", "", title="troops")
    assert matches(" OR ".join(f"w{i}" for i in range(200)), "w199")


# --- properties -------------------------------------------------------------------------------

_QUERYISH = st.lists(
    st.sampled_from(['"', "(", ")", "*", ":", " ", "\n", "a", "b", "é", "\u0301", "-", "/",
                     "AND ", "or ", "NOT ", "NEAR/2 ", "near/0", "title:", "x:", "İ", "1"]),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.text(max_size=60), _QUERYISH))
def test_any_string_compiles_or_gives_a_located_error(text):
    try:
        query = compile_query(text)
    except QueryError as error:
        assert 1 <= error.column <= max(1, len(text))
        assert error.message
    else:
        query.match(text, text)  # a compiled query can be run on anything
        assert query.terms


_WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyzéü", min_size=1, max_size=8).filter(
    lambda w: w not in ("and", "or", "not"))
_FILLER = st.lists(st.sampled_from(["the", "troops", "north", "korea", "zz", "Ünion", ",", "."]),
                   max_size=12).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(_WORD, _FILLER, _FILLER)
def test_a_word_present_in_the_text_matches(word, before, after):
    assert matches(word, f"{before} {word.upper()} {after}")


@settings(max_examples=200, deadline=None)
@given(_WORD, st.text(max_size=80), st.text(max_size=80))
def test_a_and_not_a_never_matches(word, title, text):
    assert compile_query(f"{word} AND NOT {word}").match(title, text + " " + word) is None
    assert compile_query(f"{word} AND NOT {word}").match(title, text) is None


@settings(max_examples=200, deadline=None)
@given(_WORD, _WORD, _FILLER)
def test_or_is_the_union_and_and_the_intersection(a, b, text):
    for title in ("", a):
        one, two = matches(a, text, title), matches(b, text, title)
        assert matches(f"{a} OR {b}", text, title) == (one or two)
        assert matches(f"{a} {b}", text, title) == (one and two)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_query_terms_and_text_fold_the_same_way(text):
    found = words(text)
    if found:
        phrase = '"' + " ".join(found) + '"'
        assert matches(phrase, text)
