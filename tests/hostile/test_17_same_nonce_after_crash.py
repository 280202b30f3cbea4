"""TESTING.md 17 in one process: Discord accepted the post, then the process died before recording
it. The next drain (after the dead process's claim ran out) sends the same nonce with enforce_nonce,
and the channel still has exactly one message. The end-to-end SIGKILL version is
tests/resilience/test_crash.py."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.delivery.outbox import LEASE_S, drain
from bot.delivery.router import Router
from bot.settings import Settings
from tests.resilience.helpers import queue_alerts

CHANNEL = 222222222222222222
T0 = datetime(2026, 11, 27, 12, tzinfo=timezone.utc)


class Killed(BaseException):
    """Stands for SIGKILL: nothing after it runs, not even except Exception handlers."""


class DiesBeforeRecording:
    """The store as the dying process saw it: the first mark_sent never happens."""

    def __init__(self, store):
        self._store = store

    def __getattr__(self, name):
        return getattr(self._store, name)

    async def mark_sent(self, delivery_id, remote_id):
        raise Killed


async def test_17_accepted_but_unrecorded_post_is_not_posted_twice(fake_discord, rest_client, store):
    await queue_alerts(store, ["Troops one", "Troops two"], (f"discord:{CHANNEL}",))
    router = Router(Settings(), discord_client=rest_client)
    with pytest.raises(Killed):
        await drain(DiesBeforeRecording(store), router, T0)
    assert len(fake_discord.posted()) == 1
    assert await drain(store, router, T0 + timedelta(seconds=LEASE_S / 2)) == 0   # still claimed
    assert await drain(store, router, T0 + timedelta(seconds=LEASE_S + 1)) == 2
    assert [m["embeds"][0]["title"] for m in fake_discord.posted()] == ["Troops one", "Troops two"]
    posts = [r for r in fake_discord.requests if r.method == "POST" and r.path.endswith("/messages")]
    assert len(posts) == 3 and posts[0].json["nonce"] == posts[1].json["nonce"]
    assert posts[1].json["enforce_nonce"] is True
    assert (await store.outbox_counts())["sent"] == 2
