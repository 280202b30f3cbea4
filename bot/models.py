"""Frozen types shared by every stage; stages talk only in these, never in each other's."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

# What a qualifier says about a figure ("more than 3%" is more_than, "up to 2,000" up_to).
Bound = Literal["exact", "about", "at_least", "more_than", "at_most", "less_than", "up_to", "range"]
BOUNDS: tuple[str, ...] = ("exact", "about", "at_least", "more_than", "at_most", "less_than", "up_to", "range")


class FigureKind(StrEnum):
    """What sort of quantity a figure is; claims are compared only within one kind."""

    COUNT = "count"          # people, things, events: no unit
    MONEY = "money"          # an ISO 4217 code as unit
    PERCENT = "percent"      # "%"
    POINTS = "points"        # percentage points ("pp") or basis points ("bp")
    MEASURE = "measure"      # a physical unit: "km", "t", "magnitude"
    RATIO = "ratio"          # "1 in 4": the value is the share (0.25)

    @classmethod
    def of_unit(cls, unit: str | None) -> FigureKind:
        """The kind a unit implies (a figure's unit is enough to know its kind)."""
        if unit is None:
            return cls.COUNT
        if unit == "%":
            return cls.PERCENT
        if unit in ("pp", "bp"):
            return cls.POINTS
        if unit == "ratio":
            return cls.RATIO
        if len(unit) == 3 and unit.isalpha() and unit.isupper():
            return cls.MONEY
        return cls.MEASURE


# A new feed's first poll lets at most this many of its newest items alert: more would flood a channel.
MAX_BACKFILL = 50


@dataclass(frozen=True)
class Feed:
    """A feed as configured plus the polling state the store keeps for it."""

    url: str
    name: str
    interval_s: int = 300
    backfill: int = 0          # on the first poll, the newest N entries may alert
    fulltext: bool = False     # fetch the linked page when the feed gives only a teaser
    guild: str | None = None   # chat workspace/server that added it (quotas); None = config file
    id: int | None = None
    etag: str | None = None
    last_modified: str | None = None
    next_check_at: datetime | None = None
    last_fetched_at: datetime | None = None  # None: never fetched successfully => first poll
    error_count: int = 0
    last_error: str | None = None
    enabled: bool = True
    adaptive: bool | None = None             # None: [scheduler] adaptive decides
    adaptive_interval_s: int | None = None   # interval derived from how often it publishes
    adaptive_at: datetime | None = None      # when that was last derived
    failing_since: datetime | None = None    # start of the current run of failures
    moved_to: str | None = None              # a 301/308 target seen at the last polls (not moved yet)
    moved_from: str | None = None            # the address it had before a permanent redirect moved it
    moved_at: datetime | None = None


@dataclass(frozen=True)
class Entry:
    """One feed item, normalised. `uid` is the stable identity used for de-duplication."""

    uid: str
    title: str
    text: str                   # plain text of content or summary, no HTML
    link: str | None = None
    published: datetime | None = None   # timezone-aware UTC
    author: str | None = None
    feed_id: int | None = None
    id: int | None = None
    content_hash: str = ""      # hash of title+text: detects edits under the same uid
    text_cut: int = 0           # characters dropped from the text at parse time (the cap), at least


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    entries: tuple[Entry, ...]
    ttl_s: int | None = None    # RSS <ttl> in seconds
    hub: str | None = None      # WebSub hub the feed advertises (<link rel="hub">)
    self_url: str | None = None # the feed's own URL as it states it (<link rel="self">), the WebSub topic


@dataclass(frozen=True)
class Topic:
    name: str
    query: str
    channels: tuple[str, ...] = ()   # "discord:<id>", "slack:<id>", "webhook:<name>", "apprise:<url>", "console"
    mention_role: str | None = None  # the only mention an alert may carry (Discord role id)
    guild: str | None = None
    id: int | None = None
    change_alerts: bool = True       # say when a figure of this topic moved


@dataclass(frozen=True)
class Match:
    """Why an entry matched a topic: {"title": [terms...], "text": [terms...]}."""

    topic: str
    why: dict[str, list[str]]


@dataclass(frozen=True)
class Figure:
    """One quantity the text asserts; docs/FIGURES.md says what each field means."""

    value: float
    value_max: float | None
    unit: str | None
    approx: bool
    what: str | None
    source: str | None
    sentence: str
    start: int
    end: int
    bound: Bound = "exact"

    @property
    def kind(self) -> FigureKind:
        return FigureKind.of_unit(self.unit)

    def to_json(self) -> dict[str, Any]:
        v = self.value
        vm = self.value_max
        return {
            "value": int(v) if float(v).is_integer() else v,
            "value_max": (int(vm) if vm is not None and float(vm).is_integer() else vm),
            "unit": self.unit,
            "approx": self.approx,
            "bound": self.bound,
            "what": self.what,
            "source": self.source,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
        }


@dataclass(frozen=True)
class Alert:
    """What gets delivered: one entry matched by one topic, with its summary and figures."""

    entry: Entry
    feed_name: str
    topic: Topic
    why: dict[str, list[str]]
    summary: str
    figures: tuple[Figure, ...] = ()
    id: int | None = None
    created_at: datetime | None = None
    changes: tuple[str, ...] = ()       # "NIS now says 12,000 troops (was ~11,000 per Budanov, 21 Oct)"
    story_id: int | None = None         # the event it reports, across outlets (analysis/stories)
    figures_note: str | None = None     # why the text has no figures ("not in English (pt)"), else None


@dataclass(frozen=True)
class Delivery:
    """One row of the outbox: an alert bound for one destination."""

    id: int
    alert_id: int
    destination: str
    nonce: str                  # stable across retries: lets the destination drop duplicates
    attempts: int = 0
    status: str = "pending"     # pending | sent | failed | paused
    next_attempt_at: datetime | None = None
    last_error: str | None = None
    remote_id: str | None = None


@dataclass(frozen=True)
class Subscription:
    """A topic routed to a destination; paused (with a reason) after 401/403/404."""

    topic: str
    destination: str
    paused_reason: str | None = None
    id: int | None = None


@dataclass
class PollStats:
    """Counters for one refresh cycle, shown by the CLI and used by benchmarks."""

    feeds: int = 0
    not_modified: int = 0
    errors: int = 0
    new_entries: int = 0
    alerts: int = 0
    messages: list[str] = field(default_factory=list)

    def summary(self) -> str:
        def n(count: int, one: str, many: str) -> str:
            return f"{count} {one if count == 1 else many}"

        return (f"{n(self.feeds, 'feed', 'feeds')} polled · {self.not_modified} not modified (304) · "
                f"{n(self.new_entries, 'new entry', 'new entries')} · {n(self.alerts, 'alert', 'alerts')} · "
                f"{n(self.errors, 'error', 'errors')}")
