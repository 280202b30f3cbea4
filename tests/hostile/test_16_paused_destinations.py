"""TESTING.md 16 for Discord through the outbox: a channel that answers 403/404 (deleted, access
removed) pauses its subscription with a visible reason; the subscription is kept, nothing is retried
on later drains, and other channels carry on. Resuming delivers what waited, once."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.delivery.outbox import drain
from bot.delivery.router import Router
from bot.settings import Settings
from tests.resilience.helpers import queue_alerts

GONE, OK = 222222222222222222, 222222222222222223
T0 = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)


@pytest.mark.parametrize(("status", "body"), [
    (403, {"message": "Missing Access", "code": 50001}),
    (404, {"message": "Unknown Channel", "code": 10003}),
])
async def test_16_a_refusing_channel_is_paused_with_a_reason_and_not_retried(
        fake_discord, rest_client, store, status, body):
    await queue_alerts(store, ["Troops one", "Troops two"], (f"discord:{GONE}", f"discord:{OK}"))
    fake_discord.fail_next("POST", f"/channels/{GONE}/messages", status, body)
    router = Router(Settings(), discord_client=rest_client)
    for hour in range(24):
        await drain(store, router, T0 + timedelta(hours=hour))

    to_gone = [r for r in fake_discord.requests if r.path == f"/channels/{GONE}/messages"]
    assert len(to_gone) == 1                                   # not retried every poll
    assert [m["embeds"][0]["title"] for m in fake_discord.posted(OK)] == ["Troops one", "Troops two"]
    subs = {s.destination: s for s in await store.list_subscriptions("troops")}
    assert set(subs) == {f"discord:{GONE}", f"discord:{OK}"}    # kept, not deleted
    assert str(status) in subs[f"discord:{GONE}"].paused_reason
    assert subs[f"discord:{OK}"].paused_reason is None
    assert (await store.outbox_counts())["paused"] == 2    # both alerts wait for the channel

    await store.resume_destination(f"discord:{GONE}")        # access given back
    await drain(store, router, T0 + timedelta(days=2))
    assert [m["embeds"][0]["title"] for m in fake_discord.posted(GONE)] == ["Troops one", "Troops two"]
