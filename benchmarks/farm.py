"""A local feed farm: N generated RSS feeds on loopback with real conditional GET, in its own process.

Why a separate process: the benchmarks measure the CPU the *client* spends per feed, and a server in
the same process would be billed to it. Feeds are spread over several loopback addresses
(127.0.0.1 .. 127.0.0.H, all routed to `lo` on Linux) because real feeds live on many hosts and the
fetcher caps connections per host.

    with FarmProcess(n_feeds=2000, hosts=32) as farm:
        farm.urls                         # one URL per feed
        farm.publish([3, 17], tag="L7")   # one new item in feeds 3 and 17; returns the farm's time
        farm.start_rate(2.0)              # or: new items at 2 per second on random feeds

Run alone: `python -m benchmarks.farm --feeds 100` serves until interrupted and prints the URL base.
Control endpoints (JSON): POST /_control/publish {"feeds": [...], "tag": str}, POST /_control/rate
{"per_s": float}, GET /_control/stats, GET /_control/published (items with added/served times), GET /_control/hits.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import deque
from dataclasses import dataclass, field
from email.utils import formatdate
from xml.sax.saxutils import escape

from aiohttp import web

WORDS = (
    "council budget harbour rail river festival market school hospital bridge election station park "
    "museum library airport energy water housing storm coast factory farm court police weather "
    "transport tax trade port county district mayor report plan vote review contract project"
).split()
ITEMS_PER_FEED = 10
INITIAL_ITEMS = 3


def item_text(rng: random.Random, n_words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n_words)).capitalize() + "."


@dataclass
class FeedState:
    index: int
    version: int = 0
    keep: int = ITEMS_PER_FEED
    items: deque = field(init=False)
    last_modified: str = ""
    body: bytes = b""

    def __post_init__(self) -> None:
        self.items = deque(maxlen=self.keep)

    @property
    def etag(self) -> str:
        return f'"f{self.index}-v{self.version}"'


class Farm:
    """The farm's state and aiohttp app; `published` keeps (tag, feed, time) for latency runs."""

    def __init__(self, n_feeds: int, seed: int = 7, items: int = INITIAL_ITEMS, html: bool = False):
        self.rng = random.Random(seed)
        self.html = html    # descriptions as escaped HTML (a paragraph and a link), as most real feeds send
        self.feeds = [FeedState(i, keep=max(ITEMS_PER_FEED, items)) for i in range(n_feeds)]
        self.counter = 0
        self.published: list[dict] = []
        self.stats = {"200": 0, "304": 0}
        self.unserved: dict[int, list[dict]] = {}   # feed -> published items no 200 has carried yet
        self.hits: dict[int, list[float]] = {}      # feed -> time of every request (the poll rhythm)
        self._rate_task: asyncio.Task | None = None
        for f in self.feeds:
            for _ in range(items):
                self._add_item(f, None)

    def _add_item(self, f: FeedState, tag: str | None, title: str | None = None) -> dict:
        self.counter += 1
        guid = f"farm-{f.index}-{self.counter}"
        head = title or item_text(self.rng, 6)
        if tag:
            head = f"{head} {tag}"
        summary = item_text(self.rng, 40)
        if self.html:
            summary = f'<p>{summary}</p><p><a href="http://news.invalid/{guid}">Read more</a></p>'
        now = time.time()
        f.items.appendleft((guid, head, summary, formatdate(now, usegmt=True)))
        f.version += 1
        f.last_modified = formatdate(now, usegmt=True)
        f.body = self._render(f)
        return {"feed": f.index, "guid": guid, "tag": tag, "t": now}

    def _render(self, f: FeedState) -> bytes:
        items = "".join(
            f"<item><title>{escape(t)}</title><link>http://news.invalid/{g}</link>"
            f'<guid isPermaLink="false">{g}</guid><pubDate>{d}</pubDate>'
            f"<description>{escape(s)}</description></item>"
            for g, t, s, d in f.items
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>Farm feed {f.index}</title><link>http://news.invalid/{f.index}</link>"
            f"<description>generated</description>{items}</channel></rss>"
        ).encode()

    async def feed(self, request: web.Request) -> web.Response:
        try:
            f = self.feeds[int(request.match_info["n"])]
        except (ValueError, IndexError):
            raise web.HTTPNotFound() from None
        self.hits.setdefault(f.index, []).append(time.time())
        inm = request.headers.get("If-None-Match")
        ims = request.headers.get("If-Modified-Since")
        headers = {"ETag": f.etag, "Last-Modified": f.last_modified}
        if (inm is not None and inm == f.etag) or (inm is None and ims == f.last_modified):
            self.stats["304"] += 1
            return web.Response(status=304, headers=headers)
        self.stats["200"] += 1
        for item in self.unserved.pop(f.index, ()):
            item["served_t"] = time.time()     # first response that carried it: when a poller got it
        return web.Response(body=f.body, headers={**headers, "Content-Type": "application/rss+xml; charset=utf-8"})

    async def publish(self, request: web.Request) -> web.Response:
        data = await request.json()
        tag = data.get("tag")
        added = [self._add_item(self.feeds[i], tag, data.get("title")) for i in data.get("feeds", [])]
        self._track(added)
        return web.json_response({"added": added})

    async def rate(self, request: web.Request) -> web.Response:
        per_s = float((await request.json()).get("per_s", 0))
        if self._rate_task is not None:
            self._rate_task.cancel()
            self._rate_task = None
        if per_s > 0:
            self._rate_task = asyncio.create_task(self._publish_at(per_s))
        return web.json_response({"per_s": per_s})

    async def _publish_at(self, per_s: float) -> None:
        while True:
            await asyncio.sleep(self.rng.expovariate(per_s))
            f = self.rng.choice(self.feeds)
            self._track([self._add_item(f, f"R{self.counter + 1}")])

    def _track(self, items: list[dict]) -> None:
        for item in items:
            self.published.append(item)
            self.unserved.setdefault(item["feed"], []).append(item)

    async def get_stats(self, request: web.Request) -> web.Response:
        return web.json_response({**self.stats, "published": len(self.published), "time": time.time()})

    async def get_hits(self, request: web.Request) -> web.Response:
        return web.json_response({"hits": {str(k): v for k, v in self.hits.items()}})

    async def get_published(self, request: web.Request) -> web.Response:
        return web.json_response({"published": self.published})

    def app(self) -> web.Application:
        app = web.Application()
        app.router.add_get("/feed/{n}.xml", self.feed)
        app.router.add_post("/_control/publish", self.publish)
        app.router.add_post("/_control/rate", self.rate)
        app.router.add_get("/_control/stats", self.get_stats)
        app.router.add_get("/_control/published", self.get_published)
        app.router.add_get("/_control/hits", self.get_hits)
        return app


