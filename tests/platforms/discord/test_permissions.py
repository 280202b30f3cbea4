"""TESTING.md 21: changing commands are refused by the handler itself, whatever Discord let through."""

from __future__ import annotations

import pytest

from bot.models import Topic
from tests.platforms.discord.seed import GUILD
from tests.platforms.discord.test_slash_commands import opt, sub

EPHEMERAL = 1 << 6

CHANGING = [
    ("topics", sub("add", opt("name", "x"), opt("query", "x"))),
    ("topics", sub("remove", opt("name", "mine"))),
    ("feeds", sub("add", opt("url", "https://feeds.example/rss"))),
    ("feeds", sub("remove", opt("url", "https://feeds.example/rss"))),
    ("subscribe", [opt("topic", "mine")]),
    ("unsubscribe", [opt("topic", "mine")]),
]


async def _state(store):
    return ([(t.name, t.query, t.channels) for t in await store.list_topics(None)],
            [f.url for f in await store.list_feeds(None)])


@pytest.mark.parametrize("name,options", CHANGING, ids=lambda v: v if isinstance(v, str) else v[0]["name"])
async def test_21_member_without_manage_server_is_refused(fake_discord, running_bot, store, name, options):
    """Also covers an admin widening the command's visibility: Discord delivers it, the handler refuses."""
    await store.add_topic(Topic(name="mine", query="q", channels=(f"discord:{fake_discord.channel_id}",), guild=GUILD))
    before = await _state(store)
    cb = await fake_discord.interact(name, options, manager=False)
    assert cb["type"] == 4 and cb["data"]["flags"] & EPHEMERAL
    assert "Manage Server" in cb["data"]["content"]
    assert await _state(store) == before


@pytest.mark.parametrize("name,options", CHANGING, ids=lambda v: v if isinstance(v, str) else v[0]["name"])
async def test_21_changing_commands_are_refused_in_dms(fake_discord, running_bot, store, name, options):
    await store.add_topic(Topic(name="mine", query="q", guild=GUILD))
    before = await _state(store)
    cb = await fake_discord.interact(name, options, dm=True)
    assert cb["data"]["flags"] & EPHEMERAL
    assert "only inside a server" in cb["data"]["content"]
    assert await _state(store) == before


async def test_21_read_commands_stay_open_to_members(fake_discord, running_bot, store):
    cb = await fake_discord.interact("topics", sub("list"), manager=False)
    assert cb["type"] == 4 and not (cb["data"].get("flags") or 0) & EPHEMERAL


async def test_21_another_servers_topic_is_invisible(fake_discord, running_bot, store):
    await store.add_topic(Topic(name="theirs", query="q", guild="424242424242424242"))
    cb = await fake_discord.interact("claims", [opt("topic", "theirs")])
    assert "There is no topic named “theirs”" in cb["data"]["content"]
    cb = await fake_discord.interact("subscribe", [opt("topic", "theirs")], manager=True)
    assert "There is no topic named" in cb["data"]["content"]
    assert (await store.get_topic("theirs")).channels == ()
