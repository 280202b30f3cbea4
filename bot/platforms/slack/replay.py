"""Refuse a signed request seen before: Bolt checks signature and age, not whether it is a replay.

A captured request stays valid for Bolt's 5-minute window; remembering each (timestamp, signature)
pair for that window (plus clock skew) closes it. The memory is the database's (`first_sighting`),
so a replay is refused after a restart and by every other process behind the same URL, not only by
the process that answered it. Runs after Bolt's signature check, so only genuine requests are
remembered and an attacker cannot fill the table with junk. Socket Mode requests carry no signature
and pass through.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any, Awaitable, Callable

from slack_bolt.response import BoltResponse

log = logging.getLogger(__name__)
WINDOW_S = 5 * 60 + 60     # Bolt's 5 minutes, plus a minute of clock skew either way


def request_key(timestamp: str, signature: str) -> str:
    """What is stored: a fixed-size digest, never the signature itself."""
    return hashlib.sha256(f"slack:{timestamp}:{signature}".encode()).hexdigest()


class ReplayGuard:
    """`store` is anything with `first_sighting(key, window_s=...) -> bool` (the Store)."""

    def __init__(self, store: Any, window_s: float = WINDOW_S):
        self._store = store
        self._window = window_s

    async def seen_before(self, timestamp: str, signature: str) -> bool:
        return not await self._store.first_sighting(request_key(timestamp, signature), window_s=self._window)

    def middleware(self) -> Callable[..., Awaitable[Any]]:
        """A Bolt global middleware (argument names matter: Bolt injects by name)."""

        async def replay_guard(req, resp, next):   # noqa: A002 - Bolt's name
            sig = (req.headers.get("x-slack-signature") or [None])[0]
            ts = (req.headers.get("x-slack-request-timestamp") or [None])[0]
            if sig and ts:
                try:
                    replayed = await self.seen_before(ts, sig)
                except Exception:   # no database, no proof it is fresh: refuse rather than risk a replay
                    log.warning("slack: cannot check the request against replays (database unavailable)")
                    return BoltResponse(status=503, body='{"error": "try again"}',
                                        headers={"content-type": "application/json"})
                if replayed:
                    return BoltResponse(status=401, body='{"error": "replayed request"}',
                                        headers={"content-type": "application/json"})
            return await next()

        return replay_guard
