"""One feed, from fetch to outbox. Reads top to bottom, one call per stage:

fetch -> parse -> store (only new entries come back) -> match -> full text -> extract -> summarise -> alert -> outbox
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.analysis.claims import ClaimRecord, build_ledger, change_line
from bot.analysis.summarize import summarize
from bot.feed_moves import follow_permanent_redirect
from bot.models import Alert, Entry, Feed, Figure, Match, PollStats, Topic
from bot.ops import metrics
from bot.ops.json_logs import log_ids
from bot.reader.adaptive import adaptive_interval, effective_interval, is_adaptive, needs_recount
from bot.reader.fetcher import FetchError
from bot.reader.fulltext import fetch_fulltext, is_teaser
from bot.reader.parse_isolated import parse_feed_isolated
from bot.reader.parser import FeedParseError
from bot.reader.schedule import next_check
from bot.redact import redact
from bot.runtime import Runtime
from bot.store.cycle_batch import FetchedFeed
from bot.store.cycle_writer import CycleWriter
from bot.websub.discovery import discover

if TYPE_CHECKING:                # spaCy loads with the extractor; only the worker imports it
    from bot.analysis.figures.extract import Extraction

log = logging.getLogger(__name__)
MAX_FIGURES_PER_ALERT = 8
MAX_CHANGES_PER_ALERT = 4
CLAIM_MEMORY = timedelta(days=90)     # how far back a moved figure is compared


@dataclass
class Cycle:
    """One polling cycle. Next checks count from its start, so a feed is due again exactly one
    interval later; its writes (new entries, feed states, 304s, processed marks) go to the store in
    batches of whatever finished together (`CycleWriter`), not one transaction per feed."""

    now: datetime
    writer: CycleWriter
    stats: PollStats = field(default_factory=PollStats)
    hands_off: bool = True      # slow work (full-text pages) runs beside the cycle, not inside it
    _topics: tuple[Any, dict[str, Topic]] | None = None
    _topics_lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    async def matcher_and_topics(self, rt: Runtime) -> tuple[Any, dict[str, Topic]]:
        """Topics are read once per cycle (chat commands may change them between cycles)."""
        async with self._topics_lock:
            if self._topics is None:
                self._topics = await rt.matcher_and_topics()
        return self._topics


async def refresh_feed(rt: Runtime, feed: Feed, stats: PollStats | None = None, *,
                       cycle: Cycle | None = None) -> list[Alert]:
    """Poll one feed; a failure is recorded on the feed and never raised to the scheduler."""
    if cycle is None:   # one feed on its own (tests, `feeds add`): a cycle of one
        now = rt.clock()
        cycle = Cycle(now, CycleWriter(rt.store, now), stats if stats is not None else PollStats(),
                      hands_off=False)   # nothing else waits: full text inline, alerts returned
        try:
            return await refresh_feed(rt, feed, cycle=cycle)
        finally:
            await cycle.writer.close()
    stats, now = cycle.stats, cycle.now
    stats.feeds += 1
    try:
        result = await rt.fetcher.fetch_feed(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        await follow_permanent_redirect(rt.store, feed, result, now)
        if result.status == 304:
            stats.not_modified += 1
            metrics.POLL_NOT_MODIFIED.inc()
            interval_s = await poll_interval(rt, feed, now, changed=False)
            cycle.writer.checked(feed.id, next_check(now, interval_s=interval_s, max_age_s=result.max_age_s,
                                                     retry_after_s=result.retry_after_s))
            return []
        parsed = await parse_feed_isolated(result.body or b"", result.final_url or feed.url,
                                           timeout_s=rt.settings.fetch.parse_timeout_s,
                                           content_type=result.content_type,
                                           max_text_chars=rt.settings.fetch.max_entry_chars)
    except (FetchError, FeedParseError) as e:
        status = getattr(e, "status", None)
        metrics.POLL_ERRORS.labels(metrics.reason_class(e.reason, status,
                                                        parse_error=isinstance(e, FeedParseError))).inc()
        if status == 429:
            metrics.RATE_LIMITED.labels("feed").inc()
        return await _record_error(rt, feed, e.reason, getattr(e, "retry_after_s", None), now, stats)
    for e in parsed.entries:
        if e.text_cut:
            log.warning("feed %s: entry %s cut to %d characters (%d or more dropped)", feed.url, e.uid[:120],
                        rt.settings.fetch.max_entry_chars, e.text_cut)

    if rt.websub is not None and (hub := discover(result.link_header, parsed, feed.url)):
        rt.websub.discovered(feed.id, *hub)

    def due(interval_s: int) -> datetime:
        return next_check(now, interval_s=interval_s, max_age_s=result.max_age_s, ttl_s=parsed.ttl_s,
                          retry_after_s=result.retry_after_s)

    estimate = effective_interval(feed) if is_adaptive(feed, rt.settings.scheduler.adaptive) else feed.interval_s
    new = await cycle.writer.store_fetched(FetchedFeed(
        feed, parsed.entries, etag=result.etag, last_modified=result.last_modified, next_check_at=due(estimate)))
    interval_s = await poll_interval(rt, feed, now, changed=bool(new))   # adaptive: counted with the new entries
    if interval_s != estimate:
        cycle.writer.checked(feed.id, due(interval_s))
    stats.new_entries += len(new)
    metrics.ENTRIES.inc(len(new))
    metrics.POLL_UPDATED.inc()
    alerts = await process_entries(rt, feed, new, cycle=cycle) if new else []
    stats.alerts += len(alerts)
    return alerts


async def poll_interval(rt: Runtime, feed: Feed, now: datetime, *, changed: bool) -> int:
    """Seconds until the next poll before what the server asks: the feed's own interval, longer when
    adaptive polling says it publishes less often, and at least `[websub] poll_interval` while its
    publisher pushes to us."""
    interval = await _own_interval(rt, feed, now, changed=changed)
    pushed = rt.websub.push_interval(feed.id, now) if rt.websub is not None else None
    return max(interval, int(pushed)) if pushed else interval


async def _own_interval(rt: Runtime, feed: Feed, now: datetime, *, changed: bool) -> int:
    """The feed's `interval`, or the adaptive one (re-counted when it changed, else every few hours)."""
    if not is_adaptive(feed, rt.settings.scheduler.adaptive) or feed.id is None:
        if feed.adaptive_interval_s is not None and feed.id is not None:   # adaptive was switched off
            await rt.store.set_adaptive_interval(feed.id, None, now)
        return feed.interval_s
    if not needs_recount(feed, now, changed=changed):
        return max(feed.interval_s, feed.adaptive_interval_s or 0)
    count, oldest = await rt.store.publishing_window(feed.id, now)
    interval = adaptive_interval(count=count, oldest=oldest, now=now, floor_s=feed.interval_s,
                                 ceiling_s=rt.settings.scheduler.adaptive_max)
    await rt.store.set_adaptive_interval(feed.id, interval, now)
    return interval


