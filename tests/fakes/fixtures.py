"""Fixtures for the local fake peers: a fake Discord (with discord.py pointed at it) and a fake Slack.

Loaded for the whole suite by tests/conftest.py, so any test can drive a platform.
"""

from __future__ import annotations

import asyncio

import discord
import pytest

from bot.platforms.discord.client import build_discord_bot
from bot.platforms.discord.endpoints import point_discord_at
from bot.platforms.slack.client import make_web_client
from bot.settings import DiscordSettings, Settings
from tests.fakes.discord_server import FakeDiscord
from tests.fakes.slack_server import FakeSlack

DISCORD_TOKEN = "fake-token.Zm9vYmFy.c2VjcmV0c2VjcmV0c2VjcmV0"


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
    """Hostile case 12, checked after every test: each message the bot sent (channel, webhook, follow-up,
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
    await client.login(DISCORD_TOKEN)
    try:
        yield client
    finally:
        await client.close()


def bot_settings(fake: FakeDiscord, **discord_kw) -> Settings:
    return Settings(discord=DiscordSettings(enabled=True, api_base=fake.api_base, gateway_url=fake.gateway_url,
                                            **discord_kw))


@pytest.fixture
async def running_bot(fake_discord, store):
    """The real NewsBot, logged in and connected to the fake gateway, guild cached."""
    bot = build_discord_bot(bot_settings(fake_discord, max_feeds_per_guild=2, max_topics_per_guild=2), store,
                            guild_ready_timeout=0.05)
    task = asyncio.create_task(bot.start(DISCORD_TOKEN))
    try:
        await asyncio.wait_for(bot.wait_until_ready(), 10)
        yield bot
    finally:
        await bot.close()
        await asyncio.gather(task, return_exceptions=True)


@pytest.fixture
async def fake_slack():
    async with FakeSlack() as fake:
        yield fake


@pytest.fixture
async def web_client(fake_slack):
    return make_web_client(fake_slack.token, fake_slack.api_url, max_retry_count=2)
