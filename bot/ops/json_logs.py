"""One JSON object per log line, for log collectors; `[logging] format = "json"` turns it on.

Ids a line is about travel as `extra=log_ids(feed_id=..., alert_id=...)` and become top-level keys,
so a collector can follow one feed or one alert across lines. Text goes through the same redaction
as the plain format (the handler's RedactingFilter runs first); the extra string values are
redacted here too.
"""

from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from typing import Any

from bot.redact import redact

ID_FIELDS = ("feed_id", "entry_id", "alert_id", "delivery_id", "destination")


def log_ids(**ids: Any) -> dict[str, Any]:
    """`extra=` for a log call: only the known id fields, None dropped."""
    return {k: v for k, v in ids.items() if k in ID_FIELDS and v is not None}


def safe_destination(destination: str) -> str:
    """A destination as logs may show it: an Apprise URL carries its service's token, so only its scheme."""
    kind, _, rest = destination.partition(":")
    if kind == "apprise":
        return f"apprise:{rest.split('://', 1)[0]}://…"
    return destination


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for key in ID_FIELDS:
            value = getattr(record, key, None)
            if value is not None:
                out[key] = redact(safe_destination(value)) if isinstance(value, str) else value
        if record.exc_text:                 # set (and redacted) by RedactingFilter
            out["exception"] = record.exc_text
        elif record.exc_info:
            out["exception"] = redact(self.formatException(record.exc_info))
        return json.dumps(out, ensure_ascii=False, default=str)