def feed_label(feed: Feed) -> str:
    """A feed as a person can find it: its URL, after its name when the name says more than the host."""
    url = redact(feed.url)
    return url if feed.name and feed.name in url else f"{feed.name} ({url})"


async def refresh_from_push(rt: Runtime, feed: Feed, body: bytes, content_type: str | None) -> list[Alert]:
    """A WebSub push is the publisher's fresh copy of the feed: the same isolated parse, store,
    match and alert as a polled copy (the fetch is what the hub did for us). Validators and the
    next poll time stay as the last poll left them."""
    try:
        parsed = await parse_feed_isolated(body, feed.url, timeout_s=rt.settings.fetch.parse_timeout_s,
                                           content_type=content_type,
                                           max_text_chars=rt.settings.fetch.max_entry_chars)
    except FeedParseError as e:
        log.warning("websub push for %s not used: %s", feed.name, e.reason, extra=log_ids(feed_id=feed.id))
        return []
    new = await rt.store.add_entries(feed, parsed.entries)
    metrics.ENTRIES.inc(len(new))
    return await process_entries(rt, feed, new) if new else []


async def _record_error(rt: Runtime, feed: Feed, reason: str, retry_after_s: float | None,
                        now: datetime, stats: PollStats) -> list[Alert]:
    stats.errors += 1
    metrics.POLL_ERROR.inc()
    stats.messages.append(f"{feed_label(feed)}: {reason}")
    # INFO: `run` shows newsbot's INFO lines; `poll --once` lists the failures itself, once.
    log.info("feed %s failed: %s", feed.url, reason, extra=log_ids(feed_id=feed.id))
    await rt.store.record_fetch_error(
        feed.id, error=reason, failed_at=now,
        next_check_at=next_check(now, interval_s=feed.interval_s, retry_after_s=retry_after_s,
                                 error_count=feed.error_count + 1))
    return []


