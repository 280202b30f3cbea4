"""Where a feed says its hub is: an HTTP `Link` header, else `<link rel="hub">` in the feed."""

from __future__ import annotations

import re

from bot.models import ParsedFeed

_LINK = re.compile(r'<\s*([^>\s]+)\s*>\s*((?:;\s*[^;,]+)*)')
_REL = re.compile(r'rel\s*=\s*"?([^";]+)"?', re.IGNORECASE)


def header_links(value: str | None) -> dict[str, str]:
    """rel -> URL from a `Link` header (first URL per rel; several rels in one value count for each)."""
    out: dict[str, str] = {}
    for url, params in _LINK.findall((value or "")[:8192]):
        m = _REL.search(params)
        if m:
            for rel in m.group(1).split():
                out.setdefault(rel.lower(), url)
    return out


def discover(link_header: str | None, parsed: ParsedFeed, feed_url: str) -> tuple[str, str] | None:
    """(hub, topic) when the feed advertises a hub; the topic is its `self` URL, else its own URL.

    The header wins over the document, as the WebSub spec asks.
    """
    links = header_links(link_header)
    hub = links.get("hub") or parsed.hub
    if not hub or not hub.lower().startswith(("http://", "https://")):
        return None
    topic = links.get("self") or parsed.self_url or feed_url
    return hub, topic
