"""A local WebSub hub (W3C WebSub, the parts a subscriber meets), for tests and benchmarks.

    async with FakeHub() as hub:
        hub.url                                   # advertise it in a feed: <atom:link rel="hub" href=...>
        await hub.verified.wait()                 # a subscriber asked, and echoed the challenge
        status = await hub.publish(topic, body)   # content distribution, signed with the subscriber's secret

Subscription requests (POST, form-encoded hub.mode/topic/callback/secret/lease_seconds) get 202 and
then, as a real hub does, a verification GET to the callback with hub.challenge; the subscription
counts only if the callback answers 2xx with the challenge as its body. Scripting: `refuse_next`
(answer the request with an HTTP error), `deny_next` (202, then a hub.mode=denied GET),
`publish(..., secret="wrong")` (a forged signature).
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import secrets
from dataclasses import dataclass, field

import aiohttp
from aiohttp import web
from aiohttp.test_utils import TestServer


@dataclass
class HubSubscription:
    topic: str
    callback: str
    secret: str | None
    lease_seconds: int | None
    verified: bool = False


@dataclass
class Request:
    form: dict[str, str]
    status: int = 202


@dataclass
class FakeHub:
    requests: list[Request] = field(default_factory=list)
    subscriptions: dict[tuple[str, str], HubSubscription] = field(default_factory=dict)   # (topic, callback)
    refuse_status: list[int] = field(default_factory=list)
    deny: int = 0
    verified: asyncio.Event = field(default_factory=asyncio.Event)
    denied: asyncio.Event = field(default_factory=asyncio.Event)     # a denial reached the callback
    lease_seconds: int | None = None          # grant this instead of what was asked
    _server: TestServer | None = None
    _session: aiohttp.ClientSession | None = None
    _tasks: set = field(default_factory=set)

    async def __aenter__(self) -> "FakeHub":
        app = web.Application()
        app.router.add_post("/", self._subscribe)
        self._server = TestServer(app, host="127.0.0.1")
        await self._server.start_server()
        self._session = aiohttp.ClientSession()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await asyncio.gather(*self._tasks, return_exceptions=True)
        assert self._session is not None and self._server is not None
        await self._session.close()
        await self._server.close()

    @property
    def url(self) -> str:
        assert self._server is not None
        return str(self._server.make_url("/"))

    def refuse_next(self, status: int = 500) -> None:
        self.refuse_status.append(status)

    def deny_next(self) -> None:
        self.deny += 1

    def for_topic_all(self) -> list[HubSubscription]:
        return [s for s in self.subscriptions.values() if s.verified]

    def for_topic(self, topic: str) -> list[HubSubscription]:
        return [s for s in self.subscriptions.values() if s.topic == topic and s.verified]

    async def _subscribe(self, request: web.Request) -> web.Response:
        form = {k: str(v) for k, v in (await request.post()).items()}
        req = Request(form)
        self.requests.append(req)
        if self.refuse_status:
            req.status = self.refuse_status.pop(0)
            return web.Response(status=req.status, text="refused")
        if form.get("hub.mode") != "subscribe" or not form.get("hub.topic") or not form.get("hub.callback"):
            req.status = 400
            return web.Response(status=400, text="hub.mode, hub.topic and hub.callback are required")
        task = asyncio.get_running_loop().create_task(self._verify(form))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return web.Response(status=202, text="accepted")

    async def _verify(self, form: dict[str, str]) -> None:
        assert self._session is not None
        topic, callback = form["hub.topic"], form["hub.callback"]
        if self.deny:
            self.deny -= 1
            async with self._session.get(callback, params={"hub.mode": "denied", "hub.topic": topic,
                                                           "hub.reason": "not allowed here"}) as resp:
                await resp.read()
            self.denied.set()
            return
        challenge = secrets.token_urlsafe(16)
        lease = self.lease_seconds or int(form.get("hub.lease_seconds") or 864000)
        params = {"hub.mode": "subscribe", "hub.topic": topic, "hub.challenge": challenge,
                  "hub.lease_seconds": str(lease)}
        async with self._session.get(callback, params=params) as resp:
            ok = 200 <= resp.status < 300 and (await resp.text()) == challenge
        if ok:
            self.subscriptions[(topic, callback)] = HubSubscription(topic, callback, form.get("hub.secret"), lease,
                                                                    verified=True)
            self.verified.set()

    async def publish(self, topic: str, body: bytes, *, content_type: str = "application/rss+xml",
                      secret: str | None = None) -> list[int]:
        """Distribute `body` to every verified subscriber of `topic`; returns their status codes."""
        assert self._session is not None
        out = []
        for sub in self.for_topic(topic):
            key = secret if secret is not None else sub.secret
            headers = {"Content-Type": content_type}
            if key:
                headers["X-Hub-Signature"] = "sha256=" + hmac.new(key.encode(), body, hashlib.sha256).hexdigest()
            async with self._session.post(sub.callback, data=body, headers=headers) as resp:
                out.append(resp.status)
        return out