async def process_entries(rt: Runtime, feed: Feed, entries: list[Entry], *,
                          cycle: Cycle | None = None) -> list[Alert]:
    """New entries of one feed -> stored alerts queued for delivery."""
    matcher, topics = await (cycle.matcher_and_topics(rt) if cycle else rt.matcher_and_topics())
    matched = [(e, m) for e in entries if (m := matcher.match(e))]
    if not matched:
        await _mark_processed(rt, cycle, [e.id for e in entries])
        return []
    if cycle is not None and cycle.hands_off and any(_wants_full_text(feed, e) for e, _ in matched):
        # Teaser pages can be slow: fetching them must not hold up the cycle's other feeds. The
        # entries stay unprocessed until their alerts are queued, so a crash meanwhile loses nothing.
        rt.hand_off(_alert(rt, feed, entries, matched, topics, None, count_in=cycle.stats))
        return []
    return await _alert(rt, feed, entries, matched, topics, cycle)


async def _alert(rt: Runtime, feed: Feed, entries: list[Entry], matched: list[tuple[Entry, list[Match]]],
                 topics: dict[str, Topic], cycle: Cycle | None, *, count_in: PollStats | None = None) -> list[Alert]:
    """Matched entries -> full text where wanted (all at once, bounded per host by the fetcher),
    figures, alerts queued; then every entry of the batch is done."""
    story_of = await place_in_stories(rt, [e for e, _ in matched])
    texts = await asyncio.gather(*(_with_full_text(rt, feed, e) for e, _ in matched))
    matched = [(entry, m) for entry, (_, m) in zip(texts, matched)]
    started = time.perf_counter()
    extractions = await rt.cpu(_extract, [_figure_text(e) for e, _ in matched])
    metrics.EXTRACTION_SECONDS.observe(time.perf_counter() - started)
    alerts: list[Alert] = []
    for (entry, matches), found in zip(matched, extractions):
        figs = found.figures
        await rt.store.add_figures(entry.id, figs)
        for match in matches:
            topic = topics.get(match.topic)
            if topic is None:
                continue
            changes = await figure_changes(rt, topic, feed, entry, figs) if topic.change_alerts else ()
            alert = await rt.store.add_alert(replace(_build_alert(feed, entry, topic, match, figs, found.skipped),
                                                     changes=changes, story_id=story_of.get(entry.id)))
            if alert is None:      # already alerted for this entry and topic (another process won)
                continue
            await rt.store.enqueue(alert.id, list(topic.channels))
            metrics.ALERTS.inc()
            log.info("alert %s queued for %s", alert.id, topic.name,
                     extra=log_ids(feed_id=feed.id, entry_id=entry.id, alert_id=alert.id))
            alerts.append(alert)
    # Only now is an entry done: a crash before this line re-processes it (see resume_unfinished).
    await _mark_processed(rt, cycle, [e.id for e in entries])
    if count_in is not None:   # handed off: the cycle's counters learn of its alerts now
        count_in.alerts += len(alerts)
    return alerts


async def _mark_processed(rt: Runtime, cycle: Cycle | None, entry_ids: list[int]) -> None:
    if cycle is not None:
        cycle.writer.processed(entry_ids)   # written with the cycle's next batch
    else:
        await rt.store.mark_processed(entry_ids)


async def place_in_stories(rt: Runtime, entries: list[Entry]) -> dict[int, int]:
    """Entry id -> story id; only entries that matched a topic need one (nobody sees the others).
    Clustered on the feed's own title and lead, as `newsbot stories` does, before any full text."""
    terms = await rt.cpu(_story_terms, [(e.title, e.text) for e in entries])
    return await rt.stories.place(entries, terms)


def _story_terms(items: list[tuple[str, str]]) -> list[frozenset[str]]:
    """In the CPU thread: the import (spaCy, wordfreq's tables) and the parse stay off the loop."""
    from bot.analysis.stories import story_terms_many

    return story_terms_many(items)


async def figure_changes(rt: Runtime, topic: Topic, feed: Feed, entry: Entry,
                         figures: list[Figure]) -> tuple[str, ...]:
    """One line per figure of the entry that moves one of the topic's quantities: a source's new
    value, or another source contradicting the latest ("NIS now says 12,000 troops (was ~11,000
    per Budanov, 21 Oct)"). Repetitions and agreement say nothing."""
    if not figures:
        return ()
    when = entry.published or rt.clock()
    history = [c for c in await rt.store.claim_records(topic.name, since=when - CLAIM_MEMORY)
               if c.entry_id != entry.id]
    new = [ClaimRecord(value=f.value, value_max=f.value_max, unit=f.unit, approx=f.approx, bound=f.bound,
                       what=f.what, source=f.source, outlet=feed.name, when=when, entry_id=entry.id)
           for f in figures]
    ledger, names = build_ledger(history + new)
    lines = [change_line(line, names) for lines in ledger.values() for line in lines
             if line.claim.entry_id == entry.id]
    return tuple(dict.fromkeys(line for line in lines if line))[:MAX_CHANGES_PER_ALERT]


