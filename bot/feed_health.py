"""Feed health in the channel: one warning when a feed a topic depends on has failed for a while,
one notice when it recovers, instead of silence (or a message per failed poll).

A topic depends on a feed that has alerted for it, and on every feed its own server or workspace
added from chat. The warning is claimed in the database before it is sent (several processes warn
once between them); it goes straight to the destinations, not through the outbox, so a channel that
cannot be reached at that moment misses the notice, and `/feeds status` still shows the failure.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import datetime, timedelta

from bot.models import Alert, Entry, Feed
from bot.ops.json_logs import log_ids, safe_destination
from bot.app.durations import format_interval
from bot.redact import redact

log = logging.getLogger(__name__)
CHECK_EVERY = timedelta(minutes=1)


async def check_feed_health(rt, now: datetime) -> int:
    """Send due warnings and recovery notices; returns how many messages went out."""
    settings = rt.settings.health
    if not settings.feed_warnings:
        return 0
    if rt.health_checked_at is not None and now - rt.health_checked_at < CHECK_EVERY:
        return 0
    rt.health_checked_at = now
    sent = 0
    for feed in await rt.store.claim_feed_warnings(failing_before=now - timedelta(seconds=settings.warn_after),
                                                   now=now):
        sent += await _notify(rt, feed, _warning(feed, now), now)
    for feed in await rt.store.claim_feed_recoveries():
        sent += await _notify(rt, feed, _recovery(feed), now)
    return sent


def _warning(feed: Feed, now: datetime) -> tuple[str, str]:
    since = feed.failing_since or now
    hours = format_interval(int((now - since).total_seconds()))
    return (f"⚠️ Feed “{feed.name}” has been failing for {hours}",
            f"Its last error: {feed.last_error or 'unknown'}. Alerts from this feed are missing until it "
            "recovers; newsbot keeps retrying and will post here once it does. /feeds status lists "
            "every failing feed.")


def _recovery(feed: Feed) -> tuple[str, str]:
    return (f"✅ Feed “{feed.name}” works again",
            "It was polled successfully; alerts from it resume with its next new items.")


async def _notify(rt, feed: Feed, text: tuple[str, str], now: datetime) -> int:
    title, summary = text
    sent = 0
    for topic, destination in await rt.store.destinations_depending_on(feed):
        sender = rt.router.get(destination)
        if sender is None:
            log.warning("feed health notice for %s not sent: %s is not served by this process",
                        feed.name, safe_destination(destination), extra=log_ids(feed_id=feed.id))
            continue
        notice = Alert(entry=Entry(uid=f"health:{feed.id}", title=redact(title), text=summary, published=now),
                       feed_name="newsbot", topic=replace(topic, mention_role=None), why={},
                       summary=redact(summary))
        nonce = f"nb-h{feed.id}-{_base36(int(now.timestamp()))}"[:25]
        try:
            await sender.send(notice, nonce)
            sent += 1
        except Exception as e:      # a notice is best effort: never let it break the polling tick
            log.warning("feed health notice to %s failed: %s", safe_destination(destination), redact(str(e)),
                        extra=log_ids(feed_id=feed.id, destination=destination))
    return sent


def _base36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


__all__ = ["check_feed_health"]
