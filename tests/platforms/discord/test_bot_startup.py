"""The bot logs in, connects with least-privilege intents, and syncs the slash commands it answers."""

from __future__ import annotations

import pytest

from bot.platforms.discord.client import build_discord_bot, require_token, sync_commands
from bot.settings import ConfigError
from tests.fakes.fixtures import bot_settings

EXPECTED = {"claims", "recent", "topics", "feeds", "subscribe", "unsubscribe"}


async def test_login_identifies_with_guilds_intent_only(fake_discord, running_bot):
    assert running_bot.user.id == fake_discord.bot_user_id
    assert fake_discord.identify["intents"] == 1  # GUILDS: no members, presences or message content
    assert running_bot.get_guild(fake_discord.guild_id) is not None
    paths = [r.path for r in fake_discord.requests]
    assert "/users/@me" in paths and "/oauth2/applications/@me" in paths
    assert running_bot.allowed_mentions.to_dict() == {"parse": []}


async def test_global_sync_sends_every_command(fake_discord, running_bot):
    synced = await sync_commands(running_bot)
    [put] = [r for r in fake_discord.requests if r.method == "PUT"]
    assert put.path == f"/applications/{fake_discord.app_id}/commands"
    by_name = {c["name"]: c for c in put.json}
    assert set(by_name) == EXPECTED and len(synced) == len(EXPECTED)
    topics = {o["name"]: o for o in by_name["topics"]["options"]}
    assert set(topics) == {"list", "add", "remove", "test"}
    assert set({o["name"] for o in by_name["feeds"]["options"]}) == {"list", "add", "remove", "status"}
    assert by_name["topics"]["contexts"] == [0]  # guild-only
    assert int(by_name["subscribe"]["default_member_permissions"]) == 1 << 5  # Manage Server
    claims_opts = {o["name"]: o for o in by_name["claims"]["options"]}
    assert claims_opts["topic"]["autocomplete"] is True
    assert set(claims_opts) == {"topic", "what", "since"}


async def test_guild_sync_goes_to_the_guild_endpoint(fake_discord, running_bot):
    await sync_commands(running_bot, fake_discord.guild_id)
    [put] = [r for r in fake_discord.requests if r.method == "PUT"]
    assert put.path == f"/applications/{fake_discord.app_id}/guilds/{fake_discord.guild_id}/commands"
    assert {c["name"] for c in put.json} == EXPECTED


def test_refuses_to_start_without_a_token(monkeypatch, tmp_path):
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)  # no .env here
    with pytest.raises(ConfigError) as err:
        require_token()
    assert "DISCORD_TOKEN" in str(err.value)


async def test_settings_point_discord_py_at_the_configured_endpoints(fake_discord):
    import discord

    build_discord_bot(bot_settings(fake_discord), store=None)
    assert discord.http.Route.BASE == fake_discord.api_base
    assert str(discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY) == fake_discord.gateway_url
