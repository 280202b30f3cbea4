"""The fast parser path: lxml reads well-formed UTF-8 RSS 2.0, RSS 1.0 and Atom 1.0 documents.

feedparser spends ~3 ms on a 20-item feed, nearly all of it in its own SAX callbacks; a strict lxml
parse of the same bytes takes a few hundredths of that. Why lxml and not fastfeedparser (which is
as quick): fastfeedparser copies an item's link into its id when there is no guid, drops the Atom
title type and reads some elements feedparser treats differently, so its entries would not be the
ones feedparser gives, and a feed switching between the paths would change identities.

Here the rules are feedparser's own. Each element is named the way feedparser names its handler
(namespace prefix + local name, `dc:creator` -> `dc_creator`), so a feed's own prefixes cannot
confuse the two paths. Elements whose handlers set what newsbot reads (guid/id, title, link,
description/summary, content, dates, author) are read as feedparser reads them: values stripped,
ids and links resolved against the feed URL, RSS titles guessed HTML or plain by feedparser's test,
dates through feedparser's date parser. Elements feedparser keeps elsewhere are skipped. Anything
this module does not reproduce (an unknown handler, a repeated guid, a second description, XHTML,
`xml:base`, another encoding) returns None: the document then goes to feedparser.
`huge_tree` lifts libxml2's 10 MB text-node limit, which would send a 12 MiB item (the fetcher's
body cap, the real bound here) to feedparser, which needs seconds for it. The strict parser resolves no entities, loads no DTD
and touches no network (the entity guard has refused any declaration before this runs anyway).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from feedparser.datetimes import _parse_date
from feedparser.html import _cp1252
from feedparser.mixin import _FeedParserMixin
from feedparser.urls import _urljoin, resolve_relative_uris
from lxml import etree

from bot.reader.feedparser_path import AUTHOR_MAX_CHARS
from bot.reader.items import FeedRead, RawItem, first_http_link
from bot.reader.text import plain_or_html

_STRICT = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True,
                          recover=False, collect_ids=False, remove_comments=True, remove_pis=True)
_DECLARED = re.compile(rb"""^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_CHARSET = re.compile(r"charset\s*=\s*\"?([\w.-]+)", re.IGNORECASE)
_MATCH = {uri.lower(): prefix for uri, prefix in _FeedParserMixin.namespaces.items()}
_ATOM = "{http://www.w3.org/2005/Atom}"
_RDF = "{http://www.w3.org/1999/02/22-rdf-syntax-ns#}"
_RSS1 = "{http://purl.org/rss/1.0/}"
_looks_like_html = _FeedParserMixin.looks_like_html
_map_type = _FeedParserMixin.map_content_type

# feedparser handler -> (what it sets, its default MIME type for text values)
_ROLES = {
    "title": ("title", "text/plain"), "dc_title": ("title", "text/plain"),
    "link": ("link", None), "guid": ("guid", None), "id": ("guid", None),
    "description": ("summary", "text/html"), "dc_description": ("summary", "text/html"),
    "summary": ("summary", "text/plain"), "itunes_summary": ("summary", "text/plain"),
    "abstract": ("summary", "text/plain"),
    "content_encoded": ("content", "text/html"), "fullitem": ("content", "text/html"),
    "content": ("content", "text/plain"),
    "pubdate": ("published", None), "published": ("published", None), "issued": ("published", None),
    "dcterms_issued": ("published", None), "updated": ("updated", None), "modified": ("updated", None),
    "lastbuilddate": ("updated", None), "dc_date": ("updated", None), "dcterms_modified": ("updated", None),
    "created": ("created", None), "dcterms_created": ("created", None),
    "author": ("author", None), "dc_creator": ("author", None), "dc_author": ("author", None),
    "itunes_author": ("author", None), "managingeditor": ("author", None),
}
# Handlers that store into fields newsbot never reads (when their children are harmless too).
_HARMLESS = frozenset(
    "category keywords tags enclosure media_thumbnail media_content media_credit media_rating media_player "
    "media_restriction media_license media_category media_group itunes_image itunes_category itunes_subtitle "
    "itunes_explicit itunes_keywords itunes_block itunes_duration subtitle tagline info rights copyright "
    "dc_rights dc_publisher webmaster dc_language language dc_subject expirationdate cc_license "
    "creativecommons_license creativeCommons_license image source".split())
_feedparser_class = None


class _NotHere(Exception):
    """Something whose feedparser reading this module does not reproduce: use feedparser."""


def _handles(name: str) -> bool:
    global _feedparser_class
    if _feedparser_class is None:
        from feedparser.api import StrictFeedParser

        _feedparser_class = StrictFeedParser
    return hasattr(_feedparser_class, f"_start_{name}") or hasattr(_feedparser_class, f"_end_{name}")


