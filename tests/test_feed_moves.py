"""A feed whose server says 301/308 at consecutive polls moves to the new address, once; a single or
temporary redirect moves nothing; a restart with the old address in the config keeps one feed."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from bot.app.caller import OPERATOR
from bot.app.context import Context
from bot.app.feeds import feeds_status
from bot.delivery.router import Router
from bot.feed_moves import MOVE_AFTER
from bot.models import Feed
from bot.pipeline import refresh_feed
from bot.platforms.discord.messages import feeds_text
from bot.reader.fetcher import Fetcher
from bot.runtime import Runtime
from bot.settings import Settings
from tests.fakes.feed_server import FeedServer, feed_server  # noqa: F401  (fixture)

RSS = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
       b'<item><title>One</title><link>https://wire.example/1</link><guid>1</guid></item></channel></rss>')


@contextlib.asynccontextmanager
async def runtime(store) -> AsyncIterator[Runtime]:
    settings = Settings(fetch={"allow_private_addresses": True})
    async with Fetcher(allow_private=True, timeout_s=5) as fetcher:
        yield Runtime(settings=settings, store=store, fetcher=fetcher, router=Router(settings))


async def poll(rt: Runtime, feed_id: int) -> Feed:
    await refresh_feed(rt, await rt.store.get_feed(feed_id))
    return await rt.store.get_feed(feed_id)


async def test_a_permanent_redirect_that_holds_moves_the_feed_and_shows_in_feeds(store, feed_server: FeedServer, caplog):
    feed_server.serve("/new", RSS)
    feed_server.redirect("/old", "/new", status=301)
    old, new = feed_server.url("/old"), feed_server.url("/new")
    feed = await store.add_feed(Feed(url=old, name="Wire"))
    async with runtime(store) as rt:
        for _ in range(MOVE_AFTER - 1):
            assert (await poll(rt, feed.id)).url == old            # one redirect is not a move yet
        moved = await poll(rt, feed.id)
    assert (moved.url, moved.moved_from, moved.moved_to) == (new, old, None) and moved.moved_at is not None
    assert moved.last_error is None and [f.id for f in await store.list_feeds()] == [feed.id]
    assert f"moved permanently to {new}" in caplog.text
    [status] = (await feeds_status(Context(store, rt.settings), OPERATOR)).feeds
    assert status.url == new and status.moved_from == old
    assert f"moved from {old}" in feeds_text([moved])                  # what Discord's /feeds list shows


async def test_temporary_or_interrupted_redirects_move_nothing(store, feed_server: FeedServer):
    feed_server.serve("/new", RSS)
    feed_server.redirect("/temp", "/new", status=302)
    feed_server.redirect("/flaky", "/new", status=308)
    temp = await store.add_feed(Feed(url=feed_server.url("/temp"), name="Temp"))
    flaky = await store.add_feed(Feed(url=feed_server.url("/flaky"), name="Flaky"))
    async with runtime(store) as rt:
        for _ in range(MOVE_AFTER + 1):
            assert (await poll(rt, temp.id)).url == feed_server.url("/temp")
        for _ in range(MOVE_AFTER - 1):
            await poll(rt, flaky.id)
        feed_server.serve("/flaky", RSS)                            # the server changed its mind
        assert (await poll(rt, flaky.id)).moved_to is None
        feed_server.redirect("/flaky", "/new", status=308)
        for _ in range(MOVE_AFTER - 1):
            assert (await poll(rt, flaky.id)).url == feed_server.url("/flaky")   # counting starts again


async def test_a_move_onto_an_address_another_feed_has_is_left_alone(store, feed_server: FeedServer):
    feed_server.serve("/new", RSS)
    feed_server.redirect("/old", "/new", status=301)
    await store.add_feed(Feed(url=feed_server.url("/new"), name="Already here"))
    feed = await store.add_feed(Feed(url=feed_server.url("/old"), name="Wire"))
    async with runtime(store) as rt:
        for _ in range(MOVE_AFTER + 1):
            assert (await poll(rt, feed.id)).url == feed_server.url("/old")


async def test_the_config_files_old_address_is_the_moved_feed_after_a_restart(store, feed_server: FeedServer):
    feed_server.serve("/new", RSS)
    feed_server.redirect("/old", "/new", status=301)
    old = feed_server.url("/old")
    await store.sync_feeds([Feed(url=old, name="Wire")])
    [feed] = await store.list_feeds()
    async with runtime(store) as rt:
        for _ in range(MOVE_AFTER):
            await poll(rt, feed.id)
    await store.sync_feeds([Feed(url=old, name="Wire, renamed", interval_s=600)])    # the next start
    [after] = await store.list_feeds()
    assert (after.id, after.url, after.name, after.interval_s) == (feed.id, feed_server.url("/new"), "Wire, renamed", 600)