async def serve(n_feeds: int, hosts: int, port: int, items: int = INITIAL_ITEMS, html: bool = False) -> None:
    farm = Farm(n_feeds, items=items, html=html)
    runner = web.AppRunner(farm.app(), access_log=None)
    await runner.setup()
    first = web.TCPSite(runner, "127.0.0.1", port, backlog=1024)
    await first.start()
    port = first._server.sockets[0].getsockname()[1]   # type: ignore[union-attr]
    for h in range(2, hosts + 1):
        await web.TCPSite(runner, f"127.0.0.{h}", port, backlog=1024).start()
    print(f"READY {port} {hosts}", flush=True)
    parent = os.getppid()
    while os.getppid() == parent:     # a benchmark killed mid-run must not leave its farm behind
        await asyncio.sleep(1)


def feed_url(port: int, hosts: int, i: int) -> str:
    return f"http://127.0.0.{1 + i % hosts}:{port}/feed/{i}.xml"


class FarmProcess:
    """Starts the farm in a child process; `.urls`, `.publish()`, `.start_rate()`, `.stats()`."""

    def __init__(self, n_feeds: int, hosts: int = 32, items: int = INITIAL_ITEMS, html: bool = False):
        self.n_feeds = n_feeds
        self.items = items
        self.html = html
        self.hosts = max(1, min(hosts, 250))
        self.proc: subprocess.Popen | None = None
        self.port = 0

    def __enter__(self) -> FarmProcess:
        for _attempt in range(3):   # a port free on 127.0.0.1 may be taken on another address: retry
            self._err = tempfile.TemporaryFile()
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "benchmarks.farm", "--feeds", str(self.n_feeds), "--hosts", str(self.hosts),
                 "--items", str(self.items)] + (["--html"] if self.html else []),
                stdout=subprocess.PIPE, stderr=self._err, text=True)
            line = self.proc.stdout.readline() if self.proc.stdout else ""
            if line.startswith("READY"):
                self.port = int(line.split()[1])
                return self
            self.proc.kill()
            self.proc.wait()
        self._err.seek(0)
        err = self._err.read().decode(errors="replace")
        raise RuntimeError(f"feed farm did not start: {err[-500:]}")

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()

    @property
    def pid(self) -> int:
        return self.proc.pid if self.proc else 0

    @property
    def urls(self) -> list[str]:
        return [feed_url(self.port, self.hosts, i) for i in range(self.n_feeds)]

    def _post(self, path: str, data: dict) -> dict:
        req = urllib.request.Request(f"http://127.0.0.1:{self.port}{path}", data=json.dumps(data).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
        with urllib.request.urlopen(req, timeout=30) as resp:
            return json.loads(resp.read())

    def publish(self, feeds: list[int], tag: str | None = None, title: str | None = None) -> list[dict]:
        """Add one item to each feed; returns [{"feed", "guid", "tag", "t"}] with the farm's clock."""
        return self._post("/_control/publish", {"feeds": feeds, "tag": tag, "title": title})["added"]

    def start_rate(self, per_s: float) -> None:
        self._post("/_control/rate", {"per_s": per_s})

    def _get(self, path: str) -> dict:
        with urllib.request.urlopen(f"http://127.0.0.1:{self.port}{path}", timeout=30) as resp:
            return json.loads(resp.read())

    def stats(self) -> dict:
        return self._get("/_control/stats")

    def hits(self) -> dict[int, list[float]]:
        """Farm-clock times of every request, per feed: how often each feed is really polled."""
        return {int(k): v for k, v in self._get("/_control/hits")["hits"].items()}

    def published(self) -> list[dict]:
        """Every published item with `t` (added) and `served_t` (first 200 that carried it), farm clock."""
        return self._get("/_control/published")["published"]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--feeds", type=int, default=100)
    p.add_argument("--hosts", type=int, default=32)
    p.add_argument("--port", type=int, default=0)
    p.add_argument("--items", type=int, default=INITIAL_ITEMS, help="items in each feed at start")
    p.add_argument("--html", action="store_true", help="descriptions as escaped HTML")
    a = p.parse_args()
    try:
        asyncio.run(serve(a.feeds, a.hosts, a.port, a.items, a.html))
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
