"""next_check: polite on success (interval, max-age, ttl, Retry-After), backing off on errors."""

from datetime import UTC, datetime, timedelta

from bot.reader.headers import cache_max_age, retry_after
from bot.reader.schedule import MAX_BACKOFF_S, next_check

NOW = datetime(2026, 11, 27, 12, 0, tzinfo=UTC)


def delay(**kw) -> float:
    return (next_check(NOW, **kw) - NOW).total_seconds()


def test_success_waits_for_the_longest_of_interval_max_age_ttl_and_retry_after():
    assert delay(interval_s=300) == 300
    assert delay(interval_s=300, max_age_s=60) == 300            # never sooner than the interval
    assert delay(interval_s=300, max_age_s=900) == 900
    assert delay(interval_s=300, ttl_s=3600, max_age_s=900) == 3600
    assert delay(interval_s=300, retry_after_s=7200.5) == 7200.5


def test_errors_double_the_wait_up_to_a_day():
    waits = [delay(interval_s=300, error_count=n) for n in range(1, 12)]
    assert waits[:4] == [300, 600, 1200, 2400]
    assert all(b >= a for a, b in zip(waits, waits[1:]))
    assert waits[-1] == MAX_BACKOFF_S
    assert delay(interval_s=300, error_count=10_000) == MAX_BACKOFF_S   # no overflow


def test_an_error_never_retries_sooner_than_retry_after():
    assert delay(interval_s=60, error_count=1, retry_after_s=600) == 600


def test_a_hostile_server_cannot_switch_a_feed_off():
    assert delay(interval_s=300, max_age_s=10**9) == MAX_BACKOFF_S
    assert delay(interval_s=300, retry_after_s=10**9, error_count=1) == MAX_BACKOFF_S
    assert delay(interval_s=2 * MAX_BACKOFF_S, max_age_s=10**9) == 2 * MAX_BACKOFF_S


def test_jitter_is_deterministic_and_small():
    a = delay(interval_s=1000, jitter_key="https://a.example/feed")
    b = delay(interval_s=1000, jitter_key="https://b.example/feed")
    assert a == delay(interval_s=1000, jitter_key="https://a.example/feed")
    assert 1000 <= a <= 1100 and 1000 <= b <= 1100 and a != b


def test_result_is_timezone_aware():
    assert next_check(NOW, interval_s=5).tzinfo is not None


def test_cache_headers_are_read_leniently():
    assert cache_max_age("public, max-age=600, must-revalidate") == 600
    assert cache_max_age('max-age="30"') == 30
    assert cache_max_age("s-maxage=10, no-cache") is None
    assert cache_max_age(None) is None
    assert retry_after("120") == 120
    assert retry_after("Fri, 27 Nov 2026 12:05:00 GMT", now=NOW) == 300
    assert retry_after("Fri, 27 Nov 2026 11:00:00 GMT", now=NOW) == 0
    assert retry_after("soon") is None and retry_after("") is None
