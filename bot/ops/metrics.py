"""Prometheus metrics: one registry per process, counters bumped where the work happens.

Labels are small closed sets (a result, a reason class, a destination kind): never a feed URL, a
channel id, a topic name or anything a chat user typed, so cardinality stays fixed and nothing
private leaks into a scrape. The hot path (a 304) touches pre-bound children only.
"""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram

REGISTRY = CollectorRegistry(auto_describe=True)

# Polling -------------------------------------------------------------------------------------
FEEDS_DUE = Gauge("newsbot_feeds_due", "Feeds claimed for polling by the last cycle.", registry=REGISTRY)
POLLS = Counter("newsbot_feed_polls_total", "Feed polls by result (updated, not_modified, error).",
                ["result"], registry=REGISTRY)
POLL_UPDATED = POLLS.labels("updated")
POLL_NOT_MODIFIED = POLLS.labels("not_modified")
POLL_ERROR = POLLS.labels("error")
POLL_ERRORS = Counter("newsbot_feed_poll_errors_total", "Failed feed polls by reason class.", ["reason"],
                      registry=REGISTRY)
FEEDS_FAILING = Gauge("newsbot_feeds_failing", "Feeds whose last poll failed, by reason class.", ["reason"],
                      registry=REGISTRY)
NOT_MODIFIED_RATIO = Gauge("newsbot_poll_not_modified_ratio",
                           "Share of the last cycle's polls answered 304 Not Modified.", registry=REGISTRY)
POLL_LATENESS = Histogram("newsbot_poll_lateness_seconds", "How long after its due time a feed was claimed.",
                          buckets=(0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800), registry=REGISTRY)
CYCLE_SECONDS = Histogram("newsbot_poll_cycle_seconds", "Wall time of one polling cycle.",
                          buckets=(0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300), registry=REGISTRY)

# Pipeline ------------------------------------------------------------------------------------
ENTRIES = Counter("newsbot_entries_total", "New entries stored.", registry=REGISTRY)
ALERTS = Counter("newsbot_alerts_total", "Alerts created (entry x topic).", registry=REGISTRY)
EXTRACTION_SECONDS = Histogram("newsbot_extraction_seconds", "Figure extraction time per batch of matched entries.",
                               buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30), registry=REGISTRY)

# Delivery ------------------------------------------------------------------------------------
DELIVERIES = Counter("newsbot_deliveries_total", "Delivery attempts by destination kind and outcome.",
                     ["kind", "outcome"], registry=REGISTRY)
RATE_LIMITED = Counter("newsbot_rate_limited_total", "HTTP 429 answers received, by peer kind.", ["peer"],
                       registry=REGISTRY)
OUTBOX_ROWS = Gauge("newsbot_outbox_rows", "Outbox rows by status (read at scrape time).", ["status"],
                    registry=REGISTRY)
OUTBOX_OLDEST_AGE = Gauge("newsbot_outbox_oldest_pending_age_seconds",
                          "Age of the oldest undelivered outbox row (0 when none).", registry=REGISTRY)

# Process -------------------------------------------------------------------------------------
LOOP_LAG = Histogram("newsbot_event_loop_lag_seconds", "How late the event loop woke a periodic timer.",
                     buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5), registry=REGISTRY)
LOOP_LAG_MAX = Gauge("newsbot_event_loop_lag_max_seconds", "Largest event-loop lag over the last minute.",
                     registry=REGISTRY)
DATABASE_UP = Gauge("newsbot_database_up", "1 when the last readiness/scrape query reached the database.",
                    registry=REGISTRY)

# WebSub --------------------------------------------------------------------------------------
WEBSUB_PUSHES = Counter("newsbot_websub_pushes_total", "WebSub content distributions received, by outcome.",
                        ["outcome"], registry=REGISTRY)
WEBSUB_SUBSCRIPTIONS = Gauge("newsbot_websub_subscriptions", "WebSub subscriptions by state.", ["state"],
                             registry=REGISTRY)

REASON_CLASSES = ("timeout", "refused", "connect", "dns", "http_4xx", "http_429", "http_5xx", "too_large",
                  "parse", "other")


def reason_class(reason: str | None, status: int | None = None, *, parse_error: bool = False) -> str:
    """A fixed label for a feed error: the readable reason may quote a host name, the label never does."""
    text = (reason or "").lower()
    if parse_error and not text.startswith("refused"):
        return "parse"
    if status == 429:
        return "http_429"
    if status is not None and 400 <= status < 500:
        return "http_4xx"
    if status is not None and status >= 500:
        return "http_5xx"
    if text.startswith("http 429"):
        return "http_429"
    if text.startswith("http 4"):
        return "http_4xx"
    if text.startswith("http 5"):
        return "http_5xx"
    if "timed out" in text:
        return "timeout"
    if text.startswith("refused"):
        return "refused"
    if text.startswith("cannot resolve"):
        return "dns"
    if text.startswith("cannot connect") or "disconnected" in text:
        return "connect"
    if "larger than" in text:
        return "too_large"
    if text.startswith(("not a feed", "not a readable feed", "empty body", "parsing", "the parser")):
        return "parse"
    return "other"


def destination_kind(destination: str) -> str:
    """`discord:123` -> `discord`: the label names the kind, never the channel or URL."""
    kind = destination.partition(":")[0]
    return kind if kind in ("discord", "slack", "webhook", "apprise", "console") else "other"


def record_failing(counts: dict[str, int]) -> None:
    for reason in REASON_CLASSES:
        FEEDS_FAILING.labels(reason).set(counts.get(reason, 0))


def record_outbox(counts: dict[str, int], oldest_age_s: float | None) -> None:
    for status in ("pending", "paused", "sent", "failed"):
        OUTBOX_ROWS.labels(status).set(counts.get(status, 0))
    OUTBOX_OLDEST_AGE.set(oldest_age_s or 0.0)