async def resume_unfinished(rt: Runtime, *, grace_s: float = 120.0) -> int:
    """Entries stored but never processed (the process died in between) get their alerts now.

    `grace_s` leaves alone entries another process may be working on this very moment.
    """
    pending = await rt.store.unprocessed_entries(seen_before=rt.clock() - timedelta(seconds=grace_s))
    by_feed: dict[int, list[Entry]] = {}
    for e in pending:
        by_feed.setdefault(e.feed_id, []).append(e)
    count = 0
    for feed_id, entries in by_feed.items():
        feed = await rt.store.get_feed(feed_id)
        if feed is None:
            await rt.store.mark_processed([e.id for e in entries])
            continue
        count += len(await process_entries(rt, feed, entries))
    return count


def _wants_full_text(feed: Feed, entry: Entry) -> bool:
    return bool(feed.fulltext and entry.link and is_teaser(entry))


async def _with_full_text(rt: Runtime, feed: Feed, entry: Entry) -> Entry:
    if not _wants_full_text(feed, entry):
        return entry
    text = await fetch_fulltext(rt.fetcher, entry.link)
    if not text:
        return entry
    await rt.store.set_entry_text(entry.id, text)
    return replace(entry, text=text)


def _figure_text(entry: Entry) -> str:
    return entry.text or entry.title


def _extract(texts: list[str]) -> list[Extraction]:
    from bot.analysis.figures.extract import extract_texts

    return extract_texts(texts)


def _build_alert(feed: Feed, entry: Entry, topic: Topic, match: Match, figures: list[Figure],
                 figures_note: str | None = None) -> Alert:
    terms = [t for hits in match.why.values() for t in hits]
    summary = summarize(entry.title, entry.text, terms, [(f.start, f.end) for f in figures])
    return Alert(entry=entry, feed_name=feed.name, topic=topic, why=match.why, summary=summary,
                 figures=tuple(rank_figures(figures)[:MAX_FIGURES_PER_ALERT]), figures_note=figures_note)


def rank_figures(figures: list[Figure]) -> list[Figure]:
    """Attributed figures first (who says so is the point), then by position in the text."""
    return sorted(figures, key=lambda f: (f.source is None, f.what is None, f.start))


async def refresh_due(rt: Runtime, *, limit: int | None = None, only_due: bool = True) -> PollStats:
    """One cycle over due feeds, fetched concurrently; one slow feed never holds up the rest."""
    now = rt.clock()
    cycle = Cycle(now, CycleWriter(rt.store, now))
    # Claimed feeds are leased to this process (renewed while it works, cleared by each result);
    # feeds due within half a tick are taken now rather than a whole tick late.
    feeds = await rt.store.due_feeds(now, limit or rt.settings.scheduler.batch, lease_s=rt.settings.run.lease,
                                     horizon_s=rt.settings.scheduler.tick / 2) \
        if only_due else await rt.store.list_feeds(None)
    _observe_claimed(feeds, cycle.now)
    queue = iter(feeds)
    # Claimed and not done: handed back if the service stops (or this cycle is cancelled) first.
    unfinished = {f.id: f for f in feeds} if only_due else {}

    async def worker() -> None:
        # A fixed set of workers pulling from one iterator: no task or semaphore wake-up per feed.
        for feed in queue:
            if rt.stopping.is_set():
                return
            try:
                await refresh_feed(rt, feed, cycle=cycle)
            except Exception:   # a bug in one feed's processing must not stop the cycle
                log.exception("refreshing %s failed", feed.url, extra=log_ids(feed_id=feed.id))
                cycle.stats.errors += 1
            unfinished.pop(feed.id, None)

    started = time.perf_counter()
    holding = rt.leases.holding_feeds(f.id for f in feeds) if rt.leases else contextlib.nullcontext()
    with holding:
        try:
            await asyncio.gather(*(worker() for _ in range(min(rt.settings.fetch.concurrency, len(feeds)))))
        finally:
            await cycle.writer.close()
            if unfinished:     # due again at once for the next start (or another process), not after the lease
                await rt.store.release_feeds(list(unfinished))
    if feeds:
        metrics.CYCLE_SECONDS.observe(time.perf_counter() - started)
        metrics.NOT_MODIFIED_RATIO.set(cycle.stats.not_modified / cycle.stats.feeds if cycle.stats.feeds else 0)
    return cycle.stats


def _observe_claimed(feeds: list[Feed], now: datetime) -> None:
    """Feeds due and how late each was claimed (its due time to this cycle's start)."""
    metrics.FEEDS_DUE.set(len(feeds))
    for feed in feeds:
        if feed.next_check_at is not None:
            metrics.POLL_LATENESS.observe(max(0.0, (now - feed.next_check_at).total_seconds()))
