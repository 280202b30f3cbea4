"""Feed bytes -> ParsedFeed: guard against entity bombs, let feedparser read the bytes, normalise.

feedparser is only ever given the bytes (in a BytesIO): handed a str or bytes it may treat them as
a URL or a file name and do its own I/O (TESTING.md case 6). `parse_feed_isolated` runs the same
function in a worker process that is killed when it takes too long (case 8).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import feedparser

from bot.models import Entry, ParsedFeed
from bot.reader.charset import as_utf8
from bot.reader.errors import FeedParseError
from bot.reader.identity import canonical_link, content_hash, entry_uid, hash_uid
from bot.reader.jsonfeed import looks_like_json, parse_json_feed
from bot.reader.text import collapse, plain_or_html

__all__ = ["parse_feed", "parse_feed_isolated", "FeedParseError", "check_no_entities"]

# feedparser matches an e-mail regex against the whole author string; on a 64 KB "a@a-a-a-..." it
# backtracks for ~15 s (TESTING.md case 8). No real author name is this long, so the string is cut
# before that regex sees it. The worker time limit stays as the net for anything unforeseen.
AUTHOR_MAX_CHARS: int | None = 500


def _defuse_author_regex() -> None:
    from feedparser.mixin import _FeedParserMixin

    original = _FeedParserMixin._sync_author_detail
    if getattr(original, "_newsbot_capped", False):
        return

    def capped(self, key="author"):
        context = self._get_context()
        value = context.get(key)
        if AUTHOR_MAX_CHARS and isinstance(value, str) and len(value) > AUTHOR_MAX_CHARS:
            context[key] = value[:AUTHOR_MAX_CHARS]
        return original(self, key)

    capped._newsbot_capped = True  # type: ignore[attr-defined]
    _FeedParserMixin._sync_author_detail = capped


_defuse_author_regex()

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


def parse_feed(body: bytes, url: str, content_type: str | None = None) -> ParsedFeed:
    """Parse feed bytes fetched from `url`; raises FeedParseError with a readable reason."""
    if not body or not body.strip():
        raise FeedParseError("empty body: the server sent no feed")
    check_no_entities(body)
    if looks_like_json(body, content_type):
        return parse_json_feed(body, url)
    body, content_type = as_utf8(body, content_type)   # a feed whose stated encoding is wrong or absent
    # without a content type feedparser flags every document as suspect; XML is what we asked for
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    try:
        d = feedparser.parse(io.BytesIO(body), response_headers=headers, sanitize_html=False)
    except Exception as exc:  # feedparser has many internal failure modes; all mean "not parseable"
        raise FeedParseError(f"not a readable feed ({type(exc).__name__})") from None
    entries = _entries(d.entries)
    if not entries and (not d.get("version") or _broken(d)):
        raise FeedParseError(_why_not_a_feed(body, d))   # a well-formed empty feed is fine
    feed = d.get("feed", {})
    title = plain_or_html(feed.get("title"), (feed.get("title_detail") or {}).get("type")) or None
    return ParsedFeed(title=title, entries=entries, ttl_s=_ttl_seconds(feed.get("ttl")),
                      hub=_link(feed, "hub"), self_url=_link(feed, "self"))


def _link(feed: Any, rel: str) -> str | None:
    """The first http(s) <link rel=...> of the feed (Atom, or atom:link inside RSS)."""
    for link in feed.get("links") or []:
        href = str(link.get("href") or "").strip()
        if link.get("rel") == rel and href.lower().startswith(("http://", "https://")) and len(href) <= 2048:
            return href
    return None


async def parse_feed_isolated(body: bytes, url: str, timeout_s: float = 5.0,
                              content_type: str | None = None) -> ParsedFeed:
    """parse_feed in a worker process with a hard time limit; a runaway worker is killed."""
    from bot.reader.isolation import default_pool

    return await default_pool().run(parse_feed, body, url, content_type, timeout_s=timeout_s)


def _broken(d: Any) -> bool:
    """A real XML error, not just a charset or content-type remark."""
    exc = d.get("bozo_exception")
    harmless = (feedparser.CharacterEncodingOverride, feedparser.NonXMLContentType)
    return bool(d.get("bozo")) and not isinstance(exc, harmless)


def _why_not_a_feed(body: bytes, d: Any) -> str:
    head = body[:2048].lower()
    if b"<html" in head or b"<!doctype html" in head:
        return "not a feed: the server sent an HTML page"
    exc = d.get("bozo_exception")
    if exc is not None:
        msg = collapse(str(exc))[:160]
        return f"not a feed: malformed XML ({msg})" if msg else "not a feed: malformed XML"
    return "not a feed: no RSS, Atom or RDF document found"


def _ttl_seconds(value: Any) -> int | None:
    try:
        minutes = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return minutes * 60 if 0 < minutes <= 7 * 24 * 60 else None


def _when(item: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = dict.get(item, key)   # plain dict lookup: skips feedparser's deprecated key aliasing
        if t:
            try:
                return datetime(*t[:6], tzinfo=UTC)
            except (TypeError, ValueError, OverflowError):
                continue
    return None


def _text(item: Any) -> str:
    candidates = [(c.get("value"), c.get("type")) for c in item.get("content") or []]
    summary = item.get("summary")
    if summary:
        candidates.append((summary, (item.get("summary_detail") or {}).get("type")))
    texts = [plain_or_html(value, mime) for value, mime in candidates if value]
    return max(texts, key=len, default="")


def _entries(items: list[Any]) -> tuple[Entry, ...]:
    guids = Counter((i.get("id") or "").strip() for i in items)
    rows = []
    for item in items:
        title = plain_or_html(item.get("title"), (item.get("title_detail") or {}).get("type"))
        text = _text(item)
        link = (item.get("link") or "").strip() or None
        if not (title or text or link):
            continue
        published = _when(item)
        guid = (item.get("id") or "").strip()
        if guids[guid] > 1:   # one GUID on several items: it identifies nothing (TESTING 19)
            guid = ""
        rows.append((guid, title, text, link, published, collapse(item.get("author") or "") or None))
    links = Counter(canonical_link(r[3]) for r in rows if not r[0] and r[3])
    entries = []
    for guid, title, text, link, published, author in rows:
        if not guid and link and links[canonical_link(link)] > 1:
            uid = hash_uid(title, published)   # shared link too: title + date is all that is left
        else:
            uid = entry_uid(guid, link, title, published)
        entries.append(Entry(uid=uid, title=title, text=text, link=link, published=published,
                             author=author, content_hash=content_hash(title, text)))
    return tuple(entries)

