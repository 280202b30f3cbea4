"""TESTING.md 6: feedparser is only ever handed bytes; it never fetches a URL or opens a file itself.

The fast path (lxml) gets the same bytes and the same tests: its parser loads no DTD and has no
network access.
"""

from __future__ import annotations

import io

import feedparser
import pytest

from bot.reader import feedparser_path
from bot.reader.parser import FeedParseError, parse_feed
from tests.fakes.feed_server import FeedServer, feed_server  # noqa: F401

FEED = b'<rss version="2.0"><channel><title>secret</title><item><title>from disk</title></item></channel></rss>'


async def test_a_body_that_is_a_url_is_not_fetched(feed_server: FeedServer):
    feed_server.serve("/feed.xml", FEED)
    with pytest.raises(FeedParseError):
        parse_feed(feed_server.url("/feed.xml").encode(), "https://x.example/")
    assert feed_server.requests == []


def test_a_body_that_is_a_file_name_is_not_read(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_bytes(FEED)
    # feedparser.parse(b"/path") would open the file; parse_feed must treat it as (non-feed) text
    assert feedparser.parse(str(path).encode()).entries[0].title == "from disk"
    with pytest.raises(FeedParseError):
        parse_feed(str(path).encode(), "https://x.example/")


@pytest.mark.parametrize("fast", [True, False], ids=["fast path", "feedparser"])
async def test_an_external_dtd_is_not_fetched(feed_server: FeedServer, fast: bool):
    feed_server.serve("/evil.dtd", b'<!ENTITY x "pwned">', content_type="application/xml-dtd")
    body = (f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{feed_server.url("/evil.dtd")}">'
            '<rss version="2.0"><channel><item><title>ok &amp; x</title></item></channel></rss>').encode()
    feed = parse_feed(body, "https://x.example/", fast=fast)
    assert feed.entries[0].title == "ok & x"
    assert feed_server.requests == []


def test_feedparser_only_ever_sees_a_bytes_stream(monkeypatch):
    seen = []
    real = feedparser.parse

    def spy(source, *args, **kwargs):
        seen.append(source)
        return real(source, *args, **kwargs)

    monkeypatch.setattr(feedparser_path.feedparser, "parse", spy)
    parse_feed(FEED, "https://x.example/feed", fast=False)
    assert len(seen) == 1 and isinstance(seen[0], io.BytesIO)
