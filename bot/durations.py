"""Durations in the config: seconds (`300`) or a string (`"30s"`, `"5m"`, `"1h"`, `"2d"`)."""

from __future__ import annotations

import re
from typing import Any

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$", re.IGNORECASE)
_UNIT_S = {None: 1, "ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_duration(value: Any) -> float:
    """Seconds from `300`, `"30s"`, `"5m"`, `"1h"`, `"2d"`."""
    if isinstance(value, bool):
        raise ValueError("expected seconds or a duration like \"5m\"")
    if isinstance(value, (int, float)):
        seconds = float(value)
    else:
        m = _DURATION.match(str(value))
        if not m:
            raise ValueError(f"{value!r} is not a duration (use seconds or e.g. \"30s\", \"5m\", \"1h\")")
        seconds = float(m.group(1)) * _UNIT_S[(m.group(2) or "").lower() or None]
    if seconds <= 0:
        raise ValueError("must be greater than zero")
    return seconds
