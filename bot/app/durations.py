"""Durations as people write them: how far back a question looks ("30m", "12h", "7d", "2w", "1d12h"),
and how often a feed is polled ("5 min", "1 h 30 min")."""

from __future__ import annotations

import re
from datetime import timedelta

from bot.app.errors import Refused

_UNITS = {
    "s": "seconds", "sec": "seconds", "secs": "seconds", "second": "seconds", "seconds": "seconds",
    "m": "minutes", "min": "minutes", "mins": "minutes", "minute": "minutes", "minutes": "minutes",
    "h": "hours", "hr": "hours", "hrs": "hours", "hour": "hours", "hours": "hours",
    "d": "days", "day": "days", "days": "days",
    "w": "weeks", "wk": "weeks", "week": "weeks", "weeks": "weeks",
}
_PART = re.compile(r"(\d+)\s*([a-z]+)")


def parse_since(text: str) -> timedelta:
    """A positive duration, or Refused saying how to write one."""
    cleaned = (text or "").strip().lower()
    parts = _PART.findall(cleaned)
    if not cleaned or _PART.sub("", cleaned).strip() or any(u not in _UNITS for _, u in parts):
        raise Refused("cannot read {text} as a duration: use a number and a unit, e.g. 30m, 12h, 7d or 2w",
                      text=repr(text))
    try:
        total = sum((timedelta(**{_UNITS[u]: int(n)}) for n, u in parts), timedelta())
    except OverflowError:
        raise Refused("duration {text} is too long", text=repr(text)) from None
    if total <= timedelta(0):
        raise Refused("duration {text} must be longer than zero", text=repr(text))
    return total


def format_interval(seconds: int) -> str:
    """A polling interval as people say it: "5 min", "2 h", "1 h 30 min"."""
    minutes = max(1, round(seconds / 60))
    hours, rest = divmod(minutes, 60)
    return f"{minutes} min" if not hours else f"{hours} h" + (f" {rest} min" if rest else "")
