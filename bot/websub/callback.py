"""The callback hubs call: GET to verify a subscription (echo the challenge), POST to push content.

Served by `newsbot run` on `[websub] listen_host:listen_port` at the path of `callback_url`, one
URL per subscription (`.../<token>`). A push is accepted only with a valid `X-Hub-Signature` made
with that subscription's secret (compared in constant time); it is answered 202 at once and then
handled exactly like a fetched copy of the feed (isolated parse, store, match, alert, outbox).
"""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta

from aiohttp import web
from yarl import URL

from bot.ops import metrics
from bot.ops.json_logs import log_ids
from bot.delivery import outbox
from bot.pipeline import refresh_from_push
from bot.websub.signature import valid_signature

log = logging.getLogger(__name__)
MAX_CHALLENGE = 1024
MIN_LEASE_S, MAX_LEASE_S = 60, 366 * 86400


class CallbackServer:
    def __init__(self, rt, *, host: str, port: int):
        self.rt = rt
        self.host, self.port = host, port
        self.path = URL(str(rt.settings.websub.callback_url)).path.rstrip("/")
        self.tasks: set[asyncio.Task] = set()
        self._runner: web.AppRunner | None = None

    def app(self) -> web.Application:
        app = web.Application(client_max_size=self.rt.settings.fetch.max_bytes)
        app.router.add_get(self.path + "/{token}", self._verify)
        app.router.add_post(self.path + "/{token}", self._push)
        return app

    async def start(self) -> int:
        self._runner = web.AppRunner(self.app(), access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        log.warning("websub: callback listening on http://%s:%d%s/", self.host, self.port, self.path)
        return self.port

    async def stop(self) -> None:
        await self.drain()
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def drain(self) -> None:
        """Wait for the pushes being processed (tests, and an orderly stop)."""
        while self.tasks:
            await asyncio.gather(*list(self.tasks), return_exceptions=True)

    async def _verify(self, request: web.Request) -> web.Response:
        q = request.query
        sub = await self.rt.store.websub_by_token(request.match_info["token"])
        mode = q.get("hub.mode")
        if sub is None:
            return web.Response(status=404, text="unknown subscription")
        now = self.rt.clock()
        if mode == "denied":
            reason = (q.get("hub.reason") or "no reason given")[:200]
            await self.rt.store.websub_fail(sub.feed_id, error=f"the hub denied the subscription ({reason})",
                                            retry_at=now + timedelta(seconds=self.rt.settings.websub.retry_after))
            self.rt.websub.forget(sub.feed_id)
            return web.Response(text="ok")
        challenge = q.get("hub.challenge") or ""
        if (mode != "subscribe" or q.get("hub.topic") != sub.topic or not challenge
                or len(challenge) > MAX_CHALLENGE or sub.state not in ("requested", "active")):
            return web.Response(status=404, text="not a subscription newsbot asked for")
        try:
            lease_s = int(q.get("hub.lease_seconds") or self.rt.settings.websub.lease)
        except ValueError:
            lease_s = int(self.rt.settings.websub.lease)
        lease_until = now + timedelta(seconds=min(MAX_LEASE_S, max(MIN_LEASE_S, lease_s)))
        await self.rt.store.websub_activate(sub.token, lease_until)
        self.rt.websub.activated(sub.feed_id, lease_until)
        log.info("websub: feed %s is pushed to until %s", sub.feed_id, lease_until.isoformat(),
                 extra=log_ids(feed_id=sub.feed_id))
        return web.Response(text=challenge, content_type="text/plain")

    async def _push(self, request: web.Request) -> web.Response:
        sub = await self.rt.store.websub_by_token(request.match_info["token"])
        if sub is None or sub.state != "active":
            metrics.WEBSUB_PUSHES.labels("unknown").inc()
            return web.Response(status=410, text="no such subscription")   # 410: the hub may drop it
        try:
            body = await request.read()
        except web.HTTPRequestEntityTooLarge:
            metrics.WEBSUB_PUSHES.labels("too_large").inc()
            return web.Response(status=413, text="too large")
        if not valid_signature(sub.secret, body, request.headers.get("X-Hub-Signature")):
            metrics.WEBSUB_PUSHES.labels("bad_signature").inc()
            log.warning("websub: push for feed %s refused: bad or missing X-Hub-Signature", sub.feed_id,
                        extra=log_ids(feed_id=sub.feed_id))
            return web.Response(status=403, text="bad signature")
        feed = await self.rt.store.get_feed(sub.feed_id)
        if feed is None or not feed.enabled:
            return web.Response(status=410, text="feed removed")
        metrics.WEBSUB_PUSHES.labels("accepted").inc()
        task = asyncio.get_running_loop().create_task(self._process(feed, body, request.content_type))
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)
        return web.Response(status=202, text="accepted")

    async def _process(self, feed, body: bytes, content_type: str | None) -> None:
        try:
            alerts = await refresh_from_push(self.rt, feed, body, content_type)
            if alerts:     # deliver now: wait for a drain in progress rather than for the next tick
                async with self.rt.draining:
                    await outbox.drain(self.rt.store, self.rt.router, self.rt.clock())
        except Exception:       # one bad push must not take the callback server down
            log.exception("websub: processing a push for feed %s failed", feed.id, extra=log_ids(feed_id=feed.id))
