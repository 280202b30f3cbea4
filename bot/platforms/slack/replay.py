"""Refuse a signed request seen before: Bolt checks signature and age, not whether it is a replay.

A captured request stays valid for Bolt's 5-minute window; remembering each (timestamp, signature)
pair for that window (plus clock skew) closes it. Runs after Bolt's signature check, so only
genuine requests are remembered, and an attacker cannot fill the memory with junk.
Socket Mode requests carry no signature and pass through.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Any, Awaitable, Callable

from slack_bolt.response import BoltResponse

WINDOW_S = 5 * 60 + 60     # Bolt's 5 minutes, plus a minute of clock skew either way


class ReplayGuard:
    def __init__(self, clock: Callable[[], float] = time.time, window_s: float = WINDOW_S):
        self._clock = clock
        self._window = window_s
        self._seen: OrderedDict[tuple[str, str], float] = OrderedDict()   # key -> when first seen

    def seen_before(self, timestamp: str, signature: str) -> bool:
        now = self._clock()
        while self._seen:
            key, first = next(iter(self._seen.items()))
            if now - first <= self._window:
                break
            self._seen.popitem(last=False)
        key = (timestamp, signature)
        if key in self._seen:
            return True
        self._seen[key] = now
        return False

    def middleware(self) -> Callable[..., Awaitable[Any]]:
        """A Bolt global middleware (argument names matter: Bolt injects by name)."""

        async def replay_guard(req, resp, next):   # noqa: A002 - Bolt's name
            sig = (req.headers.get("x-slack-signature") or [None])[0]
            ts = (req.headers.get("x-slack-request-timestamp") or [None])[0]
            if sig and ts and self.seen_before(ts, sig):
                return BoltResponse(status=401, body='{"error": "replayed request"}',
                                    headers={"content-type": "application/json"})
            return await next()

        return replay_guard
