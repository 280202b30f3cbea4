"""The in-process timer: APScheduler ticks; which feeds are due is the store's answer, not the timer's.

Keeping due-times in the database means a restart, or a second process on PostgreSQL, picks up exactly
where the last one left off.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any

from apscheduler.executors.debug import DebugExecutor
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.delivery import outbox
from bot.feed_health import check_feed_health
from bot.pipeline import refresh_due, resume_unfinished
from bot.runtime import Runtime

log = logging.getLogger(__name__)


# How long a stop waits for a polling cycle or a delivery in flight before it hands the rest back.
STOP_GRACE_S = 5.0


class Ticks:
    """The jobs' tasks: APScheduler only says when; the tick runs as a task this class tracks.

    So a stop can wait for the work in flight, then cancel what is left (whose feeds and deliveries
    are handed back), instead of APScheduler cancelling its coroutines and logging each one as a
    failed job. A tick whose previous run is still going is skipped, as max_instances=1 would.
    """

    def __init__(self, rt: Runtime):
        self.rt = rt
        self.running: dict[str, asyncio.Task[None]] = {}

    def start(self, name: str, job: Callable[[Runtime], Coroutine[Any, Any, None]]) -> None:
        if self.rt.stopping.is_set() or (name in self.running and not self.running[name].done()):
            return
        task = asyncio.get_running_loop().create_task(job(self.rt), name=f"tick:{name}")
        task.add_done_callback(_log_failure)
        self.running[name] = task

    async def stop(self, grace_s: float = STOP_GRACE_S, hurry: asyncio.Event | None = None) -> None:
        """Let work in flight finish for up to `grace_s` (or until `hurry`), then cancel what is left:
        it hands its feeds and deliveries back on the way out."""
        self.rt.stopping.set()
        late = {t for t in self.running.values() if not t.done()}
        hurried = asyncio.ensure_future((hurry or asyncio.Event()).wait())
        deadline = asyncio.get_running_loop().time() + grace_s
        try:
            while late and not hurried.done():
                remaining = deadline - asyncio.get_running_loop().time()
                if remaining <= 0:
                    break
                done, _ = await asyncio.wait(late | {hurried}, timeout=remaining,
                                             return_when=asyncio.FIRST_COMPLETED)
                late -= done
        finally:
            hurried.cancel()
        for t in late:
            t.cancel()
        await asyncio.gather(*late, return_exceptions=True)


def _log_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and (exc := task.exception()) is not None:
        log.error("%s failed", task.get_name(), exc_info=exc)


def build_scheduler(rt: Runtime, ticks: Ticks | None = None) -> AsyncIOScheduler:
    """The jobs of this process's `[run] role`: polling (all, poll) and delivery (all, deliver)."""
    ticks = ticks or Ticks(rt)
    # The debug executor calls the job in the loop at once: our job only starts a tracked task.
    scheduler = AsyncIOScheduler(timezone="UTC", executors={"default": DebugExecutor()})
    s, run = rt.settings.scheduler, rt.settings.run
    if run.polls:
        scheduler.add_job(ticks.start, "interval", seconds=s.tick, args=["poll", poll_tick], id="poll",
                          coalesce=True, next_run_time=rt.clock())
    if run.delivers:
        scheduler.add_job(ticks.start, "interval", seconds=s.outbox_tick, args=["outbox", outbox_tick],
                          id="outbox", coalesce=True, next_run_time=rt.clock())
    return scheduler


async def poll_tick(rt: Runtime) -> None:
    # Every tick, not once per start: a crash and a restart within the grace period must lose nothing.
    try:
        if resumed := await resume_unfinished(rt):
            log.warning("re-processed entries left unfinished by a crash: %d alerts", resumed)
    except Exception:
        log.exception("resuming unfinished entries failed")
    stats = await refresh_due(rt)
    if rt.websub is not None:
        try:
            await rt.websub.maintain(rt.clock())
        except Exception:
            log.exception("websub maintenance failed")
    if stats.feeds:
        log.info("%s", stats.summary())
    if stats.alerts and rt.settings.run.delivers:
        await outbox_tick(rt)


async def outbox_tick(rt: Runtime) -> None:
    """Send what the outbox holds, then the feed health notices (they go straight to the channels)."""
    if rt.draining.locked():          # the timer and a poll that found alerts must not drain at once
        return
    try:
        async with rt.draining:
            await outbox.drain(rt.store, rt.router, rt.clock(), lease_s=rt.settings.run.lease, leases=rt.leases,
                               stop=rt.stopping)
    except Exception:
        log.exception("outbox drain failed")
    try:
        await check_feed_health(rt, rt.clock())
    except Exception:
        log.exception("feed health check failed")


async def run_forever(rt: Runtime, stop: asyncio.Event, *, grace_s: float = STOP_GRACE_S,
                      hurry: asyncio.Event | None = None) -> None:
    """Tick until `stop` is set; then no new tick starts, and the ticks in flight finish or hand back
    (at once when `hurry` is set: a second Ctrl-C)."""
    ticks = Ticks(rt)
    scheduler = build_scheduler(rt, ticks)
    scheduler.start()
    try:
        await stop.wait()
    finally:
        scheduler.shutdown(wait=False)
        await ticks.stop(grace_s, hurry)
