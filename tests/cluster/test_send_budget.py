"""One send budget per destination across processes: three processes delivering at once stay
within Discord's rate for the bot, two processes taking turns on one Slack channel still space its
posts a second apart, and a 429 holds every process off."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone

import discord

from bot.delivery import outbox
from bot.delivery.budget import DISCORD_PER_SECOND, SLACK_CHANNEL_INTERVAL_S, hold_off
from bot.delivery.router import Router
from bot.platforms.discord.endpoints import point_discord_at
from bot.platforms.slack.client import make_web_client
from bot.settings import Settings
from tests.fakes.discord_server import FakeDiscord
from tests.fakes.slack_server import FakeSlack
from tests.fakes.fixtures import DISCORD_TOKEN as TOKEN
from tests.resilience.helpers import queue_alerts

T0 = datetime(2026, 12, 6, 12, tzinfo=timezone.utc)
PROCESSES, PER_CHANNEL = 3, 20


async def test_slots_for_one_key_are_spaced_whichever_process_takes_them(db):
    a, b = await db.open(), await db.open()
    waits = [await (a if i % 2 else b).take_send_slot("slack:C1", 1.0) for i in range(5)]
    assert waits[0] == 0.0
    gaps = [later - earlier for earlier, later in zip(waits, waits[1:])]
    assert all(0.9 < g <= 1.0 for g in gaps), waits           # a second apart, minus the time asking took
    assert await a.take_send_slot("slack:C2", 1.0) == 0.0       # another channel has its own budget
    await hold_off(a, "slack:C3", 30)
    assert 29 < await b.take_send_slot("slack:C3", 1.0) <= 30   # a 429 seen by a holds b off too


async def test_three_processes_delivering_at_once_stay_within_discords_rate(db):
    fake = await FakeDiscord().start()
    saved = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    point_discord_at(fake.api_base, fake.gateway_url)
    stores, clients = [], []
    try:
        await queue_per_channel(await db.open(), [f"discord:{222222222222222222 + p}" for p in range(PROCESSES)])
        for _ in range(PROCESSES):
            stores.append(await db.open())
            client = discord.Client(intents=discord.Intents(guilds=True),
                                    allowed_mentions=discord.AllowedMentions.none())
            await client.login(TOKEN)
            clients.append(client)
        routers = [Router(Settings(), discord_client=c) for c in clients]
        sent = await asyncio.gather(*(outbox.drain(s, r, T0, limit=PER_CHANNEL)
                                      for s, r in zip(stores, routers)))
    finally:
        for c in clients:
            await c.close()
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = saved
        await fake.stop()
    assert sum(sent) == PROCESSES * PER_CHANNEL and sorted(sent) == [PER_CHANNEL] * PROCESSES   # each took one
    posts = sorted(r.at for r in fake.requests if r.method == "POST" and r.path.endswith("/messages"))
    took = posts[-1] - posts[0]
    # 60 posts at 40/s need 59/40 s; each process's own pace alone would have allowed three times the rate.
    assert took >= (len(posts) - 1) / DISCORD_PER_SECOND * 0.9, took


async def queue_per_channel(store, channels: list[str]) -> None:
    """PER_CHANNEL alerts queued for each channel, each channel through a topic of its own."""
    from bot.models import Alert, Entry, Feed, Topic

    feed = await store.add_feed(Feed(url="https://wire.example/feed.xml", name="Example Wire", backfill=50))
    for p, channel in enumerate(channels):
        topic = await store.add_topic(Topic(name=f"troops {p}", query="troops", channels=(channel,)))
        entries = await store.add_entries(feed, [
            Entry(uid=f"p{p}-{i}", title=f"Troops report {p}-{i}", text="No figures.",
                  link=f"https://wire.example/{p}/{i}", content_hash=f"p{p}h{i}") for i in range(PER_CHANNEL)])
        for e in entries:
            alert = await store.add_alert(Alert(entry=e, feed_name=feed.name, topic=topic, why={}, summary=e.title))
            await store.enqueue(alert.id, [channel])


async def test_two_processes_taking_turns_on_one_slack_channel_still_post_a_second_apart(db):
    async with FakeSlack() as fake:
        a, b = await db.open(), await db.open()
        await queue_alerts(a, ["Troops one", "Troops two", "Troops three"], ("slack:C1",))
        settings = Settings(slack={"enabled": True, "api_url": fake.api_url})
        routers = [Router(settings, slack_client=make_web_client(fake.token, fake.api_url)) for _ in range(2)]
        # a takes the first row only, then b takes the rest: without a shared budget, b's own
        # pace knows nothing of a's post and goes at once.
        assert await outbox.drain(a, routers[0], T0, limit=1) == 1
        assert await outbox.drain(b, routers[1], T0, limit=10) == 2
    posts = [c.at for c in fake.calls_to("chat.postMessage")]
    assert len(posts) == 3
    assert all(later - earlier >= SLACK_CHANNEL_INTERVAL_S * 0.95 for earlier, later in zip(posts, posts[1:])), posts
