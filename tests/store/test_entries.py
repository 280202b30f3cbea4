"""New-entry detection (TESTING 18-19): only unseen entries come back, and a new feed never floods."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from tests.builders import entry, polled_feed, stored_feed, utc

DAY = timedelta(days=1)


def fifty_old_items():
    """Newest first, as feeds list them."""
    return [entry(n, published=utc(2026, 1, 1) + n * DAY) for n in range(50, 0, -1)]


async def test_first_poll_of_a_new_feed_with_fifty_old_items_alerts_nothing(store):
    feed = await stored_feed(store)
    assert await store.add_entries(feed, fifty_old_items()) == []
    assert len(await store.recent_entries(limit=100)) == 50     # all recorded as seen


async def test_first_poll_backfill_returns_only_the_newest_n_oldest_first(store):
    feed = await stored_feed(store, backfill=3)
    new = await store.add_entries(feed, fifty_old_items())
    assert [e.uid for e in new] == ["uid-48", "uid-49", "uid-50"]
    assert all(e.id is not None and e.feed_id == feed.id for e in new)


async def test_backfill_without_dates_uses_document_order(store):
    feed = await stored_feed(store, backfill=2)
    items = [entry(n) for n in (9, 8, 7, 6)]          # newest first, undated
    assert [e.uid for e in await store.add_entries(feed, items)] == ["uid-8", "uid-9"]


async def test_after_the_first_poll_new_items_come_back_oldest_first(store):
    feed = await stored_feed(store)
    await store.add_entries(feed, fifty_old_items())
    await store.record_fetch_ok(feed.id, etag=None, last_modified=None,
                                next_check_at=utc(2026, 3, 1), fetched_at=utc(2026, 3, 1))
    feed = await store.get_feed(feed.id)
    later = [entry(52, published=utc(2026, 3, 2)), entry(51, published=utc(2026, 3, 1))]
    new = await store.add_entries(feed, later + fifty_old_items())
    assert [e.uid for e in new] == ["uid-51", "uid-52"]
    assert new[0].title == "Title 51" and new[0].published == utc(2026, 3, 1)


async def test_stale_feed_object_still_counts_as_first_poll(store):
    """The pipeline may hand over the Feed it loaded before recording the fetch: no flood either way."""
    feed = await stored_feed(store)                     # last_fetched_at None in this object
    await store.record_fetch_ok(feed.id, etag=None, last_modified=None,
                                next_check_at=utc(2026, 3, 1), fetched_at=utc(2026, 3, 1))
    assert await store.add_entries(feed, fifty_old_items()) == []


async def test_restart_re_alerts_nothing(db):
    store = await db.open()
    feed = await polled_feed(store)
    items = [entry(n, published=utc(2026, 2, n)) for n in (3, 2, 1)]
    assert len(await store.add_entries(feed, items)) == 3
    await store.close()
    reopened = await db.open()
    feed = await reopened.get_feed(feed.id)
    assert await reopened.add_entries(feed, items) == []
    assert [e.uid for e in await reopened.add_entries(feed, [entry(4)] + items)] == ["uid-4"]


async def test_same_guid_with_only_the_date_or_text_changed_is_not_new(store):
    feed = await polled_feed(store)
    await store.add_entries(feed, [entry(1, published=utc(2026, 2, 1))])
    redated = entry(1, published=utc(2026, 2, 5))
    edited = entry(1, title="Title 1 (updated)", content_hash="h1-edited")
    assert await store.add_entries(feed, [redated]) == []
    assert await store.add_entries(feed, [edited]) == []


async def test_guid_changed_by_an_edit_is_recognised_by_its_link(store):
    feed = await polled_feed(store)
    await store.add_entries(feed, [entry(1)])
    retitled = entry(1, uid="uid-1-v2", title="Title 1, corrected", content_hash="h1-v2")
    assert await store.add_entries(feed, [retitled]) == []


async def test_republished_under_new_guid_and_link_is_recognised_by_content(store):
    feed = await polled_feed(store)
    await store.add_entries(feed, [entry(1)])
    moved = entry(1, uid="uid-1-moved", link="https://news.example/moved/1")
    assert await store.add_entries(feed, [moved]) == []


async def test_canonical_link_variants_are_compared_as_given(store):
    """The reader strips tracking parameters; the store matches the canonical link it is given."""
    feed = await polled_feed(store)
    await store.add_entries(feed, [entry(1, uid="https://news.example/1", link="https://news.example/1")])
    again = entry(1, uid="https://news.example/1", link="https://news.example/1",
                  published=utc(2026, 2, 2))
    other = entry(2, uid="https://news.example/1?page=2", link="https://news.example/1?page=2")
    assert [e.uid for e in await store.add_entries(feed, [again, other])] == [other.uid]


async def test_every_item_sharing_one_guid_is_stored_once_and_not_repeated(store):
    """Identity for that case is the reader's job; the store must not crash or alert twice."""
    feed = await polled_feed(store)
    items = [entry(n, uid="same-guid") for n in (3, 2, 1)]
    first = await store.add_entries(feed, items)
    assert [e.title for e in first] == ["Title 3"]
    assert await store.add_entries(feed, items) == []