def _handler(el: Any) -> str:
    """The name feedparser dispatches this element under."""
    tag = el.tag
    if tag[0] != "{":
        return tag.lower()
    ns, local = tag[1:].split("}", 1)
    prefix = _MATCH.get(ns.lower(), el.prefix)
    if prefix is None:
        raise _NotHere   # an unknown default namespace: feedparser's naming depends on the document
    return f"{prefix.lower()}_{local.lower()}" if prefix else local.lower()


def _harmless(el: Any) -> bool:
    name = _handler(el)
    if name in _ROLES or (name not in _HARMLESS and _handles(name)):
        return False
    return all(_harmless(child) for child in el)


def _utf8(body: bytes, content_type: str | None) -> bool:
    """UTF-8 by the HTTP charset (which feedparser obeys first), the BOM and the XML declaration."""
    charset = _CHARSET.search(content_type or "")
    if charset and charset.group(1).lower() not in ("utf-8", "utf8"):
        return False
    if body[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in body[:4]:
        return False
    head = body[3:] if body.startswith(b"\xef\xbb\xbf") else body
    declared = _DECLARED.match(head.lstrip()[:200])
    return declared is None or declared.group(1).decode().lower() in ("utf-8", "utf8")


def read_fast(body: bytes, url: str, content_type: str | None) -> FeedRead | None:
    """The document, for one this path reads as feedparser would; else None."""
    if not _utf8(body, content_type):
        return None
    try:
        root = etree.fromstring(body, parser=_STRICT)
    except (etree.XMLSyntaxError, ValueError):
        return None
    try:
        if root.xpath("boolean(//@xml:base)"):
            return None          # feedparser resolves against every xml:base on the way down
        if root.tag == "rss" and root.get("version", "").strip() == "2.0":
            channels = [c for c in root if c.tag == "channel"]
            if len(channels) != 1 or any(c.tag == "item" for c in root):
                return None
            items = [_item(el, url, guess=True) for el in channels[0] if el.tag == "item"]
            return _read(channels[0], "item", url, items, _value(channels[0].find("ttl")), guess=True)
        if root.tag == f"{_ATOM}feed":
            items = [_item(el, url, guess=False) for el in root if el.tag == f"{_ATOM}entry"]
            return _read(root, f"{_ATOM}entry", url, items, None, guess=False)
        if root.tag == f"{_RDF}RDF":
            channels = [c for c in root if c.tag == f"{_RSS1}channel"]
            if len(channels) != 1:
                return None
            items = [_item(el, url, guess=True, about=el.get(f"{_RDF}about"))
                     for el in root if el.tag == f"{_RSS1}item"]
            return _read(channels[0], f"{_RSS1}item", url, items, None, guess=True)
    except _NotHere:
        return None
    return None


def _read(channel: Any, item_tag: str, url: str, items: list[RawItem], ttl: Any, *, guess: bool) -> FeedRead:
    """The feed-level parts: title, and the hub and self links feedparser lists (href links only)."""
    links = [(el.get("rel", "alternate"), _urljoin(url, el.get("href"))) for el in channel
             if el.get("href") is not None and _handler(el) == "link"]
    return FeedRead(_feed_title(channel, item_tag, url, guess=guess), items, ttl,
                    hub=first_http_link(links, "hub"), self_url=first_http_link(links, "self"))


def _feed_title(channel: Any, item_tag: str, url: str, *, guess: bool) -> str | None:
    """The feed's own title: its first title element, unless an image or an item comes first."""
    for el in channel:
        if el.tag == item_tag:
            return None
        name = _handler(el)
        if name in ("image", "textinput", "source", "media_title"):
            raise _NotHere   # nested titles: feedparser's title bookkeeping decides
        if _ROLES.get(name, ("",))[0] == "title":
            return plain_or_html(*_text(el, "text/plain", guess, url))
    return None


def _fix(value: str) -> str:
    """feedparser's last steps for every value of a UTF-8 document: undo double-encoded UTF-8, map
    the cp1252 range to its characters."""
    if not value.isascii():
        try:
            value = value.encode("iso-8859-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
        value = value.translate(_cp1252)
    return value


def _value(el: Any) -> str:
    """The stripped text of a text-only element (markup inside is feedparser's to rebuild)."""
    if el is None:
        return ""
    if len(el) or el.get("mode") is not None:
        raise _NotHere
    return _fix((el.text or "").strip())


_LATIN1_RANGE = re.compile("[\x80-\xff]")


def _text(el: Any, default: str, guess: bool, url: str) -> tuple[str, str]:
    """(value, MIME type) of a title, summary or content element.

    feedparser re-serialises HTML values (resolving relative links) before it undoes double-encoded
    UTF-8, and the re-serialising can change which characters that step sees; it is only done here
    when the value has characters in that step's range, where it can make a difference.
    """
    if len(el) or el.get("mode") is not None:
        raise _NotHere
    value = (el.text or "").strip()
    mime = _mime(el, value, default, guess)
    if mime == "text/html" and "<" in value and _LATIN1_RANGE.search(value):
        value = resolve_relative_uris(value, url, "utf-8", mime)
    return _fix(value), mime


def _mime(el: Any, value: str, default: str, guess: bool) -> str:
    kind = _map_type(el.get("type", default))
    if kind not in ("text/plain", "text/html") or el.get("src") is not None:
        raise _NotHere   # XHTML, base64 and out-of-line content
    if guess and kind == "text/plain" and _looks_like_html(value):
        return "text/html"
    return kind


def _item(el: Any, url: str, *, guess: bool, about: str | None = None) -> RawItem:
    seen: dict[str, Any] = {}
    title, title_mime = "", None
    title_set = False            # feedparser ignores later titles once one had text, until an image/source
    link: str | None = None
    summary: tuple[str, str] | None = None
    contents: list[tuple[str, str]] = []
    authors: list[Any] = []
    for child in el:
        name = _handler(child)
        role, default = _ROLES.get(name, (None, None))
        if role is None:
            if not _harmless(child):
                raise _NotHere
            title_set = title_set and name not in ("image", "source")
            continue
        if role == "guid" and role in seen:
            raise _NotHere
        seen[role] = child
        if role == "title":
            if not title_set:
                title, title_mime = _text(child, default, guess, url)
                title_set = bool(title)
        elif role == "summary":
            if summary is not None and not contents:   # a second summary is feedparser's content
                contents.append(_text(child, "text/plain", guess, url))
            else:
                summary = _text(child, default, guess, url)
        elif role == "content":
            contents.append(_text(child, default, guess, url))
            summary = summary or ("", "text/plain")   # feedparser copies content into the summary
        elif role == "link":
            link = _link(child, url, link)
        elif role == "author":
            authors.append(child)
    guid, link = _identity(seen.get("guid"), about, link, url)
    candidates = [c for c in contents + ([summary] if summary else []) if c[0]]
    return RawItem(guid=guid, title=title, title_mime=title_mime, texts=tuple(candidates), link=link,
                   published=_date(seen.get("published")) or _date(seen.get("updated"))
                   or _date(seen.get("created")), author=_author(authors))


def _link(el: Any, url: str, current: str | None) -> str | None:
    """RSS text links and Atom href links; each alternate one overwrites the one before."""
    if el.get("href") is None:
        value = _value(el)
        if not value:
            return ""
        return re.sub("&([A-Za-z0-9_]+);", r"&\g<1>", _urljoin(url, value).replace("&amp;", "&"))
    if len(el):
        raise _NotHere
    rel = el.get("rel", "alternate")
    kind = el.get("type", "application/atom+xml" if rel == "self" else "text/html")
    if rel == "alternate" and _map_type(kind) in ("text/html", "application/xhtml+xml"):
        return _urljoin(url, el.get("href"))
    return current


def _identity(guid_el: Any, about: str | None, link: str | None, url: str) -> tuple[str, str | None]:
    """(guid, link) as feedparser resolves them: a permalink guid is a URL and the link's stand-in."""
    if guid_el is None:
        return about or "", link
    flags = [v for k, v in guid_el.attrib.items() if k.lower() == "ispermalink"]
    permalink = (flags[0] if flags else "true") == "true"
    guid = _value(guid_el)
    if guid and permalink:
        guid = _urljoin(url, guid)
    if link is None and permalink:
        link = guid
    return guid, link


def _author(authors: list[Any]) -> str | None:
    """The last author element's text, or an Atom author's "name (email)"."""
    if not authors:
        return None
    el = authors[-1]
    if not len(el):
        value = _value(el)
        return (value[:AUTHOR_MAX_CHARS] if AUTHOR_MAX_CHARS else value) or None
    if len(authors) > 1:
        raise _NotHere
    parts: dict[str, str] = {}
    for child in el:
        name = _handler(child)
        if name not in ("name", "email", "uri") or len(child) or name in parts:
            raise _NotHere
        parts[name] = (child.text or "").strip()
    name, email = parts.get("name"), parts.get("email")
    return f"{name} ({email})" if name and email else (name or email or None)


def _date(el: Any) -> datetime | None:
    value = _value(el)
    parsed = _parse_date(value) if value else None
    if not parsed:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=UTC)
    except (TypeError, ValueError, OverflowError):
        return None
