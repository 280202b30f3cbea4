"""The in-process timer: APScheduler ticks; which feeds are due is the store's answer, not the timer's.

Keeping due-times in the database means a restart, or a second process on PostgreSQL, picks up exactly
where the last one left off.
"""

from __future__ import annotations

import asyncio
import logging

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.delivery import outbox
from bot.feed_health import check_feed_health
from bot.pipeline import refresh_due, resume_unfinished
from bot.runtime import Runtime

log = logging.getLogger(__name__)


def build_scheduler(rt: Runtime) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone="UTC")
    s = rt.settings.scheduler
    # max_instances=1 + coalesce: a slow cycle is never stacked on top of itself.
    scheduler.add_job(poll_tick, "interval", seconds=s.tick, args=[rt], id="poll", max_instances=1,
                      coalesce=True, next_run_time=rt.clock())
    scheduler.add_job(outbox_tick, "interval", seconds=s.outbox_tick, args=[rt], id="outbox",
                      max_instances=1, coalesce=True, next_run_time=rt.clock())
    return scheduler


async def poll_tick(rt: Runtime) -> None:
    # Every tick, not once per start: a crash and a restart within the grace period must lose nothing.
    try:
        if resumed := await resume_unfinished(rt):
            log.warning("re-processed entries left unfinished by a crash: %d alerts", resumed)
    except Exception:
        log.exception("resuming unfinished entries failed")
    stats = await refresh_due(rt)
    try:
        await check_feed_health(rt, rt.clock())
    except Exception:
        log.exception("feed health check failed")
    if stats.feeds:
        log.info("polled %d feeds: %d not modified, %d errors, %d new entries, %d alerts",
                 stats.feeds, stats.not_modified, stats.errors, stats.new_entries, stats.alerts)
    if stats.alerts:
        await outbox_tick(rt)


async def outbox_tick(rt: Runtime) -> None:
    if rt.draining.locked():          # the timer and a poll that found alerts must not drain at once
        return
    try:
        async with rt.draining:
            await outbox.drain(rt.store, rt.router, rt.clock())
    except Exception:
        log.exception("outbox drain failed")


async def run_forever(rt: Runtime, stop: asyncio.Event) -> None:
    scheduler = build_scheduler(rt)
    scheduler.start()
    try:
        await stop.wait()
    finally:
        scheduler.shutdown(wait=False)
