"""The read side shared by the slash commands and the CLI: plain data, no Discord/Slack types."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from bot.models import Alert, Topic
from bot.reader.adaptive import effective_interval
from bot.store import Store
from bot.analysis.figures.grouping import normalize_what

UNSPECIFIED = "unspecified"


@dataclass(frozen=True)
class Claim:
    """One figure as a claim: who says how many of what, where and when."""

    value: float
    value_max: float | None
    unit: str | None
    approx: bool
    what: str | None
    source: str | None          # None: the outlet states it in its own voice
    outlet: str                 # the feed's name
    published: datetime         # entry's published time, else when we first saw it (aware UTC)
    link: str | None
    title: str
    sentence: str = ""
    bound: str = "exact"


@dataclass(frozen=True)
class ClaimGroup:
    """Claims about the same thing (normalised `what`), newest first."""

    what: str
    claims: tuple[Claim, ...]

    @property
    def latest(self) -> datetime:
        return self.claims[0].published


@dataclass(frozen=True)
class FeedStatus:
    name: str
    url: str
    last_fetched_at: datetime | None
    next_check_at: datetime | None
    error_count: int
    last_error: str | None
    enabled: bool = True
    guild: str | None = None
    interval_s: int = 300
    effective_interval_s: int = 300      # longer than interval_s when adaptive polling says so
    failing_since: datetime | None = None


async def claims(store: Store, topic: str | None = None, what: str | None = None,
                 since: timedelta | None = None, limit: int = 200) -> list[ClaimGroup]:
    """Figures of entries that alerted for `topic` (or any), grouped by what they count.

    Groups are ordered by their most recent claim; `what` matches after the same normalisation
    (so "soldiers" finds the "troops" group); at most `limit` claims in all, the newest.
    """
    cutoff = datetime.now(timezone.utc) - since if since is not None else None
    wanted = normalize_what(what) if what else None
    rows = await store.claim_rows(topic=topic, what_norm=wanted, since=cutoff, limit=limit)
    groups: dict[str, list[Claim]] = {}
    for r in rows:
        groups.setdefault(r.what_norm or UNSPECIFIED, []).append(Claim(
            value=r.value, value_max=r.value_max, unit=r.unit, approx=bool(r.approx), what=r.what,
            source=r.source, outlet=r.outlet, published=r.when, link=r.link, title=r.title,
            sentence=r.sentence, bound=r.bound,
        ))
    return [ClaimGroup(what=k, claims=tuple(v)) for k, v in groups.items()]


async def recent(store: Store, topic: str | None = None, limit: int = 10) -> list[Alert]:
    """The newest alerts (of one topic, or all), newest first."""
    return await store.recent_alerts(topic=topic, limit=limit)


async def topics(store: Store, guild: str | None = None) -> list[Topic]:
    return await store.list_topics(guild)


async def feeds_status(store: Store, guild: str | None = None) -> list[FeedStatus]:
    """Every feed with its last fetch, next check and last error, for `/feeds status`: failing
    feeds first (longest failing first), then the rest by name."""
    rows = [FeedStatus(name=f.name, url=f.url, last_fetched_at=f.last_fetched_at,
                       next_check_at=f.next_check_at, error_count=f.error_count,
                       last_error=f.last_error, enabled=f.enabled, guild=f.guild, interval_s=f.interval_s,
                       effective_interval_s=effective_interval(f), failing_since=f.failing_since)
            for f in await store.list_feeds(guild)]
    never = datetime.max.replace(tzinfo=timezone.utc)
    failing = sorted((r for r in rows if r.error_count), key=lambda r: r.failing_since or never)
    return failing + [r for r in rows if not r.error_count]


def format_interval(seconds: int) -> str:
    """A polling interval as people say it: "5 min", "2 h", "1 h 30 min"."""
    minutes = max(1, round(seconds / 60))
    hours, rest = divmod(minutes, 60)
    return f"{minutes} min" if not hours else f"{hours} h" + (f" {rest} min" if rest else "")


_UNITS = {
    "s": "seconds", "sec": "seconds", "secs": "seconds", "second": "seconds", "seconds": "seconds",
    "m": "minutes", "min": "minutes", "mins": "minutes", "minute": "minutes", "minutes": "minutes",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "d": "days", "day": "days", "days": "days",
    "w": "weeks", "wk": "weeks", "week": "weeks", "weeks": "weeks",
}
_PART = re.compile(r"(\d+)\s*([a-z]+)")


def parse_since(text: str) -> timedelta:
    """"30m", "12h", "7d", "2w" (or "1d12h") -> timedelta; ValueError with a readable message."""
    cleaned = (text or "").strip().lower()
    parts = _PART.findall(cleaned)
    if not cleaned or _PART.sub("", cleaned).strip() or any(u not in _UNITS for _, u in parts):
        raise ValueError(f"cannot read {text!r} as a duration: use a number and a unit, "
                         "e.g. 30m, 12h, 7d or 2w")
    try:
        total = sum((timedelta(**{_UNITS[u]: int(n)}) for n, u in parts), timedelta())
    except OverflowError:
        raise ValueError(f"duration {text!r} is too long") from None
    if total <= timedelta(0):
        raise ValueError(f"duration {text!r} must be longer than zero")
    return total


CURRENCY_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥", "KRW": "₩", "INR": "₹",
                    "CNY": "CN¥", "RUB": "₽", "UAH": "₴"}
_MONEY_SCALES = ((1e12, "tn"), (1e9, "bn"), (1e6, "m"))
_COUNT_SCALES = ((1e12, " trillion"), (1e9, " billion"), (1e6, " million"))


def _plain(v: float) -> str:
    if float(v).is_integer():
        return f"{int(v):,}"
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def _scaled(v: float, scales) -> str:
    for size, suffix in scales:
        if abs(v) >= size:
            return _plain(round(v / size, 2)) + suffix
    return _plain(v)


def _one(v: float, unit: str | None) -> str:
    if unit is None:
        return _scaled(v, _COUNT_SCALES)
    if unit == "%":
        return f"{_plain(v)}%"
    if unit == "pp":
        return f"{_plain(v)} pp"
    if len(unit) == 3 and unit.isalpha() and unit.isupper():
        amount = _scaled(v, _MONEY_SCALES)
        symbol = CURRENCY_SYMBOLS.get(unit)
        return f"{symbol}{amount}" if symbol else f"{unit} {amount}"
    return f"{_plain(v)} {unit}"


def format_value(value: float, value_max: float | None, unit: str | None, approx: bool) -> str:
    """How a figure reads in every front end: "~12,000", "$1.3bn", "25%", "10,000–12,000"."""
    text = _one(value, unit)
    if value_max is not None and value_max != value:
        text = f"{text}–{_one(value_max, unit)}"
    return f"~{text}" if approx else text