async def test_out_of_order_dates_do_not_resurface_old_items(store):
    feed = await polled_feed(store)
    items = [entry(1, published=utc(2026, 2, 1)), entry(3, published=utc(2026, 2, 3)),
             entry(2, published=utc(2026, 2, 2))]
    assert [e.uid for e in await store.add_entries(feed, items)] == ["uid-1", "uid-2", "uid-3"]
    shuffled = [items[2], entry(0, published=utc(2026, 1, 1)), items[0], items[1]]
    assert [e.uid for e in await store.add_entries(feed, shuffled)] == ["uid-0"]


async def test_the_same_item_in_two_feeds_is_new_in_each(store):
    a = await polled_feed(store, url="https://a.example/feed", name="A")
    b = await polled_feed(store, url="https://b.example/feed", name="B")
    assert len(await store.add_entries(a, [entry(1)])) == 1
    assert len(await store.add_entries(b, [entry(1)])) == 1


async def test_two_writers_adding_the_same_entries_at_once_get_each_entry_once(db):
    one, two = await db.open(), await db.open()
    feed = await polled_feed(one)
    items = [entry(n, published=utc(2026, 2, 1) + n * timedelta(minutes=1)) for n in range(120, 0, -1)]
    got = await asyncio.gather(one.add_entries(feed, items), two.add_entries(feed, items[::-1]),
                               one.add_entries(feed, items[:60]))
    uids = [e.uid for batch in got for e in batch]
    assert sorted(uids) == sorted(e.uid for e in items)          # each exactly once
    assert len(await one.recent_entries(limit=500)) == 120


async def test_recent_entries_newest_seen_first_and_since(store):
    feed = await polled_feed(store)
    await store.add_entries(feed, [entry(1)])
    await store.add_entries(feed, [entry(2)])
    got = await store.recent_entries(limit=10)
    assert [e.uid for e in got] == ["uid-2", "uid-1"]
    assert await store.recent_entries(since=utc(2100, 1, 1)) == []


async def test_set_entry_text_replaces_the_teaser(store):
    feed = await polled_feed(store)
    (e,) = await store.add_entries(feed, [entry(1, text="teaser")])
    await store.set_entry_text(e.id, "the whole article " * 50)
    assert (await store.get_entry(e.id)).text.startswith("the whole article")


async def test_add_entries_needs_a_stored_feed(store):
    from bot.models import Feed
    with pytest.raises(ValueError):
        await store.add_entries(Feed(url="u", name="n"), [entry(1)])


async def test_entries_whose_processing_crashed_are_handed_out_again(db):
    """Nothing lost: add_entries stored them, the process died before alerting; a restart finds them."""
    store = await db.open()
    feed = await polled_feed(store)
    new = await store.add_entries(feed, [entry(2), entry(1)])
    await store.mark_processed([new[0].id])
    await store.close()
    reopened = await db.open()
    assert [e.uid for e in await reopened.unprocessed_entries()] == [new[1].uid]
    assert await reopened.unprocessed_entries(seen_before=utc(2000, 1, 1)) == []
    assert await reopened.unprocessed_entries(feed_id=feed.id + 1) == []
    await reopened.mark_processed([new[1].id])
    await reopened.mark_processed([])
    assert await reopened.unprocessed_entries() == []


async def test_first_poll_items_held_back_are_not_unprocessed(store):
    feed = await stored_feed(store, backfill=1)
    new = await store.add_entries(feed, fifty_old_items())
    assert [e.uid for e in await store.unprocessed_entries()] == [e.uid for e in new] == ["uid-50"]
