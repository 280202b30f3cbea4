"""Keeps secrets out of logs, errors and chat: every known secret value is replaced before text leaves."""

from __future__ import annotations

import functools
import logging
import os
import re
import sys
import traceback

from dotenv import dotenv_values

SECRET_ENV = ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN")
_PATTERNS = [
    re.compile(r"(?<=://)([^:/@\s]+):([^@/\s]+)@"),                    # user:password@ in URLs
    re.compile(r"xox[abposr]-[A-Za-z0-9-]{10,}"),                       # Slack tokens
    re.compile(r"xapp-[A-Za-z0-9-]{10,}"),
    re.compile(r"[MNO][A-Za-z\d_-]{23,27}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,40}"),  # Discord bot tokens
    re.compile(r"(https?://[^\s/]+/api(?:/v\d+)?/webhooks/\d+/)[\w-]+"),
    re.compile(r"(https://hooks\.slack\.com/services/)[\w/]+"),
]
_extra: set[str] = set()


def register_secret(value: str | None) -> None:
    """Values that are secret but have no recognisable shape (webhook URLs, HMAC keys)."""
    if value and len(value) >= 6:
        _extra.add(value)


@functools.lru_cache(maxsize=4)
def _dotenv_secrets(cwd: str) -> tuple[str, ...]:
    """Secrets bot.settings would read from ./.env when the environment lacks them."""
    path = os.path.join(cwd, ".env")
    if not os.path.isfile(path):
        return ()
    values = dotenv_values(path)
    return tuple(v for name in SECRET_ENV if (v := values.get(name)))


def _cwd() -> str:
    try:
        return os.getcwd()
    except OSError:            # the working directory was removed under us
        return "/nonexistent"


def redact(text: str) -> str:
    for value in [os.environ.get(name) for name in SECRET_ENV] + list(_dotenv_secrets(_cwd())):
        if value and len(value) >= 6:
            text = text.replace(value, "[redacted]")
    for value in _extra:
        text = text.replace(value, "[redacted]")
    text = _PATTERNS[0].sub(lambda m: f"{m.group(1)}:[redacted]@", text)
    for p in _PATTERNS[1:4]:
        text = p.sub("[redacted]", text)
    for p in _PATTERNS[4:]:
        text = p.sub(lambda m: m.group(1) + "[redacted]", text)
    return text


class RedactingFilter(logging.Filter):
    """Installed on the root handlers: applies to every record, tracebacks included, at every level."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.getMessage())
        record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = redact("".join(traceback.format_exception(*record.exc_info)))
            record.exc_info = None
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True


def redacted_excepthook(exc_type, exc, tb) -> None:
    """An exception nobody caught is printed by Python itself, outside logging: redact that too."""
    sys.stderr.write(redact("".join(traceback.format_exception(exc_type, exc, tb))))
