"""TESTING.md 23 for Discord: the bot token and webhook tokens never show up in logs, errors or chat."""

from __future__ import annotations

import logging

import aiohttp
import pytest

from bot.delivery.base import DeliveryError
from bot.platforms.discord.sender import DiscordDestination
from bot.platforms.discord.webhook import DiscordWebhookDestination
from bot.platforms.discord.client import sync_commands
from bot.redact import RedactingFilter
from tests.builders import alert as make_alert
from tests.fakes.fixtures import DISCORD_TOKEN as TOKEN
from tests.platforms.discord.test_slash_commands import opt

HOOK_TOKEN = "s" * 68
HOOK = "https://discord.com/api/webhooks/123456789012345678/" + HOOK_TOKEN


def _ours(caplog) -> str:
    """What the process logged (the fake server's own access log is not the bot's)."""
    return "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records if r.name != "aiohttp.access")


async def test_23_bot_token_absent_from_debug_logs_errors_and_replies(fake_discord, running_bot, caplog):
    caplog.set_level(logging.DEBUG)
    await sync_commands(running_bot)
    cb = await fake_discord.interact("claims", [opt("since", "bogus")])
    await DiscordDestination(running_bot, fake_discord.channel_id).send(make_alert(), "n")
    fake_discord.fail_next("POST", "/messages", 403, {"message": "Missing Access", "code": 50001})
    with pytest.raises(DeliveryError) as err:
        await DiscordDestination(running_bot, fake_discord.channel_id).send(make_alert(), "n2")
    logged = _ours(caplog)
    assert "POST" in logged and "has returned 403" in logged  # discord.py really logged its requests
    everything = logged + str(err.value) + repr(cb) + "".join(repr(r.json) for r in fake_discord.requests)
    assert TOKEN not in everything
    auth = {r.headers.get("Authorization") for r in fake_discord.requests if r.path.startswith("/channels/")}
    assert auth == {f"Bot {TOKEN}"}  # the token was used, just never shown


async def test_23_webhook_token_hidden_by_the_log_filter(fake_discord, caplog):
    caplog.set_level(logging.DEBUG)
    caplog.handler.addFilter(RedactingFilter())  # as `install_logging` sets up every handler
    async with aiohttp.ClientSession() as session:
        dest = DiscordWebhookDestination(HOOK, session)
        await dest.send(make_alert(), "n1")
        fake_discord.fail_next("POST", "/webhooks/", 404, {"message": "Unknown Webhook", "code": 10015})
        with pytest.raises(DeliveryError) as err:
            await dest.send(make_alert(), "n2")
    logged = _ours(caplog)
    assert "123456789012345678" in logged  # discord.py logged the webhook requests
    assert HOOK_TOKEN not in logged + str(err.value) + repr(dest)

