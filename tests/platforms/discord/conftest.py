"""Fixtures: a fake Discord on 127.0.0.1 and discord.py pointed at it (restored afterwards)."""

from __future__ import annotations

from datetime import datetime, timezone

import discord
import pytest

from bot.platforms.discord.endpoints import point_discord_at
from bot.models import Alert, Entry, Figure, Topic
from tests.fakes.discord_server import FakeDiscord

TOKEN = "fake-token.Zm9vYmFy.c2VjcmV0c2VjcmV0c2VjcmV0"


@pytest.fixture
async def fake_discord():
    fake = await FakeDiscord().start()
    saved = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    point_discord_at(fake.api_base, fake.gateway_url)
    try:
        yield fake
    finally:
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = saved
        await fake.stop()
    assert_nobody_could_be_pinged(fake)


def assert_nobody_could_be_pinged(fake: FakeDiscord) -> None:
    """TESTING.md 12, checked after every test: each message the bot sent (channel, webhook, follow-up,
    interaction reply) carried allowed_mentions with no parse types and at most a role list."""
    for body in fake.message_bodies():
        if not isinstance(body, dict) or not (body.get("content") or body.get("embeds")):
            continue  # a deferral or an empty edit has nothing that could ping
        allowed = body.get("allowed_mentions")
        assert allowed is not None, body
        assert allowed["parse"] == [] and set(allowed) <= {"parse", "roles", "replied_user"}, allowed
        assert not allowed.get("replied_user")


@pytest.fixture
async def rest_client(fake_discord):
    """A client that logged in over REST only (no gateway), as the outbox process uses it."""
    client = discord.Client(intents=discord.Intents(guilds=True), allowed_mentions=discord.AllowedMentions.none())
    await client.login(TOKEN)
    try:
        yield client
    finally:
        await client.close()


def make_alert(title: str = "North Korean troops reach Kursk", *, summary: str = "Seoul says the deployment grew.",
               figures: tuple[Figure, ...] | None = None, link: str | None = "https://news.example/a1",
               mention_role: str | None = None) -> Alert:
    if figures is None:
        figures = (
            Figure(12000, None, None, False, "soldiers", "NIS", "The NIS counted 12,000 soldiers.", 0, 6),
            Figure(10000, None, None, True, "soldiers", "Zelensky", "About 10,000 soldiers, Zelensky said.", 0, 6),
        )
    entry = Entry(uid="u1", title=title, text=summary, link=link,
                  published=datetime(2024, 11, 1, 8, 30, tzinfo=timezone.utc))
    topic = Topic(name="nk-troops", query="troops", channels=("discord:222222222222222222",), mention_role=mention_role)
    return Alert(entry=entry, feed_name="Example Wire", topic=topic, why={"title": ["troops"]}, summary=summary,
                 figures=figures)


@pytest.fixture
def store(sqlite_store):
    return sqlite_store


def bot_settings(fake, **discord_kw):
    from bot.settings import DiscordSettings, Settings

    return Settings(discord=DiscordSettings(enabled=True, api_base=fake.api_base, gateway_url=fake.gateway_url,
                                            **discord_kw))


@pytest.fixture
async def running_bot(fake_discord, store):
    """The real NewsBot, logged in and connected to the fake gateway, guild cached."""
    import asyncio

    from bot.platforms.discord import build_discord_bot

    bot = build_discord_bot(bot_settings(fake_discord, max_feeds_per_guild=2, max_topics_per_guild=2), store,
                            guild_ready_timeout=0.05)
    task = asyncio.create_task(bot.start(TOKEN))
    try:
        await asyncio.wait_for(bot.wait_until_ready(), 10)
        yield bot
    finally:
        await bot.close()
        await asyncio.gather(task, return_exceptions=True)
