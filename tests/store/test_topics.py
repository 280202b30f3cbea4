"""Topics and subscriptions: config sync, chat-added topics per guild, pausing a destination."""

from __future__ import annotations

import pytest

from bot.models import Topic


async def test_sync_topics_upserts_by_name_and_subscribes_channels(store):
    await store.sync_topics([Topic("NK troops", '"north korea*" AND troops', ("discord:1", "console"))])
    await store.sync_topics([Topic("NK troops", '"north korea*" AND (troops OR soldiers)',
                                   ("discord:1", "slack:C9"), mention_role="777")])
    (topic,) = await store.list_topics()
    assert topic.query == '"north korea*" AND (troops OR soldiers)' and topic.mention_role == "777"
    assert topic.channels == ("discord:1", "console", "slack:C9")   # additive, in subscription order
    assert topic.id is not None


async def test_add_topic_belongs_to_its_guild_and_cannot_overwrite_anothers(store):
    mine = await store.add_topic(Topic("arms", "arms AND korea", ("discord:5",), guild="g1"))
    theirs = await store.add_topic(Topic("arms", "something else", ("discord:6",), guild="g2"))
    assert theirs == mine                                      # untouched, no subscription added
    updated = await store.add_topic(Topic("arms", "arms AND policy", ("discord:7",), guild="g1"))
    assert updated.query == "arms AND policy" and updated.channels == ("discord:5", "discord:7")
    assert [t.name for t in await store.list_topics("g1")] == ["arms"]
    assert await store.list_topics("g2") == []
    assert not await store.remove_topic("arms", guild="g2")
    assert await store.remove_topic("arms", guild="g1")
    assert await store.list_topics() == [] and await store.list_subscriptions() == []


async def test_subscribe_unsubscribe_and_unknown_topic(store):
    await store.add_topic(Topic("t", "x"))
    await store.subscribe("t", "slack:C1")
    await store.subscribe("t", "slack:C1")                     # idempotent
    assert [(s.topic, s.destination) for s in await store.list_subscriptions("t")] == [("t", "slack:C1")]
    assert await store.unsubscribe("t", "slack:C1")
    assert not await store.unsubscribe("t", "slack:C1")
    with pytest.raises(LookupError, match="no topic named 'nope'"):
        await store.subscribe("nope", "slack:C1")


async def test_a_paused_destination_leaves_channels_but_keeps_its_subscription(store):
    await store.sync_topics([Topic("a", "x", ("discord:1", "discord:2")), Topic("b", "y", ("discord:1",))])
    await store.pause_destination("discord:1", "HTTP 403 from Discord: missing access")
    assert {t.name: t.channels for t in await store.list_topics()} == {"a": ("discord:2",), "b": ()}
    subs = {(s.topic, s.destination): s.paused_reason for s in await store.list_subscriptions()}
    assert subs[("a", "discord:1")] == subs[("b", "discord:1")] == "HTTP 403 from Discord: missing access"
    await store.resume_destination("discord:1")
    assert {t.name: t.channels for t in await store.list_topics()} == {
        "a": ("discord:1", "discord:2"), "b": ("discord:1",)}
