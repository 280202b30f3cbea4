"""When to poll a feed next: never sooner than the server asked, backing off while it fails."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

MAX_BACKOFF_S = 24 * 3600


def next_check(
    now: datetime,
    *,
    interval_s: int,
    max_age_s: int | None = None,
    ttl_s: int | None = None,
    retry_after_s: float | None = None,
    error_count: int = 0,
    jitter_key: str | None = None,
) -> datetime:
    """The next poll time.

    Success (error_count == 0): now + the largest of interval, Cache-Control max-age, RSS <ttl>
    and Retry-After. Failure: interval * 2**(errors-1), capped at 24 h (or the interval, if that is
    longer), and never sooner than Retry-After. What a server asks for is capped at that same
    ceiling, so a hostile `max-age=999999999` cannot switch a feed off. `jitter_key` (e.g. the feed URL) adds up to 10% of
    the delay, derived from the key so it is deterministic: feeds added together drift apart
    instead of all hitting the network on the same tick.
    """
    interval_s = max(1, int(interval_s))
    ceiling = max(MAX_BACKOFF_S, interval_s)   # a server cannot switch a feed off for a year
    asked = min(float(max(max_age_s or 0, ttl_s or 0, retry_after_s or 0)), ceiling)
    if error_count <= 0:
        delay = max(float(interval_s), asked)
    else:
        backoff = interval_s * 2.0 ** min(error_count - 1, 32)
        delay = max(min(backoff, ceiling), min(retry_after_s or 0, ceiling))
    if jitter_key:
        digest = hashlib.sha1(jitter_key.encode("utf-8", "replace")).digest()
        delay += delay * 0.1 * (int.from_bytes(digest[:4], "big") / 2**32)
    return now + timedelta(seconds=delay)
