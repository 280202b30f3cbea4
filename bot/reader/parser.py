"""Feed bytes -> ParsedFeed: the guards first, then the fast path or feedparser, one set of rules after.

Every body passes the same guards whichever parser reads it: empty bodies and entity declarations
are refused here (entity expansion), the fetcher already capped the size, and `parse_feed_isolated`
runs all of it in a worker process that is killed when it takes too long. Well-formed UTF-8 RSS and
Atom go through fastfeedparser (`fast_path`), everything else through feedparser; both hand over
`RawItem`s that `items.entries_from_items` turns into the same `Entry`s.
"""

from __future__ import annotations

import re
from typing import Any

from bot.models import ParsedFeed
from bot.reader.charset import as_utf8
from bot.reader.errors import FeedParseError
from bot.reader.fast_path import read_fast
from bot.reader.feedparser_path import read_with_feedparser
from bot.reader.items import MAX_TEXT_CHARS, entries_from_items
from bot.reader.jsonfeed import looks_like_json, parse_json_feed

__all__ = ["parse_feed", "FeedParseError", "check_no_entities", "MAX_TEXT_CHARS"]

_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_EBCDIC_XML_DECL = b"\x4c\x6f\xa7\x94"   # "<?xm" in EBCDIC, which feedparser will decode


def _has_internal_subset(view: bytes) -> bool:
    """`<!DOCTYPE ... [` with a linear scan (a regex would rescan from every `<!DOCTYPE`: quadratic).

    Only the first DOCTYPE matters: XML allows one, in the prolog; entity declarations anywhere
    are caught separately.
    """
    m = _DOCTYPE.search(view)
    if m is None:
        return False
    end = view.find(b">", m.end())
    return view.find(b"[", m.end(), len(view) if end < 0 else end) >= 0


def check_no_entities(body: bytes) -> None:
    """Refuse DTD internal subsets and entity declarations in any encoding feedparser would read."""
    views = [body]
    if b"\x00" in body[:512]:            # UTF-16/UTF-32: look at it with the zero bytes gone
        views.append(body.replace(b"\x00", b""))
    if body.startswith(_EBCDIC_XML_DECL):
        views.append(body.decode("cp037", "replace").encode("utf-8", "replace"))
    for view in views:
        if _ENTITY_DECL.search(view) or _has_internal_subset(view):
            raise FeedParseError("refused: the feed declares XML entities or a DTD internal subset")


def parse_feed(body: bytes, url: str, content_type: str | None = None, *,
               max_text_chars: int = MAX_TEXT_CHARS, fast: bool = True) -> ParsedFeed:
    """Parse feed bytes fetched from `url`; raises FeedParseError with a readable reason.

    `fast=False` forces the feedparser path (tests compare the two).
    """
    if not body or not body.strip():
        raise FeedParseError("empty body: the server sent no feed")
    check_no_entities(body)
    if looks_like_json(body, content_type):
        return parse_json_feed(body, url, max_text_chars=max_text_chars)
    body, content_type = as_utf8(body, content_type)   # a feed whose stated encoding is wrong or absent
    read = read_fast(body, url, content_type) if fast else None
    read = read or read_with_feedparser(body, url, content_type)
    entries = entries_from_items(read.items, max_text_chars=max_text_chars)
    if not entries and read.problem:
        raise FeedParseError(read.problem)
    return ParsedFeed(title=read.title or None, entries=entries, ttl_s=_ttl_seconds(read.ttl),
                      hub=read.hub, self_url=read.self_url)


def _ttl_seconds(value: Any) -> int | None:
    try:
        minutes = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return minutes * 60 if 0 < minutes <= 7 * 24 * 60 else None
