"""Asks hubs for subscriptions, renews them before their lease ends, gives up on hubs that never verify.

One per process (`Runtime.websub`). The pipeline reports hubs it discovers (`discovered`, no I/O);
the scheduler's tick calls `maintain`, which does the talking. The poller asks `push_interval`:
while a feed is pushed to, it is polled only every `[websub] poll_interval` as a safety net; once
its subscription fails it is polled at its own interval again. Requests to hubs go through the same
address guard as feed fetches.
"""

from __future__ import annotations

import logging
import secrets
from datetime import datetime, timedelta

import aiohttp
from yarl import URL

from bot.ops.json_logs import log_ids
from bot.ops.metrics import WEBSUB_SUBSCRIPTIONS
from bot.reader.addresses import check_host, check_url
from bot.reader.errors import FetchError
from bot.reader.fetcher import GuardedResolver
from bot.redact import redact
from bot.settings import WebSubSettings

log = logging.getLogger(__name__)
MAINTAIN_EVERY = timedelta(seconds=30)
HUB_TIMEOUT_S = 20.0


class WebSub:
    def __init__(self, store, settings: WebSubSettings, *, allow_private: bool, user_agent: str):
        self.store, self.settings = store, settings
        self.allow_private, self.user_agent = allow_private, user_agent
        self._known: dict[int, tuple[str, str]] = {}    # feed id -> (hub, topic) in the database
        self._active: dict[int, datetime] = {}           # feed id -> lease end
        self._queue: dict[int, tuple[str, str]] = {}     # discovered, not asked yet
        self._last: datetime | None = None
        self._session: aiohttp.ClientSession | None = None

    async def __aenter__(self) -> "WebSub":
        resolver = GuardedResolver(aiohttp.resolver.DefaultResolver(), allow_private=self.allow_private)
        self._session = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(resolver=resolver, use_dns_cache=False),
            timeout=aiohttp.ClientTimeout(total=HUB_TIMEOUT_S), headers={"User-Agent": self.user_agent},
            cookie_jar=aiohttp.DummyCookieJar(), trust_env=False)
        await self._reload()
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._session is not None:
            await self._session.close()

    # --- what the pipeline and the poller ask (no I/O) -----------------------------------------
    def discovered(self, feed_id: int, hub: str, topic: str) -> None:
        if self._known.get(feed_id) != (hub, topic):
            self._queue[feed_id] = (hub, topic)

    def push_interval(self, feed_id: int, now: datetime) -> float | None:
        lease_end = self._active.get(feed_id)
        return self.settings.poll_interval if lease_end is not None and lease_end > now else None

    def activated(self, feed_id: int, lease_until: datetime) -> None:
        self._active[feed_id] = lease_until

    def forget(self, feed_id: int) -> None:
        self._active.pop(feed_id, None)

    # --- the talking ----------------------------------------------------------------------------
    async def maintain(self, now: datetime) -> None:
        """Ask for new subscriptions, renew leases that end soon, fail the unverified, retry the failed."""
        if not self._queue and self._last is not None and now - self._last < MAINTAIN_EVERY:
            return
        self._last = now
        subs = {s.feed_id: s for s in await self.store.websub_all()}
        queue, self._queue = self._queue, {}
        for feed_id, (hub, topic) in queue.items():
            current = subs.get(feed_id)
            if current is None or (current.hub, current.topic) != (hub, topic):   # new, or the feed moved hubs
                await self.subscribe(feed_id, hub, topic, now)
        verify = timedelta(seconds=self.settings.verify_timeout)
        lease = timedelta(seconds=self.settings.lease)
        margin = max(timedelta(hours=1), lease / 10)
        for s in subs.values():
            if s.feed_id in queue:
                continue
            if s.state == "requested" and s.requested_at and now - s.requested_at > verify:
                await self._fail(s.feed_id, "the hub did not verify the subscription in time", now)
            elif s.state == "active" and s.lease_until and s.lease_until - now < margin:
                await self.subscribe(s.feed_id, s.hub, s.topic, now)          # renew before the lease ends
            elif s.state == "failed" and s.next_attempt_at and s.next_attempt_at <= now:
                await self.subscribe(s.feed_id, s.hub, s.topic, now)
        await self._reload()

    async def subscribe(self, feed_id: int, hub: str, topic: str, now: datetime) -> bool:
        token, secret = secrets.token_urlsafe(24), secrets.token_hex(32)
        # Recorded before asking: a hub may verify before it answers the request.
        await self.store.websub_request(feed_id, hub=hub, topic=topic, token=token, secret=secret, now=now)
        self._known[feed_id] = (hub, topic)
        form = {"hub.mode": "subscribe", "hub.topic": topic, "hub.callback": self.callback(token),
                "hub.secret": secret, "hub.lease_seconds": str(int(self.settings.lease))}
        try:
            status = await self._post(hub, form)
        except (FetchError, aiohttp.ClientError, TimeoutError, OSError) as e:
            reason = getattr(e, "reason", None) or type(e).__name__
            await self._fail(feed_id, f"cannot reach the hub: {redact(str(reason))}", now)
            return False
        if not 200 <= status < 300:
            await self._fail(feed_id, f"the hub answered HTTP {status}", now)
            return False
        log.info("websub: asked %s for pushes of feed %s", URL(hub).host, feed_id, extra=log_ids(feed_id=feed_id))
        return True

    def callback(self, token: str) -> str:
        return f"{str(self.settings.callback_url).rstrip('/')}/{token}"

    async def _post(self, hub: str, form: dict[str, str]) -> int:
        assert self._session is not None, "use `async with WebSub(...)`"
        check_url(hub)
        check_host(URL(hub).host or "", allow_private=self.allow_private)
        async with self._session.post(hub, data=form, allow_redirects=False) as resp:
            await resp.read()
            return resp.status

    async def _fail(self, feed_id: int, reason: str, now: datetime) -> None:
        log.warning("websub: subscription for feed %s failed: %s; polling it as usual", feed_id, reason,
                    extra=log_ids(feed_id=feed_id))
        await self.store.websub_fail(feed_id, error=reason, retry_at=now + timedelta(seconds=self.settings.retry_after))
        self.forget(feed_id)

    async def _reload(self) -> None:
        """The database is the truth (several processes may share it); this is its in-memory view."""
        subs = await self.store.websub_all()
        self._known = {s.feed_id: (s.hub, s.topic) for s in subs}   # failed ones wait for next_attempt_at
        self._active = {s.feed_id: s.lease_until for s in subs if s.state == "active" and s.lease_until}
        for state in ("requested", "active", "failed"):
            WEBSUB_SUBSCRIPTIONS.labels(state).set(sum(s.state == state for s in subs))
