"""Full text for teaser feeds: fetch the linked page through the same guarded fetcher, then trafilatura."""

from __future__ import annotations

import asyncio
import logging
import re

from bot.models import Entry
from bot.reader.errors import FetchError
from bot.reader.fetcher import Fetcher

log = logging.getLogger(__name__)

TEASER_CHARS = 400
_TEASER_END = re.compile(
    r"(\.\.\.|…|\[…\]|\[\.\.\.\]|\[\+\d+ chars\]|read more|continue reading|read the full (story|article)"
    r"|weiterlesen|lire la suite|leer más|\bmore\b\s*»?)\W*$",
    re.IGNORECASE,
)
_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_teaser(entry: Entry) -> bool:
    """Short text, or text that ends the way teasers do ("...", "Read more")."""
    text = (entry.text or "").strip()
    return len(text) < TEASER_CHARS or bool(_TEASER_END.search(text[-60:]))


def _extract(body: bytes, url: str) -> str | None:
    import trafilatura

    return trafilatura.extract(body, url=url, include_comments=False, include_tables=False,
                               deduplicate=True)


async def fetch_fulltext(fetcher: Fetcher, url: str) -> str | None:
    """Main text of the page at `url`, or None (fetch refused/failed, not HTML, nothing extracted).

    Failures are not errors for the feed: the alert simply keeps the teaser.
    """
    try:
        page = await fetcher.fetch_page(url)
    except FetchError as exc:
        log.info("full text not fetched from %s: %s", _host(url), exc.reason)
        return None
    ctype = (page.content_type or "text/html").split(";")[0].strip().lower()
    if not page.body or ctype not in _HTML_TYPES:
        return None
    text = await asyncio.to_thread(_extract, page.body, page.final_url)
    return text.strip() or None if text else None


def _host(url: str) -> str:
    from yarl import URL

    try:
        return URL(url).host or "?"
    except (ValueError, TypeError):
        return "?"
