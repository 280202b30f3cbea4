"""Stories in the store: an entry's story survives restarts, and a second process joins the same story."""

from __future__ import annotations

from datetime import timedelta

from bot.store.base import utcnow
from bot.stories import StoryTracker

from tests.builders import entry, polled_feed, utc

T0 = utc(2026, 3, 4, 8)
# Written for this test: one bridge collapse told by three outlets, and an unrelated match report.
BRIDGE = [
    ("Road bridge collapses over the Vistula near Torun, 4 dead",
     "A span of the 60-year-old bridge fell into the river; divers search for two missing drivers."),
    ("Four killed as Torun bridge falls into Vistula",
     "Rescuers said two people were missing after a section of the ageing road bridge gave way."),
    ("Torun bridge collapse: Poland orders checks on 300 older spans",
     "The minister ordered inspections after the Vistula crossing near Torun collapsed, killing four."),
]
MATCH = ("Lech Poznan beat Legia 3-1 to go top", "Two goals in the second half sent Lech to the top.")


async def stored(store, outlet: str, n: int, title: str, text: str, hours: float):
    feed = await polled_feed(store, url=f"https://{outlet.lower()}.example/feed", name=outlet)
    [e] = await store.add_entries(feed, [entry(n, title=title, text=text, published=T0 + timedelta(hours=hours))])
    return e


def terms_of(entries):
    from bot.analysis.stories import story_terms_many

    return story_terms_many([(e.title, e.text) for e in entries])


async def test_an_entry_keeps_its_story_when_placed_again(store):
    e = await stored(store, "Ledger", 1, *BRIDGE[0], hours=0)
    story = await store.add_story_member(e.id, None, T0, ["bridge"])
    assert await store.add_story_member(e.id, None, T0, ["bridge"]) == story
    assert await store.add_story_member(e.id, story + 99, T0, ["bridge"]) == story
    assert await store.story_of(e.id) == story


async def test_a_story_unknown_to_the_store_becomes_a_new_one(store):
    e = await stored(store, "Ledger", 1, *BRIDGE[0], hours=0)
    story = await store.add_story_member(e.id, 12345, T0, ["bridge"])
    assert story != 12345 and await store.story_of(e.id) == story


async def test_three_outlets_one_story_and_the_reports_name_each_outlet(store):
    entries = [await stored(store, outlet, n, *text, hours=n)
               for n, (outlet, text) in enumerate(zip(("Ledger", "Gazette", "Courier"), BRIDGE))]
    other = await stored(store, "Sport", 9, *MATCH, hours=1.5)
    tracker = StoryTracker(store, clock=lambda: T0 + timedelta(hours=6))
    placed = await tracker.place(entries + [other], terms_of(entries + [other]))
    assert len({placed[e.id] for e in entries}) == 1
    assert placed[other.id] != placed[entries[0].id]
    reports = await store.story_reports(placed[entries[0].id])
    assert [r.outlet for r in reports] == ["Ledger", "Gazette", "Courier"]
    assert reports[0].title == BRIDGE[0][0] and reports[0].link == "https://news.example/0"


async def test_a_second_process_joins_the_story_the_first_one_opened(db):
    first, second = await db.open(), await db.open()
    a = await stored(first, "Ledger", 1, *BRIDGE[0], hours=0)
    b = await stored(first, "Gazette", 2, *BRIDGE[1], hours=1)
    clock = lambda: T0 + timedelta(hours=3)  # noqa: E731
    one, two = StoryTracker(first, clock), StoryTracker(second, clock)
    await two.place([], [])                      # the second process has read the store already...
    placed_a = await one.place([a], terms_of([a]))
    placed_b = await two.place([b], terms_of([b]))   # ...and catches up before placing
    assert placed_a[a.id] == placed_b[b.id]


async def test_a_restarted_process_rebuilds_its_index_from_the_store(db):
    store = await db.open()
    a = await stored(store, "Ledger", 1, *BRIDGE[0], hours=0)
    b = await stored(store, "Gazette", 2, *BRIDGE[1], hours=1)
    clock = lambda: T0 + timedelta(hours=3)  # noqa: E731
    placed_a = await StoryTracker(store, clock).place([a], terms_of([a]))
    restarted = await db.open()
    placed_b = await StoryTracker(restarted, clock).place([b], terms_of([b]))
    assert placed_a[a.id] == placed_b[b.id]


async def test_members_stored_before_the_horizon_are_not_loaded(store):
    a = await stored(store, "Ledger", 1, *BRIDGE[0], hours=0)
    await store.add_story_member(a.id, None, T0, ["bridge"])
    later = StoryTracker(store, clock=lambda: utcnow() + timedelta(days=40))
    await later.place([], [])
    assert len(later.index) == 0


async def test_two_processes_placing_copies_at_once_open_one_story(db):
    """Both catch up and decide at the same moment: without a lock across processes, each saw no
    story and opened its own."""
    import asyncio

    import pytest

    if db.backend != "postgresql":
        pytest.skip("several processes share PostgreSQL; on SQLite the race is documented, not closed")
    first, second = await db.open(), await db.open()
    a = await stored(first, "Ledger", 1, *BRIDGE[0], hours=0)
    b = await stored(first, "Gazette", 2, *BRIDGE[1], hours=1)
    clock = lambda: T0 + timedelta(hours=3)  # noqa: E731
    one, two = StoryTracker(first, clock), StoryTracker(second, clock)
    ta, tb = terms_of([a]), terms_of([b])
    placed_a, placed_b = await asyncio.gather(one.place([a], ta), two.place([b], tb))
    assert placed_a[a.id] == placed_b[b.id]
