"""Every slash command, answered through an injected INTERACTION_CREATE, as a member would see it."""

from __future__ import annotations

from bot.models import Feed, Topic
from tests.platforms.discord.seed import GUILD, seed_claims

EPHEMERAL = 1 << 6


def opt(name: str, value, kind: int = 3) -> dict:
    return {"name": name, "type": kind, "value": value}


def sub(name: str, *options: dict) -> list[dict]:
    return [{"name": name, "type": 1, "options": list(options)}]


def content(callback: dict) -> str:
    assert callback["type"] == 4, callback  # CHANNEL_MESSAGE_WITH_SOURCE: answered directly
    return callback["data"]["content"]


async def test_claims_lists_every_figure_by_source_with_a_chart(fake_discord, running_bot, store):
    await seed_claims(store)
    running_bot.answer_within_s = 60  # a cold matplotlib import on a slow runner must not make it defer
    cb = await fake_discord.interact("claims", [opt("topic", "nk-troops")], timeout=60)
    text = content(cb)
    assert "__troops__ (4 claims)" in text
    assert text.index("12,000") < text.index("2,600") < text.index("about 11,000") < text.index("about 10,000")  # newest first
    for source in ("NIS", "Budanov", "Zelensky"):
        assert source in text
    assert "<https://wire.example/c>" in text and "Example Wire" in text
    assert cb["data"]["allowed_mentions"] == {"parse": []}
    [png] = cb["files"]
    assert png["filename"] == "claims.png" and png["head"] == b"\x89PNG\r\n\x1a\n" and png["size"] > 5000


async def test_claims_filtered_by_what_without_enough_points_has_no_chart(fake_discord, running_bot, store):
    await seed_claims(store)
    cb = await fake_discord.interact("claims", [opt("what", "special forces")])
    assert "1,500" in content(cb) and "12,000" not in content(cb)
    assert cb["files"] == []


async def test_claims_with_a_bad_since_answers_ephemerally(fake_discord, running_bot, store):
    cb = await fake_discord.interact("claims", [opt("since", "forever")])
    assert cb["data"]["flags"] & EPHEMERAL
    assert "cannot read 'forever' as a duration" in content(cb)


async def test_slow_answers_are_deferred_then_followed_up(fake_discord, running_bot, store):
    await seed_claims(store)
    running_bot.answer_within_s = 0  # pretend the query is slower than Discord's 3 s window
    cb = await fake_discord.interact("recent", [opt("limit", 2, 4)])
    assert cb["type"] == 5  # DEFERRED_CHANNEL_MESSAGE_WITH_SOURCE
    follow = await fake_discord.wait_followup(fake_discord.last_interaction["token"])
    assert "Seoul: 12,000 soldiers in four brigades" in follow["content"]
    assert follow["allowed_mentions"] == {"parse": []}


async def test_recent_shows_alerts_with_figures(fake_discord, running_bot, store):
    await seed_claims(store)
    text = content(await fake_discord.interact("recent", [opt("topic", "nk-troops"), opt("limit", 2, 4)]))
    assert "Seoul: 12,000 soldiers in four brigades" in text and "Budanov gives two counts" in text
    assert "Kyiv" not in text  # limit 2
    assert "12,000 soldiers — NIS" in text and "about 11,000 troops — Budanov" in text


async def test_unknown_topic_is_a_readable_ephemeral_error(fake_discord, running_bot, store):
    cb = await fake_discord.interact("recent", [opt("topic", "nope")])
    assert cb["data"]["flags"] & EPHEMERAL and "There is no topic named “nope”" in content(cb)


async def test_topics_list_and_test(fake_discord, running_bot, store):
    await seed_claims(store)
    text = content(await fake_discord.interact("topics", sub("list")))
    assert "**nk-troops** (config file)" in text
    text = content(await fake_discord.interact("topics", sub("test", opt("query", "brigades OR budanov"))))
    assert "“brigades OR budanov” would have matched 2 of the last 4 entries." in text
    assert "Seoul: 12,000 soldiers in four brigades" in text and "Markets calm" not in text
    assert "title: brigades" in text


async def test_topics_test_reports_the_column_of_a_syntax_error(fake_discord, running_bot):
    cb = await fake_discord.interact("topics", sub("test", opt("query", "troops AND (")))
    assert cb["data"]["flags"] & EPHEMERAL and "column" in content(cb)


async def test_manager_adds_and_removes_a_topic(fake_discord, running_bot, store):
    cb = await fake_discord.interact("topics", sub("add", opt("name", "arms"), opt("query", "arms AND korea")),
                                     manager=True)
    assert content(cb) == f"Added topic “arms”; its alerts go to <#{fake_discord.channel_id}>."
    assert cb["data"]["flags"] & EPHEMERAL
    [t] = await store.list_topics(GUILD)
    assert (t.name, t.query, t.guild) == ("arms", "arms AND korea", GUILD)
    cb = await fake_discord.interact("topics", sub("remove", opt("name", "arms")), manager=True)
    assert "Removed topic “arms”" in content(cb)
    assert await store.list_topics(GUILD) == []


