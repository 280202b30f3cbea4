"""`newsbot stories`: which entries report the same event, by the clustering the service runs."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import IO

import typer

from bot.commands.common import fail


def parse_published(value: object) -> datetime | None:
    """ISO 8601 or RFC 822 (as feeds write it); a time without a zone is taken as UTC."""
    if value in (None, ""):
        return None
    text = str(value).strip()
    try:
        when = datetime.fromisoformat(text)
    except ValueError:
        try:
            when = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            raise ValueError(f"published {text[:40]!r} is neither ISO 8601 nor RFC 822") from None
    return when if when.tzinfo else when.replace(tzinfo=UTC)


def read_items(stream: IO[str]) -> Iterator[tuple[object, object]]:
    """(id as given, StreamItem) per non-blank line; a bad line stops with its number."""
    from bot.analysis.stories.cluster import StreamItem

    last: datetime | None = None
    for n, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise ValueError("not an object")
            published = parse_published(item.get("published")) or last or datetime.now(UTC)
        except ValueError as e:
            raise fail(f"line {n}: {e}") from None
        last = published
        given = item.get("id", n)
        yield given, StreamItem(key=n, title=str(item.get("title") or ""), text=str(item.get("summary") or ""),
                                published=published)


def register(app: typer.Typer) -> None:
    @app.command()
    def stories(
        file: str = typer.Argument("-", help='JSON lines {"id", "title", "summary", "published", "outlet"}, '
                                             "in publication order; - for stdin."),
    ) -> None:
        """Print one JSON line per entry, {"id", "story"}: entries that report the same event share a story number.

        Stories are numbered from 1 in order of first appearance. The clustering is the service's: title and lead compared by their words and figures, within 72 hours of the story's other reports. A missing `published` takes the previous entry's time.
        """
        from bot.analysis.stories.cluster import cluster_stream

        try:
            stream = sys.stdin if file == "-" else open(file, encoding="utf-8")
        except OSError as e:
            raise fail(f"cannot read {file}: {e.strerror}") from None
        ids: dict[int, object] = {}

        def items():
            for given, item in read_items(stream):
                ids[item.key] = given
                yield item

        with stream:
            batch = 1 if stream.isatty() else 64      # typed by hand: answer each line at once
            for key, story in cluster_stream(items(), batch=batch):
                print(json.dumps({"id": ids.pop(key), "story": story}, ensure_ascii=False), flush=True)
