"""Items as either parser read them -> normalised `Entry`s: one set of rules for both parser paths.

A parser path (feedparser, or the fast path for well-formed documents) only says what the document
holds: guid, title, text candidates with their MIME types, link, date, author. Everything newsbot
decides about an item happens here, so both paths give the same entries: HTML to plain text, the
longest text wins, the text cap, GUIDs shared by several items ignored, identity and content hash.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from bot.models import Entry
from bot.reader.identity import canonical_link, content_hash, entry_uid, hash_uid
from bot.reader.text import collapse, plain_or_html

# An entry's text is capped at parse time: a 12 MiB item is a poison pill for matching and spaCy.
MAX_TEXT_CHARS = 200_000
# Markup shrinks when tags go; more than this many characters per kept character is never needed.
MARKUP_PER_TEXT_CHAR = 8


@dataclass(frozen=True, slots=True)
class RawItem:
    """What a parser found in one item, before newsbot's rules; values may be HTML (see the mimes)."""

    guid: str
    title: str
    title_mime: str | None
    texts: tuple[tuple[str, str | None], ...]   # (value, mime): content first, then the summary
    link: str | None
    published: datetime | None
    author: str | None


class FeedRead(NamedTuple):
    """What a parser path found in the whole document."""

    title: str | None
    items: list[RawItem]
    ttl: Any = None
    hub: str | None = None        # WebSub hub the feed advertises (<link rel="hub">)
    self_url: str | None = None   # the feed's own URL as it states it (<link rel="self">)
    problem: str | None = None    # why it is not a feed, for when no entry comes out of it


def first_http_link(links: list[tuple[str | None, str]], rel: str) -> str | None:
    """The first http(s) link with this rel, as (rel, href) pairs in document order."""
    for link_rel, href in links:
        href = (href or "").strip()
        if link_rel == rel and href.lower().startswith(("http://", "https://")) and len(href) <= 2048:
            return href
    return None


def best_text(candidates: tuple[tuple[str, str | None], ...], cap: int) -> tuple[str, int]:
    """The longest plain text among the candidates (the first one on a tie), cut at `cap` characters.

    Plain text is never longer than the markup it came from, so a candidate shorter than the best
    text so far is not converted at all. Returns (text, characters dropped, at least).
    """
    best, cut = "", 0
    for value, mime in candidates:
        if not value or len(value) < len(best):
            continue
        dropped = 0
        if len(value) > cap * MARKUP_PER_TEXT_CHAR:
            dropped = len(value) - cap * MARKUP_PER_TEXT_CHAR
            value = value[:cap * MARKUP_PER_TEXT_CHAR]
        text = plain_or_html(value, mime)
        if len(text) > cap:
            dropped += len(text) - cap
            text = text[:cap].rstrip()
        if len(text) > len(best):
            best, cut = text, dropped
    return best, cut


def entries_from_items(items: list[RawItem], *, max_text_chars: int = MAX_TEXT_CHARS) -> tuple[Entry, ...]:
    guids = Counter(i.guid for i in items)
    rows = []
    for item in items:
        title = plain_or_html(item.title, item.title_mime)
        text, cut = best_text(item.texts, max_text_chars)
        link = (item.link or "").strip() or None
        if not (title or text or link):
            continue
        guid = item.guid if guids[item.guid] == 1 else ""   # one GUID on several items identifies nothing
        author = collapse(item.author or "") or None
        rows.append((guid, title, text, link, item.published, author, cut))
    links = Counter(canonical_link(r[3]) for r in rows if not r[0] and r[3])
    entries = []
    for guid, title, text, link, published, author, cut in rows:
        if not guid and link and links[canonical_link(link)] > 1:
            uid = hash_uid(title, published)   # shared link too: title + date is all that is left
        else:
            uid = entry_uid(guid, link, title, published)
        entries.append(Entry(uid=uid, title=title, text=text, link=link, published=published,
                             author=author, content_hash=content_hash(title, text), text_cut=cut))
    return tuple(entries)