async def test_topic_quota_per_guild(fake_discord, running_bot, store):
    for name in ("a", "b"):
        await store.add_topic(Topic(name=name, query=name, guild=GUILD))
    cb = await fake_discord.interact("topics", sub("add", opt("name", "c"), opt("query", "c")), manager=True)
    assert "already has 2 topics" in content(cb)
    assert len(await store.list_topics(GUILD)) == 2


async def test_a_config_topic_cannot_be_taken_over_or_removed_from_chat(fake_discord, running_bot, store):
    await store.add_topic(Topic(name="cfg", query="x"))
    cb = await fake_discord.interact("topics", sub("add", opt("name", "cfg"), opt("query", "y")), manager=True)
    assert "already exists" in content(cb)
    cb = await fake_discord.interact("topics", sub("remove", opt("name", "cfg")), manager=True)
    assert "has no topic named" in content(cb)
    assert (await store.get_topic("cfg")).query == "x"


async def test_feeds_add_list_status_remove(fake_discord, running_bot, store):
    cb = await fake_discord.interact("feeds", sub("add", opt("url", "https://news.example/rss"), opt("name", "News")),
                                     manager=True)
    assert content(cb).startswith("Added feed “News” from “https://news.example/rss”")
    [f] = await store.list_feeds(GUILD)
    assert f.url == "https://news.example/rss" and f.guild == GUILD
    assert "**News** <https://news.example/rss>" in content(await fake_discord.interact("feeds", sub("list")))
    text = content(await fake_discord.interact("feeds", sub("status")))
    assert "**News** — last fetch never" in text and "errors 0" in text
    cb = await fake_discord.interact("feeds", sub("remove", opt("url", "https://news.example/rss")), manager=True)
    assert "Removed" in content(cb) and await store.list_feeds(GUILD) == []


async def test_feeds_status_shows_the_last_error(fake_discord, running_bot, store):
    from datetime import datetime, timezone

    feed = await store.add_feed(Feed(url="https://down.example/rss", name="Down", guild=GUILD))
    await store.record_fetch_error(feed.id, error="HTTP 404 from down.example",
                                   next_check_at=datetime(2030, 1, 1, tzinfo=timezone.utc))
    text = content(await fake_discord.interact("feeds", sub("status")))
    assert "⚠️ **Down**" in text and "errors 1" in text and "HTTP 404 from down.example" in text


async def test_feeds_add_refuses_private_and_non_http_urls(fake_discord, running_bot, store):
    for url in ("http://169.254.169.254/latest", "file:///etc/passwd", "http://[::ffff:127.0.0.1]/"):
        cb = await fake_discord.interact("feeds", sub("add", opt("url", url)), manager=True)
        assert "cannot be used" in content(cb) and cb["data"]["flags"] & EPHEMERAL
    assert await store.list_feeds(None) == []


async def test_feed_quota_per_guild(fake_discord, running_bot, store):
    for i in range(2):
        await store.add_feed(Feed(url=f"https://n{i}.example/rss", name=f"n{i}", guild=GUILD))
    cb = await fake_discord.interact("feeds", sub("add", opt("url", "https://n9.example/rss")), manager=True)
    assert "already has 2 feeds" in content(cb)


async def test_subscribe_and_unsubscribe_route_a_topic_to_this_channel(fake_discord, running_bot, store):
    await store.add_topic(Topic(name="nk", query="korea"))
    cb = await fake_discord.interact("subscribe", [opt("topic", "nk")], manager=True)
    assert f"<#{fake_discord.channel_id}>" in content(cb)
    assert f"discord:{fake_discord.channel_id}" in (await store.get_topic("nk")).channels
    cb = await fake_discord.interact("unsubscribe", [opt("topic", "nk")], manager=True)
    assert "will no longer receive" in content(cb)
    assert (await store.get_topic("nk")).channels == ()


async def test_topic_autocomplete_offers_visible_names(fake_discord, running_bot, store):
    await store.add_topic(Topic(name="nk-troops", query="x"))
    await store.add_topic(Topic(name="nk-arms", query="x", guild="424242424242424242"))  # another server's
    await store.add_topic(Topic(name="eu-gas", query="x", guild=GUILD))
    options = [{"name": "topic", "type": 3, "value": "", "focused": True}]
    cb = await fake_discord.interact("claims", options, kind=4)
    assert cb["type"] == 8  # APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
    assert sorted(c["name"] for c in cb["data"]["choices"]) == ["eu-gas", "nk-troops"]


async def test_16_a_paused_route_shows_in_status_and_subscribe_resumes_it(fake_discord, running_bot, store):
    dest = f"discord:{fake_discord.channel_id}"
    await store.add_topic(Topic(name="nk", query="korea", channels=(dest,)))
    await store.pause_destination(dest, "discord channel 222: HTTP 403 Missing Access")
    text = content(await fake_discord.interact("feeds", sub("status")))
    assert f"alerts for **nk** → <#{fake_discord.channel_id}> are paused: discord channel 222: HTTP 403 Missing Access" in text
    cb = await fake_discord.interact("subscribe", [opt("topic", "nk")], manager=True)
    assert content(cb).startswith("Resumed: alerts for “nk”")
    [s] = await store.list_subscriptions("nk")
    assert s.paused_reason is None
