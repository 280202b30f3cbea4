"""An entry's text is capped when it is parsed: a huge item cannot become a poison pill further on
(matching, extraction, storage). The rest is dropped, and the entry says how much."""

from __future__ import annotations

import logging
import time

import pytest

from bot.reader.parser import MAX_TEXT_CHARS, parse_feed


def feed_with(description: str, *, extra: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>'
            f"<item><guid>big</guid><title>Huge</title><description><![CDATA[{description}]]></description>"
            f"{extra}</item><item><guid>small</guid><title>Small</title><description>fine</description></item>"
            "</channel></rss>").encode()


@pytest.mark.parametrize("fast", [True, False], ids=["fast path", "feedparser"])
def test_a_huge_entry_is_cut_at_the_cap_and_says_so(fast: bool):
    body = feed_with("<p>" + "troops moved north. " * 60_000 + "</p>")   # 1.2 M characters of text
    big, small = parse_feed(body, "https://x.example/feed", fast=fast).entries
    assert len(big.text) <= MAX_TEXT_CHARS and big.text.startswith("troops moved north.")
    assert big.text_cut >= 1_200_000 - MAX_TEXT_CHARS - 10
    assert small.text == "fine" and small.text_cut == 0


def test_the_cap_is_configurable_and_bounds_the_work_on_a_12_mib_item():
    body = feed_with("<b>x</b> " * 1_400_000)   # ~12 MiB of markup
    started = time.perf_counter()
    big = parse_feed(body, "https://x.example/feed", max_text_chars=5_000).entries[0]
    assert time.perf_counter() - started < 3
    assert len(big.text) <= 5_000 and big.text_cut > 0


async def test_the_pipeline_logs_a_cut_entry(caplog, tmp_path):
    from bot.pipeline import refresh_feed
    from bot.runtime import open_runtime
    from bot.settings import Settings
    from tests.fakes.feed_server import FeedServer

    async with FeedServer() as server:
        server.serve("/big.xml", feed_with("word " * 50_000), content_type="application/rss+xml")
        settings = Settings(database={"url": f"sqlite+aiosqlite:///{tmp_path / 'db.sqlite'}"},
                            fetch={"allow_private_addresses": True, "max_entry_chars": 10_000},
                            feeds=[{"url": server.url("/big.xml"), "name": "Big"}])
        async with open_runtime(settings) as rt:
            feed = (await rt.store.list_feeds(None))[0]
            with caplog.at_level(logging.WARNING, logger="bot.pipeline"):
                await refresh_feed(rt, feed)
            stored = await rt.store.recent_entries()
    assert any("cut to 10000 characters" in r.getMessage() for r in caplog.records)
    assert max(len(e.text) for e in stored) <= 10_000
