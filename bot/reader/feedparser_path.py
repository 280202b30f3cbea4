"""The fallback parser path: feedparser reads what the fast path turns down (malformed XML, other
encodings, RSS 0.9x oddities), from the bytes only.

feedparser is only ever given the bytes (in a BytesIO): handed a str or bytes it may treat them as
a URL or a file name and do its own I/O.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

import feedparser

from bot.reader.errors import FeedParseError
from bot.reader.items import FeedRead, RawItem, first_http_link
from bot.reader.text import collapse, plain_or_html

# feedparser matches an e-mail regex against the whole author string; on a 64 KB "a@a-a-a-..." it
# backtracks for ~15 s. No real author name is this long, so the string is cut before that regex
# sees it. The worker time limit stays as the net for anything unforeseen.
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


def read_with_feedparser(body: bytes, url: str, content_type: str | None) -> FeedRead:
    """The document as feedparser reads it.

    `problem` says why this is not a feed, for when no entry comes out of it (a well-formed empty
    feed is fine, a broken document with nothing readable is not).
    """
    # without a content type feedparser flags every document as suspect; XML is what we asked for
    headers = {"content-location": url, "content-type": content_type or "application/xml"}
    try:
        d = feedparser.parse(io.BytesIO(body), response_headers=headers, sanitize_html=False)
    except Exception as exc:  # feedparser has many internal failure modes; all mean "not parseable"
        raise FeedParseError(f"not a readable feed ({type(exc).__name__})") from None
    items = [_raw(item) for item in d.entries]
    problem = _why_not_a_feed(body, d) if not d.get("version") or _broken(d) else None
    feed = d.get("feed", {})
    title = plain_or_html(feed.get("title"), (feed.get("title_detail") or {}).get("type")) or None
    links = [(link.get("rel"), str(link.get("href") or "")) for link in feed.get("links") or []]
    return FeedRead(title, items, feed.get("ttl"), hub=first_http_link(links, "hub"),
                    self_url=first_http_link(links, "self"), problem=problem)


def _raw(item: Any) -> RawItem:
    texts = [(c.get("value"), c.get("type")) for c in item.get("content") or []]
    if item.get("summary"):
        texts.append((item.get("summary"), (item.get("summary_detail") or {}).get("type")))
    return RawItem(guid=(item.get("id") or "").strip(), title=item.get("title") or "",
                   title_mime=(item.get("title_detail") or {}).get("type"),
                   texts=tuple((v, m) for v, m in texts if v), link=item.get("link"),
                   published=_when(item), author=item.get("author"))


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


def _when(item: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = dict.get(item, key)   # plain dict lookup: skips feedparser's deprecated key aliasing
        if t:
            try:
                return datetime(*t[:6], tzinfo=UTC)
            except (TypeError, ValueError, OverflowError):
                continue
    return None
