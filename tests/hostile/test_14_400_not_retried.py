"""TESTING.md 14, the delivery half: a 400 from Discord (a body it refuses) is never retried in a
loop. The row fails for good with a readable reason and the alerts behind it still go out."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import sqlalchemy as sa

from bot.delivery.outbox import drain
from bot.delivery.router import Router
from bot.settings import Settings
from bot.store.schema import outbox
from tests.resilience.helpers import queue_alerts

CHANNEL = 222222222222222222
T0 = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)


async def test_14_a_400_fails_the_row_once_and_the_rest_are_delivered(fake_discord, rest_client, store):
    await queue_alerts(store, ["Troops one", "Troops two", "Troops three"], (f"discord:{CHANNEL}",))
    fake_discord.fail_next("POST", "/messages", 400,
                           {"message": "Invalid Form Body", "code": 50035, "errors": {"embeds": "too long"}})
    router = Router(Settings(), discord_client=rest_client)
    for hour in range(48):                              # two days of drains
        await drain(store, router, T0 + timedelta(hours=hour))
    posts = [r for r in fake_discord.requests if r.method == "POST" and r.path.endswith("/messages")]
    assert [r.status for r in posts] == [400, 200, 200]       # tried once, never again
    assert [m["embeds"][0]["title"] for m in fake_discord.posted()] == ["Troops two", "Troops three"]
    counts = await store.outbox_counts()
    assert counts == {"pending": 0, "sent": 2, "failed": 1, "paused": 0}
    [failed] = [d for d in await _all_rows(store) if d.status == "failed"]
    assert "400" in failed.last_error and failed.attempts == 1


async def _all_rows(store):
    """Every outbox row (by its own ids: on PostgreSQL earlier tests used the first ones)."""
    async with store.engine.connect() as conn:
        ids = (await conn.execute(sa.select(outbox.c.id).order_by(outbox.c.id))).scalars().all()
    return [await store.get_delivery(i) for i in ids]
