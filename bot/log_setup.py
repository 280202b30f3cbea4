"""How loud each command is: quiet by default, `-v` for more.

A service's log is read by people waiting for an alert or a problem: by default it carries
newsbot's own INFO lines (started, stopped, alerts queued, a polling cycle that found something)
and other libraries' warnings only; APScheduler's "Running job" lines every two seconds, Alembic's
migration chatter and discord.py's gateway notes come back with -v (DEBUG, every library).
"""

from __future__ import annotations

import logging
import sys

from bot.ops.json_logs import JsonFormatter
from bot.redact import RedactingFilter, redacted_excepthook

OWN_LOGGERS = ("bot", "newsbot")
_verbose = False


def set_verbose(verbose: bool) -> None:
    """The root `-v`, kept for commands (`run`) that set their own logging up later."""
    global _verbose
    _verbose = verbose
    install_logging(logging.DEBUG if verbose else logging.WARNING)
    _own(logging.NOTSET)


def setup_service_logging(fmt: str = "text") -> None:
    """`newsbot run`: newsbot's INFO lines and other libraries' warnings by default; -v: DEBUG, all."""
    install_logging(logging.DEBUG if _verbose else logging.WARNING, fmt)
    _own(logging.NOTSET if _verbose else logging.INFO)


def _own(level: int) -> None:
    for name in OWN_LOGGERS:
        logging.getLogger(name).setLevel(level)


def install_logging(level: int = logging.INFO, fmt: str = "text") -> None:
    """Root logging through the redacting filter; `fmt="json"` writes one JSON object per line."""
    handler = logging.StreamHandler()
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    sys.excepthook = redacted_excepthook
