"""WebSub against a local hub: subscribe, verify, a signed push becomes an alert without a poll,
a forged one is refused, leases are renewed, and a failed subscription falls back to polling."""

from __future__ import annotations

import contextlib
import io
import socket
from collections.abc import AsyncIterator
from datetime import timedelta

from rich.console import Console

from bot.pipeline import poll_interval, refresh_due
from bot.runtime import open_runtime
from bot.settings import Settings
from bot.websub.callback import CallbackServer
from bot.websub.discovery import header_links
from bot.websub.signature import sign, valid_signature
from bot.websub.subscriber import WebSub
from tests.fakes.feed_server import FeedServer
from tests.fakes.websub_hub import FakeHub

TOPIC = {"name": "nk", "query": '"north korea*" AND (troops OR soldiers)', "channels": ["console"]}


def feed_xml(hub: str, self_url: str, items: list[tuple[str, str]]) -> bytes:
    body = "".join(f"<item><guid>{guid}</guid><title>{title}</title><description>{title}.</description></item>"
                   for guid, title in items)
    return (f'<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
            f'<title>Pushed</title><atom:link rel="hub" href="{hub}"/><atom:link rel="self" href="{self_url}"/>'
            f"{body}</channel></rss>").encode()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.asynccontextmanager
async def pushed_runtime(tmp_path, feed_url: str, out: io.StringIO) -> AsyncIterator[tuple]:
    port = free_port()
    settings = Settings(database={"url": f"sqlite+aiosqlite:///{tmp_path / 'ws.db'}"},
                        fetch={"allow_private_addresses": True}, topics=[TOPIC],
                        feeds=[{"url": feed_url, "name": "Pushed", "interval": "5m"}],
                        websub={"enabled": True, "callback_url": f"http://127.0.0.1:{port}/websub",
                                "listen_port": port, "lease": "1d"})
    async with open_runtime(settings, console=Console(file=out, width=200)) as rt:
        async with WebSub(rt.store, settings.websub, allow_private=True, user_agent="test") as websub:
            rt.websub = websub
            server = CallbackServer(rt, host="127.0.0.1", port=port)
            await server.start()
            try:
                yield rt, websub, server
            finally:
                await server.stop()


async def test_a_signed_push_becomes_an_alert_without_a_poll_and_a_forged_one_is_refused(tmp_path):
    out = io.StringIO()
    async with FakeHub() as hub, FeedServer() as srv:
        feed_url = srv.url("/feed.xml")
        srv.serve("/feed.xml", feed_xml(hub.url, feed_url, [("a1", "Harbour council meets")]), etag='"1"')
        async with pushed_runtime(tmp_path, feed_url, out) as (rt, websub, server):
            await refresh_due(rt)                      # first poll: the hub is discovered, nothing alerts
            await websub.maintain(rt.clock())          # ... and asked; it verifies through the callback
            await hub.verified.wait()
            [feed] = await rt.store.list_feeds()
            [sub] = await rt.store.websub_all()
            assert sub.state == "active" and sub.topic == feed_url
            assert hub.requests[0].form["hub.callback"].startswith(rt.settings.websub.callback_url + "/")
            assert await poll_interval(rt, feed, rt.clock(), changed=False) == 3600   # polled as a safety net only

            polls = srv.hits("/feed.xml")
            news = feed_xml(hub.url, feed_url, [("a2", "North Korea sends more troops to Kursk"),
                                                ("a1", "Harbour council meets")])
            assert await hub.publish(feed_url, news) == [202]
            await server.drain()
            assert "North Korea sends more troops to Kursk" in out.getvalue()       # delivered to the console
            assert srv.hits("/feed.xml") == polls                                  # without a poll

            forged = feed_xml(hub.url, feed_url, [("a3", "North Korea soldiers: forged claim")])
            assert await hub.publish(feed_url, forged, secret="not-the-secret") == [403]
            await server.drain()
            assert "forged claim" not in out.getvalue()
            assert len(await rt.store.list_alerts()) == 1


async def test_leases_are_renewed_and_a_failed_subscription_falls_back_to_polling(tmp_path):
    out = io.StringIO()
    async with FakeHub() as hub, FeedServer() as srv:
        feed_url = srv.url("/feed.xml")
        srv.serve("/feed.xml", feed_xml(hub.url, feed_url, [("a1", "Harbour council meets")]), etag='"1"')
        async with pushed_runtime(tmp_path, feed_url, out) as (rt, websub, server):
            await refresh_due(rt)
            await websub.maintain(rt.clock())
            await hub.verified.wait()
            [first] = await rt.store.websub_all()

            # Shortly before the lease ends, the subscription is asked for again with a new callback.
            hub.verified.clear()
            await websub.maintain(first.lease_until - timedelta(minutes=30))
            await hub.verified.wait()
            [renewed] = await rt.store.websub_all()
            assert len(hub.requests) == 2 and renewed.state == "active" and renewed.token != first.token
            assert renewed.lease_until > first.lease_until - timedelta(minutes=1)
            old_callback = hub.requests[0].form["hub.callback"]
            hub.subscriptions = {k: v for k, v in hub.subscriptions.items() if v.callback == old_callback}
            assert await hub.publish(feed_url, b"<rss/>") == [410]     # the old callback is gone

            # The hub refuses the next renewal: the feed goes back to its own interval.
            hub.refuse_next(503)
            await websub.maintain(renewed.lease_until - timedelta(minutes=20))
            [failed] = await rt.store.websub_all()
            assert failed.state == "failed" and "HTTP 503" in failed.last_error
            [feed] = await rt.store.list_feeds()
            assert await poll_interval(rt, feed, rt.clock(), changed=False) == 300


async def test_a_denied_subscription_fails_and_is_retried_later(tmp_path):
    out = io.StringIO()
    async with FakeHub() as hub, FeedServer() as srv:
        feed_url = srv.url("/feed.xml")
        srv.serve("/feed.xml", feed_xml(hub.url, feed_url, [("a1", "Harbour council meets")]))
        async with pushed_runtime(tmp_path, feed_url, out) as (rt, websub, server):
            hub.deny_next()
            await refresh_due(rt)
            await websub.maintain(rt.clock())
            await hub.denied.wait()
            [sub] = await rt.store.websub_all()
            assert sub.state == "failed" and "denied" in sub.last_error
            assert sub.next_attempt_at >= rt.clock() + timedelta(hours=5)
            await websub.maintain(rt.clock() + timedelta(minutes=10))       # not yet: the retry waits
            assert len(hub.requests) == 1
            await websub.maintain(sub.next_attempt_at + timedelta(seconds=1))
            await hub.verified.wait()
            [again] = await rt.store.websub_all()
            assert len(hub.requests) == 2 and again.state == "active"


def test_link_headers_and_signatures():
    links = header_links('<https://hub.example/>; rel="hub", <https://news.example/feed>; rel="self"')
    assert links == {"hub": "https://hub.example/", "self": "https://news.example/feed"}
    body = b"<rss/>"
    assert valid_signature("s3cret", body, sign("s3cret", body))
    assert valid_signature("s3cret", body, sign("s3cret", body, "sha1"))
    assert not valid_signature("s3cret", body + b" ", sign("s3cret", body))
    assert not valid_signature("s3cret", body, None) and not valid_signature("s3cret", body, "md5=00")
