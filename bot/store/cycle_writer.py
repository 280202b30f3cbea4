"""Group commit for a polling cycle: feeds that finish while a batch is being written go together
into the next one.

A feed hands over what it fetched and waits for its new entries; nothing waits for a timer. When
the writer is idle the first feed is written at once (a quiet cycle pays no latency); while a write
is in flight, every feed that finishes meanwhile joins the next batch, so under load batches grow
by themselves and a cycle of 2,000 changed feeds costs tens of transactions, not thousands.
Writes nobody waits for (304s, processed marks) ride along with the next batch, or `close()`.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from datetime import datetime

from bot.models import Entry
from bot.store.cycle_batch import FetchedFeed

log = logging.getLogger(__name__)
MAX_FEEDS_PER_BATCH = 128
FLUSH_DEFERRED_AT = 200   # 304s and marks waiting before they are written without a fetched feed


class CycleWriter:
    def __init__(self, store, fetched_at: datetime) -> None:
        self.store = store
        self.fetched_at = fetched_at
        self._fetched: list[tuple[FetchedFeed, asyncio.Future]] = []
        self._not_modified: list[tuple[int, datetime]] = []
        self._processed: list[int] = []
        self._task: asyncio.Task | None = None
        self.batches = 0   # how many transactions the cycle took (tests, benchmarks)

    async def store_fetched(self, fetched: FetchedFeed) -> list[Entry]:
        """Store one feed's entries and state with the next batch; returns the entries that may alert."""
        done = asyncio.get_running_loop().create_future()
        self._fetched.append((fetched, done))
        self._kick()
        await done
        return fetched.new

    def checked(self, feed_id: int, next_check_at: datetime) -> None:
        """A feed polled without new content to store (a 304), or whose next check changed."""
        self._not_modified.append((feed_id, next_check_at))
        if len(self._not_modified) >= FLUSH_DEFERRED_AT:
            self._kick()

    def processed(self, entry_ids: Sequence[int]) -> None:
        """Entries whose alerts are queued (or that matched nothing); a crash before the write only
        means `resume_unfinished` looks at them again."""
        self._processed.extend(entry_ids)
        if len(self._processed) >= FLUSH_DEFERRED_AT:
            self._kick()

    async def close(self) -> None:
        """Write whatever is still pending; the cycle's last step."""
        while self._task is not None or self._pending():
            if self._task is None:
                self._kick()
            assert self._task is not None
            await asyncio.shield(self._task)

    def _pending(self) -> bool:
        return bool(self._fetched or self._not_modified or self._processed)

    def _kick(self) -> None:
        if self._task is None:
            self._task = asyncio.get_running_loop().create_task(self._write_all())

    async def _write_all(self) -> None:
        try:
            while self._pending():
                batch, self._fetched = self._fetched[:MAX_FEEDS_PER_BATCH], self._fetched[MAX_FEEDS_PER_BATCH:]
                not_modified, self._not_modified = self._not_modified, []
                processed, self._processed = self._processed, []
                try:
                    await self.store.write_cycle_batch([f for f, _ in batch], fetched_at=self.fetched_at,
                                                       not_modified=not_modified, processed=processed)
                except BaseException as exc:   # every feed in the batch learns why; the next batch still runs
                    log.warning("writing a batch of %d feeds failed: %s", len(batch), exc)
                    for _, done in batch:
                        if not done.done():
                            done.set_exception(exc if isinstance(exc, Exception) else RuntimeError("cancelled"))
                    if not isinstance(exc, Exception):
                        raise
                else:
                    for _, done in batch:
                        if not done.done():
                            done.set_result(None)
                self.batches += 1
        finally:
            self._task = None
