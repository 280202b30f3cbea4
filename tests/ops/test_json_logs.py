"""`[logging] format = "json"`: one object per line, with the ids a line is about, and no secrets."""

from __future__ import annotations

import io
import json
import logging
import sys

import pytest

from bot.ops.json_logs import log_ids
from bot.log_setup import install_logging

TOKEN = "MTExMTExMTExMTExMTExMTEx.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789AB"


@pytest.fixture
def json_logging(monkeypatch):
    """The handler `newsbot run` installs, writing into a buffer instead of stderr."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, sys.excepthook)
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    install_logging(logging.INFO, "json")
    buffer = io.StringIO()
    root.handlers[0].setStream(buffer)
    yield buffer
    root.handlers[:], root.level, sys.excepthook = saved


def test_json_lines_carry_ids_and_redact_secrets(json_logging):
    log = logging.getLogger("bot.delivery.outbox")
    log.warning("delivery %s failed with token %s", 7, TOKEN,
                extra=log_ids(feed_id=3, entry_id=11, alert_id=5, delivery_id=7,
                              destination="apprise:tgram://123456:SECRETBOTTOKEN/987"))
    try:
        raise RuntimeError(f"boom {TOKEN}")
    except RuntimeError:
        log.exception("crashed", extra=log_ids(destination="discord:222222222222222222"))
    err = json_logging.getvalue()
    lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    assert len(lines) == len(err.splitlines()), err
    first, second = lines
    assert first["level"] == "warning" and first["logger"] == "bot.delivery.outbox"
    assert (first["feed_id"], first["entry_id"], first["alert_id"], first["delivery_id"]) == (3, 11, 5, 7)
    assert first["destination"] == "apprise:tgram://…"
    assert "[redacted]" in first["message"]
    assert second["destination"] == "discord:222222222222222222"
    assert "RuntimeError" in second["exception"]
    everything = json.dumps(lines)
    assert TOKEN not in everything and "SECRETBOTTOKEN" not in everything
