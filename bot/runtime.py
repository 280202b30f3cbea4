"""The long-lived parts one process shares: store, fetcher, destinations, worker pools.

Opened once by `run`, `poll --once` and `demo`; the pipeline receives it instead of globals.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any, TypeVar

from asyncpg.exceptions import PostgresError
from sqlalchemy.exc import SQLAlchemyError

from bot.cluster.leases import LeaseKeeper
from bot.database_check import DatabaseProblem, check_sqlite_location, explain_open_error
from rich.console import Console

from bot.analysis.topics.matcher import Matcher
from bot.delivery.router import Router
from bot.models import Feed, Topic
from bot.reader.fetcher import Fetcher
from bot.settings import Settings
from bot.store import Store

if TYPE_CHECKING:
    from bot.stories import StoryTracker   # loads spaCy: imported at first use
    from bot.websub.subscriber import WebSub

T = TypeVar("T")


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def feeds_from_settings(settings: Settings) -> list[Feed]:
    return [
        Feed(url=f.url, name=f.display_name, interval_s=f.interval_s, backfill=f.backfill, fulltext=f.fulltext,
             adaptive=f.adaptive)
        for f in settings.feeds
    ]


def topics_from_settings(settings: Settings) -> list[Topic]:
    return [
        Topic(name=t.name, query=t.query, channels=tuple(t.channels), mention_role=t.mention_role,
              change_alerts=t.change_alerts)
        for t in settings.topics
    ]


@dataclass
class Runtime:
    settings: Settings
    store: Store
    fetcher: Fetcher
    router: Router
    clock: Callable[[], datetime] = utcnow
    _cpu: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(1, thread_name_prefix="newsbot-cpu"))
    draining: asyncio.Lock = field(default_factory=asyncio.Lock)
    # Set when the service is asked to stop: polling takes no new feed, delivery no new row.
    stopping: asyncio.Event = field(default_factory=asyncio.Event)
    # Readiness probes front ends register ("discord gateway", "slack socket", ...): True when connected.
    probes: dict[str, Callable[[], bool]] = field(default_factory=dict)
    health_checked_at: datetime | None = None    # feed health warnings: last check (bot/feed_health.py)
    websub: WebSub | None = None                  # when [websub] enabled
    leaders: dict[str, Any] = field(default_factory=dict)   # bot.cluster.leader.Leadership by name
    leases: LeaseKeeper | None = None             # renews the leases on feeds and rows in hand
    _matcher_key: tuple[tuple[str, str], ...] | None = None
    _matcher: Matcher | None = None
    _stories: StoryTracker | None = None    # made at first use
    # Work a polling cycle handed off so as not to wait for it (full-text fetches): see `settle`.
    background: set[asyncio.Task] = field(default_factory=set)

    def hand_off(self, coro: Any) -> None:
        """Run `coro` beside the polling cycles; its failure is logged, never raised into a cycle."""
        task = asyncio.get_running_loop().create_task(coro)
        self.background.add(task)
        task.add_done_callback(self._handed_off_done)

    def _handed_off_done(self, task: asyncio.Task) -> None:
        self.background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            logging.getLogger("bot.pipeline").error("background work failed", exc_info=task.exception())

    async def settle(self) -> None:
        """Wait for the work handed off so far (`poll --once` before it delivers, tests)."""
        while self.background:
            await asyncio.gather(*list(self.background), return_exceptions=True)

    @property
    def stories(self) -> StoryTracker:
        """The process's story index (bot/stories.py), rebuilt from the store at first use."""
        if self._stories is None:
            from bot.stories import StoryTracker

            self._stories = StoryTracker(self.store, self.clock, cpu=self.cpu)
        return self._stories

    async def cpu(self, fn: Callable[..., T], *args: Any) -> T:
        """CPU-heavy work (extraction, summaries) off the event loop, one at a time."""
        return await asyncio.get_running_loop().run_in_executor(self._cpu, fn, *args)

    async def matcher_and_topics(self) -> tuple[Matcher, dict[str, Topic]]:
        """The compiled matcher, rebuilt only when topics changed (chat commands can add them)."""
        topics = await self.store.list_topics(None)
        key = tuple((t.name, t.query) for t in topics)
        if key != self._matcher_key:
            self._matcher = Matcher(topics)
            self._matcher_key = key
        return self._matcher, {t.name: t for t in topics}


@contextlib.asynccontextmanager
async def open_store(settings: Settings) -> AsyncIterator[Store]:
    """The configured database, migrated, with the config file's feeds and topics in it."""
    url = settings.database.url
    check_sqlite_location(url)
    store = await Store.open(url, schema=settings.database.schema_)
    try:
        try:
            await store.migrate()
        except (OSError, SQLAlchemyError, PostgresError) as e:   # the first contact with the database
            raise DatabaseProblem(explain_open_error(url, e)) from None
        await store.sync_feeds(feeds_from_settings(settings))
        await store.sync_topics(topics_from_settings(settings))
        yield store
    finally:
        await store.close()


@contextlib.asynccontextmanager
async def open_runtime(settings: Settings, *, router: Router | None = None,
                       console: Console | None = None) -> AsyncIterator[Runtime]:
    """Open the store (migrated, config synced), the guarded fetcher and the delivery router."""
    f = settings.fetch
    async with open_store(settings) as store, Fetcher(
        allow_private=f.allow_private_addresses,
        timeout_s=f.timeout_s,
        max_bytes=f.max_bytes,
        per_host=f.per_host_concurrency,
        user_agent=f.user_agent,
    ) as fetcher:
        rt = Runtime(settings=settings, store=store, fetcher=fetcher, router=router or Router(settings, console=console))
        rt.leases = LeaseKeeper(store, settings.run.lease, lambda: rt.clock())
        rt.leases.start()
        try:
            yield rt
        finally:
            for task in list(rt.background):   # unfinished entries stay unprocessed: resume_unfinished
                task.cancel()
            await asyncio.gather(*list(rt.background), return_exceptions=True)
            await rt.leases.stop()
            rt._cpu.shutdown(wait=False, cancel_futures=True)
            await rt.router.close()
