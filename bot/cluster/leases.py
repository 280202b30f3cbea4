"""Keeps this process's leases alive while it works, and only while it lives.

A feed being polled and an outbox row being sent are leased to the process doing it (`[run] lease`,
30 s by default). Every third of a lease, the keeper extends the leases of everything still in hand,
so a slow poll or a long queue of sends never loses its lease to another process while this one is
alive; when the process dies, or cannot reach the database to renew, its leases run out and the
others take the work over within one lease.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Iterable, Iterator
from datetime import datetime, timedelta
from typing import Any

from bot.redact import redact

log = logging.getLogger(__name__)


class LeaseKeeper:
    def __init__(self, store: Any, lease_s: float, clock: Callable[[], datetime]):
        self.store = store
        self.lease_s = lease_s
        self.clock = clock
        self.feeds: set[int] = set()
        self.deliveries: set[int] = set()
        self._task: asyncio.Task | None = None

    @contextlib.contextmanager
    def holding_feeds(self, ids: Iterable[int]) -> Iterator[None]:
        """Renew these feeds' leases until the block ends (the poll's result clears the lease)."""
        held = set(ids)
        self.feeds |= held
        try:
            yield
        finally:
            self.feeds -= held

    @contextlib.contextmanager
    def holding_deliveries(self, ids: Iterable[int]) -> Iterator[None]:
        held = set(ids)
        self.deliveries |= held
        try:
            yield
        finally:
            self.deliveries -= held

    async def renew(self) -> None:
        until = self.clock() + timedelta(seconds=self.lease_s)
        feeds, deliveries = sorted(self.feeds), sorted(self.deliveries)
        if feeds:
            await self.store.renew_feed_leases(feeds, until)
        if deliveries:
            await self.store.renew_delivery_leases(deliveries, until)

    async def run(self) -> None:
        while True:
            await asyncio.sleep(self.lease_s / 3)
            try:
                await self.renew()
            except Exception as e:   # the database is away: the leases will run out, as they should
                log.warning("could not renew leases: %s", redact(f"{type(e).__name__}: {e}")[:200])

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self.run(), name="lease keeper")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None
