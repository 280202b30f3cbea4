"""Stories: reports of one event from several outlets join; other events on the same topic do not."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from bot.analysis.stories import Member, StoryIndex, StoryParams, cluster_stream, story_terms
from bot.analysis.stories.cluster import StreamItem
from bot.analysis.stories.features import LEAD_CHARS, TITLE_CHARS, story_text

T0 = datetime(2025, 3, 4, 8, 0, tzinfo=UTC)


def item(key: str, hours: float, title: str, text: str) -> StreamItem:
    return StreamItem(key, title, text, T0 + timedelta(hours=hours))


# Written for this test: a bridge collapse told by three outlets, a second collapse elsewhere the
# same week, a ferry fire on the same river, and an unrelated match report.
BRIDGE = [
    item("a1", 0, "Road bridge collapses over the Vistula near Torun, 4 dead",
         "A span of the 60-year-old bridge fell into the river during the morning rush; divers are searching for two missing drivers."),
    item("a2", 2, "Four killed as Torun bridge falls into Vistula",
         "Polish rescuers said two people were still missing after a section of the ageing road bridge gave way."),
    item("a3", 5, "Torun bridge collapse: Poland orders checks on 300 older spans",
         "The infrastructure minister ordered inspections after the Vistula crossing near Torun collapsed, killing four."),
]
OTHER = [
    item("b1", 30, "Rail bridge gives way in northern Italy; freight train derails",
         "No one was hurt when a bridge over the Adige near Verona collapsed under a cargo train, the operator said."),
    item("c1", 8, "Ferry fire on the Vistula forces 40 passengers into lifeboats",
         "A tourist boat caught fire near Plock; all 40 people aboard were rescued, the fire brigade said."),
    item("d1", 9, "Lech Poznan beat Legia 3-1 to go top",
         "Two goals in the second half sent Lech to the top of the Ekstraklasa."),
]


def stories_of(items: list[StreamItem], params: StoryParams | None = None) -> dict[str, int]:
    return {str(k): s for k, s in cluster_stream(sorted(items, key=lambda i: i.published), params)}


def test_three_outlets_reporting_one_event_make_one_story():
    got = stories_of(BRIDGE + OTHER)
    assert got["a1"] == got["a2"] == got["a3"]
    assert len({got["a1"], got["b1"], got["c1"], got["d1"]}) == 4


def test_stories_are_numbered_in_order_of_first_appearance():
    got = stories_of(BRIDGE + OTHER)
    assert sorted(set(got.values())) == [1, 2, 3, 4]
    assert got["a1"] == 1


def test_the_same_report_outside_the_window_is_a_new_story():
    late = replace(BRIDGE[1], key="late", published=BRIDGE[0].published + timedelta(days=5))
    got = stories_of([BRIDGE[0], late])
    assert got["a1"] != got["late"]
    widened = StoryParams(window=timedelta(days=6))
    assert len(set(stories_of([BRIDGE[0], late], widened).values())) == 1


def test_figures_are_terms_whatever_their_spelling():
    assert "N:12000" in story_terms("Twelve thousand troops", "")
    assert "N:12000" in story_terms("12,000 troops", "")
    assert "N:1300000000USD" in story_terms("$1.3bn deal", "")


def test_lemmas_meet_across_inflections():
    a, b = story_terms("Troops deployed", "Budanov's estimate"), story_terms("A troop deploys", "Budanov said")
    assert {"troop", "deploy", "budanov"} <= a & b


def test_a_huge_entry_is_read_only_to_its_lead():
    text = story_text("word " * 10_000, "lead " * 1_000_000)
    assert len(text) <= TITLE_CHARS + LEAD_CHARS + 2


def test_an_entry_with_no_words_starts_its_own_story():
    index = StoryIndex()
    assert index.best_story(frozenset(), T0) == (None, 0.0)


def test_old_members_are_forgotten_and_their_terms_no_longer_weigh():
    index = StoryIndex(StoryParams(idf_horizon=timedelta(days=1)))
    index.add(Member("old", 1, T0, frozenset({"bridge", "vistula"})))
    index.add(Member("new", 2, T0 + timedelta(days=2), frozenset({"ferry"})))
    assert index.forget_old() == 1
    assert "old" not in index and "new" in index
    assert index.best_story(frozenset({"bridge", "vistula"}), T0 + timedelta(days=2)) == (None, 0.0)


def test_a_member_added_twice_counts_once():
    index = StoryIndex()
    m = Member("a", 1, T0, frozenset({"bridge"}))
    index.add(m)
    index.add(m)
    assert len(index) == 1


def test_average_link_keeps_a_chain_of_look_alikes_apart():
    """b resembles a and c resembles b, but c barely resembles a: average link does not chain them."""
    index = StoryIndex(StoryParams(threshold=0.3))
    index.add(Member("a", 1, T0, frozenset({"x1", "x2", "x3", "shared"})))
    index.add(Member("b", 1, T0, frozenset({"x1", "x2", "y1", "y2", "shared"})))
    story, score = index.best_story(frozenset({"y1", "y2", "z1", "z2", "shared"}), T0)
    assert story is None and score < 0.3
