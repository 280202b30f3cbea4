"""Slack through the real outbox and router: a post Slack accepted but we never heard back about is
not posted twice (TESTING.md 17), and a deleted channel pauses its subscription (16)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.delivery.outbox import drain
from bot.delivery.router import Router
from bot.platforms.slack.client import make_web_client
from bot.models import Alert, Entry, Feed, Topic
from bot.settings import Settings
from tests.fakes.slack_server import FakeSlack
from tests.builders import TROOP_FIGURES


@pytest.fixture
async def world(store):
    feed = await store.add_feed(Feed(url="https://wire.example/feed.xml", name="Example Wire", backfill=5))
    [entry] = await store.add_entries(feed, [Entry(uid="a1", title="North Korean troops reach Russia",
                                                   text="Counts differ.", link="https://wire.example/a1")])
    topic = await store.add_topic(Topic(name="nk-troops", query="troops", channels=("slack:C1", "slack:CGONE9")))
    alert = await store.add_alert(Alert(entry=entry, feed_name="Example Wire", topic=topic,
                                        why={"title": ["troops"]}, summary="Counts differ.", figures=TROOP_FIGURES))
    async with FakeSlack() as fake:
        router = Router(Settings(), slack_client=make_web_client(fake.token, fake.api_url))
        yield store, fake, router, alert


async def test_17_an_accepted_post_whose_answer_was_lost_is_not_posted_again(world):
    store, fake, router, alert = world
    await store.enqueue(alert.id, ["slack:C1"])
    fake.fail_next("chat.postMessage", status=503, error="service_unavailable", after_accepting=True)
    now = datetime.now(timezone.utc)
    assert await drain(store, router, now) == 0          # Slack posted it; we saw a 503
    assert len(fake.posted("C1")) == 1
    assert await drain(store, router, now + timedelta(hours=1)) == 1   # the retry finds it by nonce
    assert len(fake.posted("C1")) == 1
    assert len(fake.calls_to("chat.postMessage")) == 1
    assert await drain(store, router, now + timedelta(hours=2)) == 0


async def test_16_a_deleted_channel_pauses_only_its_own_subscription(world):
    store, fake, router, alert = world
    await store.enqueue(alert.id, ["slack:CGONE9", "slack:C1"])
    await drain(store, router, datetime.now(timezone.utc))
    assert len(fake.posted("C1")) == 1
    subs = {s.destination: s.paused_reason for s in await store.list_subscriptions("nk-troops")}
    assert subs["slack:C1"] is None
    assert "channel_not_found" in subs["slack:CGONE9"]
