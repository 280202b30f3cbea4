"""Shared by the resilience tests: RSS bytes, a Discord fake that answers message posts late, and
polling with a deadline instead of sleeping."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from xml.sax.saxutils import escape

from aiohttp import web

from tests.fakes.discord_server import FakeDiscord


def rss(items: list[tuple[str, str]], *, title: str = "Wire", start: datetime | None = None) -> bytes:
    """RSS 2.0 bytes; `items` are (guid, title), newest first, one minute apart."""
    start = start or datetime(2026, 11, 1, 12, 0, tzinfo=timezone.utc)
    body = "".join(
        f"<item><guid>{escape(guid)}</guid><title>{escape(t)}</title>"
        f"<link>https://wire.example/{escape(guid)}</link>"
        f"<description>{escape(t)}. Officials gave no figure.</description>"
        f"<pubDate>{format_datetime(start - timedelta(minutes=i))}</pubDate></item>"
        for i, (guid, t) in enumerate(items))
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
            f"<link>https://wire.example/</link><description>test</description>{body}</channel></rss>").encode()


class LateDiscord(FakeDiscord):
    """Creates each message at once but holds the answer until `release` is set (then waits
    `answer_delay_s` more): the window in which a crash leaves a message in the channel that the bot
    never heard about (TESTING.md 17)."""

    def __init__(self, *, answer_delay_s: float = 0.0, hold: bool = False, **kw):
        super().__init__(**kw)
        self.answer_delay_s = answer_delay_s
        self.release = asyncio.Event()
        if not hold:
            self.release.set()

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        resp = await super()._rest(request)
        if request.method == "POST" and request.path.endswith("/messages"):
            await self.release.wait()
            if self.answer_delay_s:
                await asyncio.sleep(self.answer_delay_s)
        return resp


async def wait_for(cond: Callable[[], bool], timeout: float, what: str | Callable[[], str],
                   step: float = 0.02) -> None:
    """Poll `cond` on the running loop until it holds; fail with `what` (a callable is asked at the
    time of failure, so it can describe the state then) after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not cond():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what() if callable(what) else what}")
        await asyncio.sleep(step)


class Recorder:
    """A destination that keeps what it was sent; `down` makes it answer like a 5xx outage."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []      # (entry title, nonce) in arrival order
        self.attempts = 0
        self.down = False

    async def send(self, alert, nonce: str) -> str | None:
        from bot.delivery.base import DeliveryError

        self.attempts += 1
        if self.down:
            raise DeliveryError("HTTP 500 scripted outage", kind="retry")
        self.sent.append((alert.entry.title, nonce))
        return f"m{len(self.sent)}"


class RecordingRouter:
    """Every destination is one Recorder (enough for a single channel)."""

    def __init__(self) -> None:
        self.recorder = Recorder()

    def get(self, destination: str) -> Recorder:
        return self.recorder

    async def close(self) -> None:
        pass


async def queue_alerts(store, titles: list[str], destinations: tuple[str, ...]) -> list[int]:
    """Alerts for `titles`, queued to `destinations` in that order (as the pipeline would); alert ids."""
    from bot.models import Alert, Entry, Feed, Topic

    feed = await store.add_feed(Feed(url="https://wire.example/feed.xml", name="Example Wire", backfill=50))
    topic = await store.add_topic(Topic(name="troops", query="troops", channels=destinations))
    stored = await store.add_entries(feed, [
        Entry(uid=f"u{i}", title=t, text=f"{t}. No figures yet.", link=f"https://wire.example/{i}",
              content_hash=f"h{i}") for i, t in enumerate(titles)])
    by_title = {e.title: e for e in stored}
    ids = []
    for t in titles:
        alert = await store.add_alert(Alert(entry=by_title[t], feed_name=feed.name, topic=topic,
                                            why={"title": ["troops"]}, summary=t))
        await store.enqueue(alert.id, list(destinations))
        ids.append(alert.id)
    return ids


