"""`newsbot discord sync` registers the commands through REST only, with clear errors."""

from __future__ import annotations

import asyncio

from typer.testing import CliRunner

from bot.cli import app
from tests.fakes.fixtures import DISCORD_TOKEN as TOKEN


def _config(tmp_path, fake) -> str:
    path = tmp_path / "newsbot.toml"
    path.write_text(f'[discord]\nenabled = true\napi_base = "{fake.api_base}"\ngateway_url = "{fake.gateway_url}"\n')
    return str(path)


async def test_sync_to_a_guild(fake_discord, tmp_path, monkeypatch):
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    cfg = _config(tmp_path, fake_discord)
    result = await asyncio.to_thread(CliRunner().invoke, app, ["discord", "sync", "--guild", str(fake_discord.guild_id),
                                                               "--config", cfg])
    assert result.exit_code == 0, result.output
    assert "synced 6 commands to server" in result.output
    assert fake_discord.commands[str(fake_discord.guild_id)]
    assert not fake_discord._sockets  # no gateway connection was opened
    assert TOKEN not in result.output


async def test_sync_without_token_says_what_is_missing(fake_discord, tmp_path, monkeypatch):
    monkeypatch.delenv("DISCORD_TOKEN", raising=False)
    monkeypatch.chdir(tmp_path)
    result = await asyncio.to_thread(CliRunner().invoke, app, ["discord", "sync", "--config", _config(tmp_path, fake_discord)])
    assert result.exit_code == 1
    assert "DISCORD_TOKEN is not set" in result.output
    assert fake_discord.requests == []


async def test_sync_with_a_rejected_token(fake_discord, tmp_path, monkeypatch):
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    fake_discord.fail_next("GET", "/users/@me", 401, {"message": "401: Unauthorized", "code": 0})
    result = await asyncio.to_thread(CliRunner().invoke, app, ["discord", "sync", "--config", _config(tmp_path, fake_discord)])
    assert result.exit_code == 1 and "rejected DISCORD_TOKEN" in result.output
    assert TOKEN not in result.output


async def test_clear_removes_a_guild_copy(fake_discord, tmp_path, monkeypatch):
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    args = ["discord", "sync", "--guild", str(fake_discord.guild_id), "--clear", "--config", _config(tmp_path, fake_discord)]
    result = await asyncio.to_thread(CliRunner().invoke, app, args)
    assert result.exit_code == 0, result.output
    assert fake_discord.commands[str(fake_discord.guild_id)] == []
    assert "removed the commands from server" in result.output
