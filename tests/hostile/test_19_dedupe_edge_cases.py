"""TESTING.md 19: feeds whose identities misbehave between two polls. Each case serves real RSS
bytes twice through the real pipeline; the second poll must alert exactly on what is really new."""

from __future__ import annotations

from datetime import datetime, timezone
from email.utils import format_datetime
from xml.sax.saxutils import escape

import pytest

from bot.delivery.outbox import drain
from bot.pipeline import refresh_due
from bot.runtime import open_runtime
from bot.settings import Settings
from tests.fakes.feed_server import FeedServer
from tests.resilience.helpers import RecordingRouter


def item(title: str, *, guid: str | None = None, link: str | None = None, day: int = 1) -> str:
    parts = [f"<title>{escape(title)}</title>", f"<description>{escape(title)}, officials said.</description>",
             f"<pubDate>{format_datetime(datetime(2026, 11, day, 9, tzinfo=timezone.utc))}</pubDate>"]
    if guid is not None:
        parts.append(f'<guid isPermaLink="false">{escape(guid)}</guid>')
    if link is not None:
        parts.append(f"<link>{escape(link)}</link>")
    return "<item>" + "".join(parts) + "</item>"


def feed(*items: str) -> bytes:
    return ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
            "<link>https://wire.example/</link><description>d</description>"
            + "".join(items) + "</channel></rss>").encode()


L = "https://wire.example/story/"
CASES = {
    "every item shares one guid; a new one arrives": (
        [item(f"Troops {n}", guid="same", link=L + n) for n in "abc"],
        [item("Troops d", guid="same", link=L + "d")] + [item(f"Troops {n}", guid="same", link=L + n) for n in "abc"],
        ["Troops d"]),
    "the guid changes when the title is edited": (
        [item("Troops reach Kursk", guid="v1", link=L + "a")],
        [item("Troops reach Kursk, officials confirm", guid="v2", link=L + "a")],
        []),
    "no guid, links with tracking parameters": (
        [item("Troops cross the river", link=L + "x?utm_source=rss&utm_medium=feed")],
        [item("Troops cross the river", link=L + "x?utm_source=twitter&utm_campaign=z&fbclid=abc")],
        []),
    "items out of date order; the new one is dated oldest": (
        [item("Troops b", guid="b", link=L + "b", day=5), item("Troops a", guid="a", link=L + "a", day=9)],
        [item("Troops b", guid="b", link=L + "b", day=5), item("Troops old-new", guid="c", link=L + "c", day=2),
         item("Troops a", guid="a", link=L + "a", day=9)],
        ["Troops old-new"]),
    "only the date changed": (
        [item("Troops hold the line", guid="k", link=L + "k", day=3)],
        [item("Troops hold the line", guid="k", link=L + "k", day=20)],
        []),
}


async def poll(settings: Settings) -> list[str]:
    router = RecordingRouter()
    async with open_runtime(settings, router=router) as rt:
        stats = await refresh_due(rt, only_due=False)
        assert stats.errors == 0, stats.messages
        await drain(rt.store, rt.router, rt.clock(), limit=100)
    return [title for title, _ in router.recorder.sent]


@pytest.mark.parametrize("case", list(CASES))
async def test_19_second_poll_alerts_only_on_what_is_really_new(tmp_path, case):
    first, second, expected = CASES[case]
    async with FeedServer() as srv:
        srv.serve("/wire.xml", feed(*first))
        settings = Settings(database={"url": f"sqlite+aiosqlite:///{tmp_path / 'd.db'}"},
                            fetch={"allow_private_addresses": True},
                            feeds=[{"url": srv.url("/wire.xml"), "backfill": 0}],
                            topics=[{"name": "troops", "query": "troops", "channels": ["console"]}])
        assert await poll(settings) == []                      # first poll: recorded, not alerted
        srv.serve("/wire.xml", feed(*second))
        assert await poll(settings) == expected
        assert await poll(settings) == []                      # and never again
