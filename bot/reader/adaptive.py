"""Adaptive polling: poll a feed about as often as it publishes (Miniflux's entry-frequency rule).

interval = one week / entries per week, clamped between the feed's own `interval` (the floor: a
feed is never polled more often than configured) and `[scheduler] adaptive_max`. The week is the
last seven days, shortened to the span of entries actually seen (at least a day), so a feed added
yesterday that publishes hourly is polled about hourly rather than after a week of evidence.
What the server asks for (max-age, ttl, Retry-After) still applies on top, in `next_check`.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.models import Feed

WEEK = timedelta(days=7)
MIN_SPAN = timedelta(days=1)
RECOMPUTE_AFTER = timedelta(hours=6)   # a quiet feed answering 304 is re-counted this often


def adaptive_interval(*, count: int, oldest: datetime | None, now: datetime,
                      floor_s: int, ceiling_s: float) -> int:
    """Seconds between polls for a feed with `count` entries since `oldest` within the last week."""
    ceiling_s = max(float(floor_s), ceiling_s)
    if count <= 0 or oldest is None:
        return int(ceiling_s)
    span = min(WEEK, max(MIN_SPAN, now - oldest))
    return int(min(max(span.total_seconds() / count, float(floor_s)), ceiling_s))


def is_adaptive(feed: Feed, default: bool) -> bool:
    return default if feed.adaptive is None else feed.adaptive


def needs_recount(feed: Feed, now: datetime, *, changed: bool) -> bool:
    """New entries change the rate at once; otherwise a count a few hours old is good enough."""
    return changed or feed.adaptive_at is None or now - feed.adaptive_at >= RECOMPUTE_AFTER


def effective_interval(feed: Feed) -> int:
    """The interval the scheduler uses for this feed now (shown in `/feeds`). The adaptive value is
    stored only while adaptive polling is on for the feed (the pipeline clears it otherwise)."""
    return max(feed.interval_s, feed.adaptive_interval_s or 0)
