"""The webhook destination: no client-wide setting to inherit, so every POST names its mentions."""

from __future__ import annotations

import aiohttp
import pytest

from bot.delivery.base import DeliveryError
from bot.platforms.discord.webhook import DiscordWebhookDestination
from tests.builders import alert as make_alert

HOOK_ID = "123456789012345678"
HOOK_TOKEN = "t" * 68
URL = f"https://discord.com/api/webhooks/{HOOK_ID}/{HOOK_TOKEN}"


async def test_webhook_posts_embed_with_no_mentions_allowed(fake_discord):
    async with aiohttp.ClientSession() as session:
        dest = DiscordWebhookDestination(URL, session)
        remote = await dest.send(make_alert("@everyone <@&1> breaking"), "n1")
        await DiscordWebhookDestination(URL, session, mention_role="555555555555555555").send(make_alert(), "n2")
    posts = [r for r in fake_discord.requests if r.path.startswith(f"/webhooks/{HOOK_ID}/")]
    assert len(posts) == 2  # went to the configured api_base, not discord.com
    assert posts[0].json["allowed_mentions"] == {"parse": []}
    assert posts[1].json["allowed_mentions"]["parse"] == []
    assert [str(r) for r in posts[1].json["allowed_mentions"]["roles"]] == ["555555555555555555"]
    assert "@everyone" not in posts[0].json["embeds"][0]["title"].replace("@\u200beveryone", "")
    assert remote == fake_discord.messages[int(HOOK_ID)][0]["id"]
    assert HOOK_TOKEN not in repr(dest)


async def test_webhook_429_is_waited_out(fake_discord):
    fake_discord.rate_limit_next("POST", f"/webhooks/{HOOK_ID}", retry_after=0.05)
    async with aiohttp.ClientSession() as session:
        await DiscordWebhookDestination(URL, session).send(make_alert(), "n")
    assert [r.status for r in fake_discord.requests] == [429, 200]
    assert len(fake_discord.messages[int(HOOK_ID)]) == 1


async def test_deleted_webhook_pauses_the_route(fake_discord):
    fake_discord.fail_next("POST", f"/webhooks/{HOOK_ID}", 404, {"message": "Unknown Webhook", "code": 10015})
    async with aiohttp.ClientSession() as session:
        with pytest.raises(DeliveryError) as err:
            await DiscordWebhookDestination(URL, session).send(make_alert(), "n")
    assert err.value.kind == "pause" and HOOK_TOKEN not in err.value.reason


def test_a_malformed_webhook_url_is_refused_without_echoing_it():
    with pytest.raises(ValueError) as err:
        DiscordWebhookDestination("https://discord.com/api/webhooks/1/secret-token", session=object())  # type: ignore[arg-type]
    assert "secret-token" not in str(err.value)
