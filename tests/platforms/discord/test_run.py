"""`newsbot run` starts the bot through start_discord: it becomes the router's client for alerts."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from bot.delivery.router import Router
from bot.platforms.discord.client import start_discord
from bot.settings import ConfigError
from tests.builders import alert as make_alert
from tests.fakes.fixtures import DISCORD_TOKEN as TOKEN
from tests.fakes.fixtures import bot_settings


async def test_start_discord_serves_discord_destinations(fake_discord, store, monkeypatch):
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    settings = bot_settings(fake_discord)
    router = Router(settings)
    assert router.get(f"discord:{fake_discord.channel_id}") is None  # cached before the bot existed
    rt = SimpleNamespace(settings=settings, store=store, router=router)
    task = asyncio.create_task(start_discord(settings, rt))
    try:
        await asyncio.wait_for(fake_discord.identified.wait(), 10)
        dest = router.get(f"discord:{fake_discord.channel_id}")
        assert dest is not None
        await dest.send(make_alert(), "run-1")
        assert len(fake_discord.posted()) == 1
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
    assert router.discord_client.is_closed()


async def test_start_discord_refuses_without_token(fake_discord, store, monkeypatch, tmp_path):
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)
    rt = SimpleNamespace(store=store, router=Router(bot_settings(fake_discord)))
    with pytest.raises(ConfigError, match="DISCORD_TOKEN is not set"):
        await start_discord(bot_settings(fake_discord), rt)
    assert fake_discord.requests == []


async def test_rest_client_posts_without_a_gateway(fake_discord, monkeypatch):
    from bot.platforms.discord.sender import DiscordDestination
    from bot.platforms.discord.client import rest_client

    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    async with rest_client(bot_settings(fake_discord)) as client:
        await DiscordDestination(client, fake_discord.channel_id).send(make_alert(), "rest-1")
    assert len(fake_discord.posted()) == 1 and not fake_discord.identified.is_set()
    assert client.is_closed()
