"""`newsbot match`: which topics would fire for RSS-style entries given as JSON lines."""

from __future__ import annotations

import json
import sys

import typer

from bot.analysis.topics.matcher import Matcher
from bot.commands.common import ConfigOption, fail, settings_or_exit
from bot.models import Entry
from bot.runtime import topics_from_settings


def register(app: typer.Typer) -> None:
    @app.command()
    def match(
        file: str = typer.Argument("-", help="JSON lines {\"id\", \"title\", \"summary\"}; - for stdin."),
        config: str = ConfigOption,
    ) -> None:
        """Print one JSON line per entry: id, the names of the topics it matches, and why each matched."""
        settings = settings_or_exit(config)
        matcher = Matcher(topics_from_settings(settings))
        try:
            stream = sys.stdin if file == "-" else open(file, encoding="utf-8")
        except OSError as e:
            raise fail(f"cannot read {file}: {e.strerror}") from None
        with stream:
            for n, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                try:
                    item = json.loads(line)
                    if not isinstance(item, dict):
                        raise ValueError("not an object")
                except ValueError as e:
                    raise fail(f"line {n}: not a JSON object ({e})") from None
                entry = Entry(uid=str(item.get("id", n)), title=str(item.get("title") or ""),
                              text=str(item.get("summary") or ""))
                hits = matcher.match(entry)
                print(json.dumps({"id": item.get("id"), "topics": [m.topic for m in hits],
                                  "why": {m.topic: m.why for m in hits}}, ensure_ascii=False), flush=True)
