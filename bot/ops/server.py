"""The operator's HTTP port: `/metrics` (Prometheus text), `/livez` and `/readyz` (status code is the answer).

Served by `newsbot run` when `[metrics] enabled = true`, on `[metrics] host:port` (port 0: any free
port, logged). Gauges that describe the database (failing feeds, outbox depth and age) are read at
scrape time, so they cost nothing between scrapes.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import Counter
from collections.abc import Callable

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from bot.ops import metrics
from bot.ops.health import DB_TIMEOUT_S, readiness
from bot.ops.loop_lag import LoopLagMonitor

log = logging.getLogger(__name__)
LIVE_STALE_S = 10.0     # the lag monitor ticks 4 times a second; silence this long means a stuck loop


class OpsServer:
    def __init__(self, rt, *, host: str, port: int, lag: LoopLagMonitor,
                 alive: Callable[[], bool] = lambda: True):
        self.rt = rt
        self.host, self.port = host, port
        self.lag = lag
        self.alive = alive
        self._runner: web.AppRunner | None = None

    def app(self) -> web.Application:
        app = web.Application(client_max_size=4096)
        app.router.add_get("/metrics", self._metrics)
        app.router.add_get("/livez", self._livez)
        app.router.add_get("/readyz", self._readyz)
        return app

    async def start(self) -> int:
        self._runner = web.AppRunner(self.app(), access_log=None, shutdown_timeout=0.5)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.host, self.port)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        log.warning("metrics: serving /metrics, /livez and /readyz on http://%s:%d", self.host, self.port)
        return self.port

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def _metrics(self, request: web.Request) -> web.Response:
        try:
            async with asyncio.timeout(DB_TIMEOUT_S):
                await refresh_store_gauges(self.rt)
            metrics.DATABASE_UP.set(1)
        except Exception:     # the scrape still answers: process metrics are worth having in an outage
            metrics.DATABASE_UP.set(0)
        body = generate_latest(metrics.REGISTRY)
        return web.Response(body=body, headers={"Content-Type": CONTENT_TYPE_LATEST})

    async def _livez(self, request: web.Request) -> web.Response:
        last = self.lag.last_tick
        stale = last is not None and time.monotonic() - last > LIVE_STALE_S
        ok = self.lag.running and not stale and self.alive()
        text = "ok\n" if ok else "not live: the scheduler or the event-loop monitor has stopped\n"
        return web.Response(status=200 if ok else 503, text=text)

    async def _readyz(self, request: web.Request) -> web.Response:
        report = await readiness(self.rt)
        return web.Response(status=200 if report.ok else 503, text=report.text())


async def refresh_store_gauges(rt) -> None:
    errors = await rt.store.failing_feed_errors()
    metrics.record_failing(Counter(metrics.reason_class(e) for e in errors))
    counts = await rt.store.outbox_counts()
    oldest = await rt.store.oldest_pending_delivery()
    age = (rt.clock() - oldest).total_seconds() if oldest is not None else None
    metrics.record_outbox(counts, max(0.0, age) if age is not None else None)
