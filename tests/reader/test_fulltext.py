"""Teasers are recognised, and the linked page's main text is fetched through the guarded fetcher."""

from __future__ import annotations

import pytest

from bot.models import Entry
from bot.reader.fetcher import Fetcher
from bot.reader.fulltext import fetch_fulltext, is_teaser
from tests.fakes.feed_server import FeedServer

PARAGRAPHS = [
    "The harbour authority said on Tuesday that 340 fishing boats had returned to port ahead of the storm.",
    "Forecasters expect wind gusts of up to 120 kilometres per hour along the northern coast by Wednesday night.",
    "Local officials opened four shelters in the county and asked residents near the river to stay indoors.",
    "A spokesperson for the coast guard said two crews were on standby and that no vessel was reported missing.",
]
ARTICLE = f"""<!DOCTYPE html><html><head><title>Storm reaches the coast</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article><h1>Storm reaches the coast</h1>{"".join(f"<p>{p}</p>" for p in PARAGRAPHS)}</article>
<footer>Copyright Example Harbour News. All rights reserved.</footer></body></html>""".encode()


def entry(text: str) -> Entry:
    return Entry(uid="1", title="Storm", text=text)


@pytest.mark.parametrize(("text", "teaser"), [
    ("Boats return to port.", True),
    ("x" * 1000 + " Read more", True),
    ("x" * 1000 + " …", True),
    ("x" * 1000 + " [+2345 chars]", True),
    (" ".join(PARAGRAPHS) * 2, False),
])
def test_is_teaser(text, teaser):
    assert is_teaser(entry(text)) is teaser


async def test_main_text_of_the_linked_page(feed_server: FeedServer):
    feed_server.serve("/story", ARTICLE, content_type="text/html; charset=utf-8")
    async with Fetcher(allow_private=True) as f:
        text = await fetch_fulltext(f, feed_server.url("/story"))
    assert text is not None
    for p in PARAGRAPHS:
        assert p in text
    assert "All rights reserved" not in text and "Sport" not in text


async def test_no_full_text_when_the_page_is_missing_not_html_or_private(feed_server: FeedServer):
    feed_server.serve("/pdf", b"%PDF-1.4", content_type="application/pdf")
    async with Fetcher(allow_private=True) as f:
        assert await fetch_fulltext(f, feed_server.url("/nope")) is None
        assert await fetch_fulltext(f, feed_server.url("/pdf")) is None
    feed_server.serve("/story", ARTICLE, content_type="text/html")
    async with Fetcher() as guarded:   # the same address guard applies to article pages
        assert await fetch_fulltext(guarded, feed_server.url("/story")) is None
    assert feed_server.hits("/story") == 0
