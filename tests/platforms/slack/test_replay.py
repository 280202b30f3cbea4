"""A captured signed request is refused everywhere: after a restart, and by a second process behind
the same URL (issue 16, finding 6). The guard's memory is the database, on SQLite and PostgreSQL."""

from __future__ import annotations

import contextlib
import time
from collections.abc import AsyncIterator
from datetime import timedelta

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from bot.platforms.slack.app import build_slack_app
from bot.platforms.slack.server import http_app
from bot.platforms.slack.client import make_web_client
from bot.platforms.slack.replay import WINDOW_S, request_key
from bot.store.base import utcnow
from tests.fakes.slack_server import FakeSlack
from tests.platforms.slack.driver import ADMIN, SECRET, Slack, settings

FEED = "https://wire.example/captured.xml"


@contextlib.asynccontextmanager
async def slack_process(database, fake: FakeSlack, session: aiohttp.ClientSession) -> AsyncIterator[Slack]:
    """One newsbot process's Slack front end in HTTP mode: its own store (engine, pool) and listener."""
    store = await database.open()
    bolt = build_slack_app(settings(), store, make_web_client(fake.token, fake.api_url), signing_secret=SECRET)
    server = TestServer(http_app(bolt, "/slack/events"), host="127.0.0.1")
    await server.start_server()
    try:
        yield Slack(fake, str(server.make_url("/slack/events")), session, store)
    finally:
        await server.close()


async def capture_an_admin_feeds_add(slack: Slack) -> tuple[str, int, str]:
    """The admin adds a feed and then removes it; an attacker kept the signed add."""
    body = slack.body("/feeds", f"add {FEED} Captured", user=ADMIN)
    ts = int(time.time())
    sig = slack.signer.generate_signature(timestamp=str(ts), body=body)
    before = len(slack.fake.responses)
    assert (await slack.post(body, timestamp=ts, signature=sig))[0] == 200
    assert "Added feed" in (await slack.fake.wait_responses(before + 1))[before]["text"]
    assert "removed" in (await slack.command("/feeds", f"remove {FEED}", user=ADMIN))["text"].lower()
    return body, ts, sig


async def test_a_replayed_admin_command_is_refused_after_a_restart(db):
    async with FakeSlack() as fake, aiohttp.ClientSession() as session:
        async with slack_process(db, fake, session) as first:
            captured = await capture_an_admin_feeds_add(first)
        async with slack_process(db, fake, session) as restarted:
            status, _ = await restarted.post(captured[0], timestamp=captured[1], signature=captured[2])
            assert status == 401
            assert [f.url for f in await restarted.store.list_feeds()] == []


async def test_a_replay_sent_to_a_second_process_is_refused(db):
    async with FakeSlack() as fake, aiohttp.ClientSession() as session:
        async with slack_process(db, fake, session) as a, slack_process(db, fake, session) as b:
            captured = await capture_an_admin_feeds_add(a)
            status, _ = await b.post(captured[0], timestamp=captured[1], signature=captured[2])
            assert status == 401
            assert [f.url for f in await b.store.list_feeds()] == []
            fresh = await b.command("/feeds", "list")        # b answers genuine requests as usual
            assert "wire.example" not in fresh["text"]


async def test_the_memory_forgets_keys_older_than_the_window(db):
    store = await db.open()
    start = utcnow()
    key = request_key("1000", "v0=" + "a" * 64)
    assert await store.first_sighting(key, window_s=WINDOW_S, now=start)
    assert not await store.first_sighting(key, window_s=WINDOW_S, now=start + timedelta(seconds=60))
    later = start + timedelta(seconds=WINDOW_S + 1)
    assert await store.first_sighting(request_key("1361", "v0=" + "b" * 64), window_s=WINDOW_S, now=later)
    assert await store.first_sighting(key, window_s=WINDOW_S, now=later)     # pruned, so new again
