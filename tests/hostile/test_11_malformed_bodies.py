"""TESTING.md 11: malformed XML, wrong/missing charset, HTML, empty body, JSON Feed, over real HTTP.

Each is parsed when feedparser can, otherwise it becomes a readable error for that feed; a poll
over all of them still delivers the good feeds.
"""

from __future__ import annotations

import asyncio

import pytest

from bot.models import ParsedFeed
from bot.reader.fetcher import Fetcher, FetchError
from bot.reader.parse_isolated import parse_feed_isolated
from bot.reader.parser import FeedParseError
from tests.fakes.feed_server import FeedServer, feed_server  # noqa: F401

ITEM = "<item><guid>{g}</guid><title>{t}</title><link>https://x.example/{g}</link></item>"


def rss(title: str = "Ok", encoding: str | None = "utf-8") -> str:
    decl = f'<?xml version="1.0" encoding="{encoding}"?>' if encoding else ""
    return f'{decl}<rss version="2.0"><channel><title>c</title>{ITEM.format(g=1, t=title)}</channel></rss>'


BODIES = {
    # name: (bytes, content type, expected title or an error fragment)
    "well formed": (rss().encode(), "application/rss+xml", "Ok"),
    "bare ampersand (malformed)": (rss("Fish & Chips").encode(), "application/rss+xml", "Fish & Chips"),
    "unclosed tags (malformed)": (b'<rss version="2.0"><channel><item><guid>1</guid><title>Half</title><description>cut', "text/xml", "Half"),
    "latin-1 declared as utf-8 in the header": (rss("Coração", "iso-8859-1").encode("latin-1"),
                                                "application/xml; charset=utf-8", "Cora"),
    "latin-1 with no charset anywhere": (rss("Coração", None).encode("latin-1"), "application/xml", "Cora"),
    "utf-8 with a BOM": (b"\xef\xbb\xbf" + rss("Ünïcode").encode(), None, "Ünïcode"),
    "utf-16": (rss("Wide", "utf-16").encode("utf-16"), "application/xml", "Wide"),
    "JSON Feed": (b'{"version": "https://jsonfeed.org/version/1.1", "title": "J", "items": '
                  b'[{"id": "1", "title": "Jay", "content_text": "x"}]}', "application/feed+json", "Jay"),
    "HTML page": (b"<!DOCTYPE html><html><body><h1>Welcome</h1></body></html>", "text/html",
                  FeedParseError("not a feed: the server sent an HTML page")),
    "empty body": (b"", "application/rss+xml", FeedParseError("empty body: the server sent no feed")),
    "plain JSON": (b'{"error": "rate limited"}', "application/json",
                   FeedParseError("not a feed: JSON, but not a JSON Feed (no jsonfeed.org version)")),
    "binary garbage": (bytes(range(256)) * 4, "application/octet-stream", FeedParseError("not a feed")),
}


async def poll(fetcher: Fetcher, url: str) -> ParsedFeed:
    result = await fetcher.fetch_feed(url)
    assert result.body is not None
    return await parse_feed_isolated(result.body, result.final_url, content_type=result.content_type)


@pytest.mark.parametrize("name", BODIES)
async def test_each_body_parses_or_gives_a_readable_error(name, feed_server: FeedServer):
    body, ctype, expected = BODIES[name]
    feed_server.serve("/feed", body, content_type=ctype)
    async with Fetcher(allow_private=True) as f:
        if isinstance(expected, FeedParseError):
            with pytest.raises(FeedParseError) as exc:
                await poll(f, feed_server.url("/feed"))
            assert exc.value.reason.startswith(expected.reason)
        else:
            feed = await poll(f, feed_server.url("/feed"))
            assert feed.entries and feed.entries[0].title.startswith(expected)


async def test_one_poll_over_all_of_them_still_delivers_the_good_ones(feed_server: FeedServer):
    for name, (body, ctype, _) in BODIES.items():
        feed_server.serve(f"/{abs(hash(name))}", body, content_type=ctype)
    feed_server.serve("/gone", b"", status=410)
    names = list(BODIES) + ["gone"]
    async with Fetcher(allow_private=True) as f:
        urls = [feed_server.url(f"/{abs(hash(n))}") for n in BODIES] + [feed_server.url("/gone")]
        results = await asyncio.gather(*(poll(f, u) for u in urls), return_exceptions=True)
    outcome = dict(zip(names, results))
    errors = {n: r for n, r in outcome.items() if isinstance(r, BaseException)}
    assert all(isinstance(e, (FeedParseError, FetchError)) and e.reason for e in errors.values())
    assert set(errors) == {n for n, (_, _, exp) in BODIES.items() if isinstance(exp, FeedParseError)} | {"gone"}
    assert errors["gone"].reason == "HTTP 410 from 127.0.0.1"
