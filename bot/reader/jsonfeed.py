"""JSON Feed (https://jsonfeed.org, versions 1 and 1.1) -> ParsedFeed; feedparser does not read it."""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime
from typing import Any

from bot.models import Entry, ParsedFeed
from bot.reader.errors import FeedParseError
from bot.reader.identity import content_hash, entry_uid
from bot.reader.items import MAX_TEXT_CHARS, best_text
from bot.reader.text import collapse, html_to_text


def looks_like_json(body: bytes, content_type: str | None) -> bool:
    if content_type and "json" in content_type.lower():
        return True
    return body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def parse_json_feed(body: bytes, url: str, *, max_text_chars: int = MAX_TEXT_CHARS) -> ParsedFeed:
    try:
        doc = json.loads(body.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise FeedParseError(f"not a feed: invalid JSON ({type(exc).__name__})") from None
    if not isinstance(doc, dict) or "jsonfeed.org/version" not in str(doc.get("version", "")):
        raise FeedParseError("not a feed: JSON, but not a JSON Feed (no jsonfeed.org version)")
    items = doc.get("items")
    if not isinstance(items, list):
        raise FeedParseError("not a feed: JSON Feed without an items list")
    items = [i for i in items if isinstance(i, dict)]
    ids = Counter(_guid(i) for i in items)
    shared = {g for g, n in ids.items() if g and n > 1}   # one id on several items identifies nothing
    entries = tuple(e for e in (_entry(i, _guid(i) not in shared, max_text_chars) for i in items)
                    if e is not None)
    return ParsedFeed(title=_str(doc.get("title")) or None, entries=entries)


def _str(value: Any) -> str:
    return collapse(value) if isinstance(value, str) else ""


def _plain(value: Any, cap: int) -> tuple[str, int]:
    return best_text(((value, "text/plain"),), cap) if isinstance(value, str) else ("", 0)


def _guid(item: dict[str, Any]) -> str | None:
    guid = item.get("id")
    return str(guid) if isinstance(guid, (str, int)) and not isinstance(guid, bool) else None


def _entry(item: dict[str, Any], use_guid: bool = True, cap: int = MAX_TEXT_CHARS) -> Entry | None:
    title = html_to_text(_str(item.get("title")))
    html = item.get("content_html")
    if isinstance(html, str) and html.strip():
        text, cut = best_text(((html, "text/html"),), cap)
    else:
        text, cut = _plain(item.get("content_text"), cap)
    if not text:
        text, cut = _plain(item.get("summary"), cap)
    link = _str(item.get("url")) or _str(item.get("external_url")) or None
    if not (title or text or link):
        return None
    published = _date(item.get("date_published")) or _date(item.get("date_modified"))
    authors = item.get("authors") or ([item["author"]] if isinstance(item.get("author"), dict) else [])
    names = [_str(a.get("name")) for a in authors if isinstance(a, dict) and _str(a.get("name"))]
    guid = _guid(item) if use_guid else None
    return Entry(uid=entry_uid(guid, link, title, published), title=title, text=text, link=link,
                 published=published, author=", ".join(names) or None,
                 content_hash=content_hash(title, text), text_cut=cut)


def _date(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return (when if when.tzinfo else when.replace(tzinfo=UTC)).astimezone(UTC)
