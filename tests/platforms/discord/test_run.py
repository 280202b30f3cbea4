"""`newsbot run` holds the gateway through run_gateway (slash commands) and posts alerts through a
REST-only client (bot/delivery/senders.py), so a change of gateway holder never stops delivery."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

import pytest

from bot.delivery.router import Router
from bot.platforms.discord.client import run_gateway
from bot.settings import ConfigError
from tests.builders import alert as make_alert
from tests.fakes.fixtures import DISCORD_TOKEN as TOKEN
from tests.fakes.fixtures import bot_settings


async def test_run_gateway_connects_and_answers_while_alerts_go_out_over_rest(fake_discord, store, monkeypatch):
    from bot.delivery.senders import chat_senders

    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    settings = bot_settings(fake_discord)
    router = Router(settings)
    assert router.get(f"discord:{fake_discord.channel_id}") is None  # no client yet: rows wait
    rt = SimpleNamespace(settings=settings, store=store, router=router, probes={})
    async with chat_senders(settings, router):
        dest = router.get(f"discord:{fake_discord.channel_id}")
        await dest.send(make_alert(), "run-1")
        assert len(fake_discord.posted()) == 1 and not fake_discord.identified.is_set()
        task = asyncio.create_task(run_gateway(settings, rt))
        try:
            await asyncio.wait_for(fake_discord.identified.wait(), 10)
            answer = await fake_discord.interact("topics", [{"name": "list", "type": 1}])
            assert answer["type"] in (4, 5)
        finally:
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)
        assert rt.probes["discord gateway"]() is False      # closed with the task
        await dest.send(make_alert(), "run-2")               # REST sending outlives the gateway
    assert len(fake_discord.posted()) == 2
    assert router.discord_client.is_closed()


async def test_run_gateway_refuses_without_token(fake_discord, store, monkeypatch, tmp_path):
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)
    rt = SimpleNamespace(store=store, router=Router(bot_settings(fake_discord)), probes={})
    with pytest.raises(ConfigError, match="DISCORD_TOKEN is not set"):
        await run_gateway(bot_settings(fake_discord), rt)
    assert fake_discord.requests == []


async def test_rest_client_posts_without_a_gateway(fake_discord, monkeypatch):
    from bot.platforms.discord.sender import DiscordDestination
    from bot.platforms.discord.client import rest_client

    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    async with rest_client(bot_settings(fake_discord)) as client:
        await DiscordDestination(client, fake_discord.channel_id).send(make_alert(), "rest-1")
    assert len(fake_discord.posted()) == 1 and not fake_discord.identified.is_set()
    assert client.is_closed()
