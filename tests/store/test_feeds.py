"""Feeds: config sync keeps polling state; due order; fetch outcomes recorded on the feed."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.models import Feed

from tests.builders import stored_feed, utc


async def test_sync_feeds_updates_config_and_keeps_polling_state(store):
    await store.sync_feeds([Feed(url="https://a.example/rss", name="A", interval_s=60)])
    (feed,) = await store.list_feeds()
    await store.record_fetch_ok(feed.id, etag='"v1"', last_modified="Tue, 01 Dec 2026 00:00:00 GMT",
                                next_check_at=utc(2026, 12, 1, 0, 5), fetched_at=utc(2026, 12, 1))
    await store.sync_feeds([Feed(url="https://a.example/rss", name="A renamed", interval_s=900,
                                 backfill=3, fulltext=True),
                            Feed(url="https://b.example/rss", name="B")])
    a, b = await store.list_feeds()
    assert (a.name, a.interval_s, a.backfill, a.fulltext) == ("A renamed", 900, 3, True)
    assert (a.id, a.etag, a.next_check_at, a.last_fetched_at) == (
        feed.id, '"v1"', utc(2026, 12, 1, 0, 5), utc(2026, 12, 1))
    assert b.name == "B" and b.last_fetched_at is None and b.enabled


async def test_add_feed_is_idempotent_by_url_and_guild_scoped(store):
    first = await store.add_feed(Feed(url="https://x.example/feed", name="X", guild="g1"))
    again = await store.add_feed(Feed(url="https://x.example/feed", name="Other", guild="g2"))
    assert again.id == first.id and again.name == "X" and again.guild == "g1"
    await store.add_feed(Feed(url="https://y.example/feed", name="Y", guild="g2"))
    assert [f.name for f in await store.list_feeds("g1")] == ["X"]
    assert await store.count_feeds("g2") == 1 and await store.count_feeds(None) == 2
    assert not await store.remove_feed("https://x.example/feed", guild="g2")   # not theirs
    assert await store.remove_feed("https://x.example/feed", guild="g1")
    assert not await store.remove_feed("https://x.example/feed")
    assert await store.get_feed(first.id) is None


async def test_due_feeds_never_checked_first_then_longest_waiting_and_not_disabled(store):
    now = utc(2026, 12, 1, 12)
    late = await stored_feed(store, "https://late.example/", name="late")
    soon = await stored_feed(store, "https://soon.example/", name="soon")
    future = await stored_feed(store, "https://future.example/", name="future")
    off = await stored_feed(store, "https://off.example/", name="off", enabled=False)
    new = await stored_feed(store, "https://new.example/", name="new")
    await store.record_not_modified(late.id, next_check_at=now - timedelta(hours=1), fetched_at=now)
    await store.record_not_modified(soon.id, next_check_at=now, fetched_at=now)
    await store.record_not_modified(future.id, next_check_at=now + timedelta(seconds=1), fetched_at=now)
    due = await store.due_feeds(now)
    assert [f.name for f in due] == ["new", "late", "soon"]
    assert [f.name for f in await store.due_feeds(now, limit=1)] == ["new"]
    assert off.enabled is False


async def test_fetch_errors_count_up_and_success_resets_them(store):
    feed = await stored_feed(store)
    assert await store.record_fetch_error(feed.id, error="HTTP 503 from news.example",
                                          next_check_at=utc(2026, 12, 1, 0, 10)) == 1
    assert await store.record_fetch_error(feed.id, error="timed out after 20 s",
                                          next_check_at=utc(2026, 12, 1, 0, 30)) == 2
    got = await store.get_feed(feed.id)
    assert (got.error_count, got.last_error, got.next_check_at) == (
        2, "timed out after 20 s", utc(2026, 12, 1, 0, 30))
    await store.record_fetch_ok(feed.id, etag="e", last_modified=None,
                                next_check_at=utc(2026, 12, 1, 1), fetched_at=utc(2026, 12, 1, 0, 31))
    got = await store.get_feed(feed.id)
    assert (got.error_count, got.last_error, got.etag) == (0, None, "e")


async def test_datetimes_come_back_aware_utc_whatever_zone_went_in(store):
    feed = await stored_feed(store)
    seoul = timezone(timedelta(hours=9))
    await store.record_not_modified(feed.id, next_check_at=datetime(2026, 12, 1, 9, tzinfo=seoul),
                                    fetched_at=datetime(2026, 12, 1, 8, 59, 30, 250000, tzinfo=seoul))
    got = await store.get_feed(feed.id)
    assert got.next_check_at == utc(2026, 12, 1, 0) and got.next_check_at.tzinfo == timezone.utc
    assert got.last_fetched_at == utc(2026, 11, 30, 23, 59, 30, 250000)
    # ...and comparisons in SQL use the same instant: due at exactly 00:00 UTC given in Seoul time.
    assert [f.id for f in await store.due_feeds(datetime(2026, 12, 1, 9, tzinfo=seoul))] == [feed.id]
    assert await store.due_feeds(utc(2026, 11, 30, 23, 59)) == []


async def test_an_in_memory_sqlite_store_works_for_throwaway_runs():
    from bot.store import Store

    store = await Store.open("sqlite+aiosqlite://")
    try:
        await store.migrate()
        feed = await store.add_feed(Feed(url="https://m.example/", name="M"))
        assert [f.id for f in await store.list_feeds()] == [feed.id]
        # one shared connection: concurrent readers and writers must take turns, not collide
        import asyncio

        await asyncio.gather(*(store.record_fetch_error(feed.id, error=str(i), next_check_at=utc(2026, 1, 1))
                               for i in range(5)), *(store.list_feeds() for _ in range(5)))
        assert (await store.get_feed(feed.id)).error_count == 5
    finally:
        await store.close()


async def test_leased_due_feeds_are_claimed_once_until_the_lease_ends(store):
    """Several processes on one database: a due feed goes to one poller; a dead poller's feed comes back."""
    from datetime import datetime, timedelta, timezone

    from bot.models import Feed

    await store.sync_feeds([Feed(url=f"https://lease{i}.example/rss", name=f"l{i}") for i in range(3)])
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    first = await store.due_feeds(now, lease_s=60)
    assert len(first) == 3
    assert await store.due_feeds(now, lease_s=60) == []              # another process gets nothing
    again = await store.due_feeds(now + timedelta(seconds=61), lease_s=60)
    assert sorted(f.url for f in again) == sorted(f.url for f in first)


async def test_a_cycles_304s_are_written_in_one_go(store):
    from datetime import datetime, timedelta, timezone

    from bot.models import Feed

    await store.sync_feeds([Feed(url=f"https://nm{i}.example/rss", name=f"n{i}") for i in range(3)])
    feeds = await store.list_feeds()
    now = datetime(2026, 1, 1, tzinfo=timezone.utc)
    await store.record_not_modified_many([(f.id, now + timedelta(minutes=i)) for i, f in enumerate(feeds)],
                                         fetched_at=now)
    after = {f.id: f for f in await store.list_feeds()}
    for i, f in enumerate(feeds):
        assert after[f.id].next_check_at == now + timedelta(minutes=i)
        assert after[f.id].last_fetched_at == now and after[f.id].error_count == 0
