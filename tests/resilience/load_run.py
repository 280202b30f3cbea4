"""Load: one refresh cycle over N local feeds of which a share is hostile, through the real pipeline.

    python -m tests.resilience.load_run [--feeds 1000] [--hostile 0.05] [--timeout 2]

The address guard stays ON (`allow_private_addresses = false`, as in production), so that "redirect
to a private address" is a real hostile kind. To make loopback servers look like public hosts:
a fake DNS gives every host name a public address, and a connect spy (tests/fakes/dns.py) sends
connections for exactly those addresses to the local servers. Anything else that is not loopback
fails in the spy with OSError, so the run can never reach a real network; the report counts every
connection attempt to a non-public address (it must be 0: the guard refuses before connecting).

Healthy feeds come from the benchmark farm (its own process, so serving them is not billed to the
bot) under 32 host names: with the fetcher's per-host cap of 2 that allows 64 at once, the same as
`[fetch] concurrency`. Each hostile feed gets a host name of its own, as a hostile publisher would.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import json
import logging
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import aiohttp.connector
import aiohttp.resolver

from tests.fakes.dns import ConnectSpy, FakeDNS
from tests.fakes.feed_server import FeedServer, MiB, gzip_bomb

HEALTHY_HOSTS = 32
KINDS = ("drip", "huge", "gzip bomb", "redirect to private", "entity bomb")
EXPECTED_ERROR = {            # what each hostile kind must be recorded as on its feed
    "drip": "timed out",
    "huge": "larger than",
    "gzip bomb": "larger than",
    "redirect to private": "refused",
    "entity bomb": "refused",
}


def _public_ip(block: int, i: int) -> str:
    """Distinct global addresses (never contacted: the spy routes them to loopback)."""
    return str(ipaddress.ip_address(f"{block}.0.0.0") + 10 + i)


def _billion_laughs() -> bytes:
    ents = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'
                                       for i in range(1, 10)]
    return ('<?xml version="1.0"?><!DOCTYPE rss [' + "".join(ents) + ']><rss version="2.0"><channel>'
            "<title>&lol9;</title><item><title>&lol9;</title></item></channel></rss>").encode()


def _interleave(healthy: list[str], hostile: list[str]) -> list[str]:
    """Hostile feeds spread evenly through the list, so they are fetched among the healthy ones
    (the cycle takes feeds in name order; the names are given in this order), not after them."""
    out = list(healthy)
    step = len(out) / (len(hostile) + 1)
    for k, url in reversed(list(enumerate(hostile, 1))):
        out.insert(round(k * step), url)
    return out


@contextlib.contextmanager
def fake_public_network(dns: FakeDNS, spy: ConnectSpy):
    """Every Fetcher opened inside resolves through `dns` and connects through `spy`."""
    saved = aiohttp.resolver.DefaultResolver, aiohttp.connector.aiohappyeyeballs.start_connection
    aiohttp.resolver.DefaultResolver = lambda *a, **k: dns  # type: ignore[assignment,misc]
    aiohttp.connector.aiohappyeyeballs.start_connection = spy.start_connection  # type: ignore[assignment]
    try:
        yield
    finally:
        aiohttp.resolver.DefaultResolver, aiohttp.connector.aiohappyeyeballs.start_connection = saved


async def run_load(n_feeds: int = 1000, hostile_share: float = 0.05, timeout_s: float = 2.0,
                   workdir: str | None = None) -> dict[str, Any]:
    """Serve the feeds, run one cycle (`refresh_due(rt, only_due=False)`), return the numbers."""
    from benchmarks.farm import FarmProcess
    from bot.pipeline import refresh_due
    from bot.runtime import open_runtime
    from bot.settings import Settings

    n_hostile = round(n_feeds * hostile_share)
    n_healthy = n_feeds - n_hostile
    answers: dict[str, list[str]] = {"intranet.hostile.test": ["10.0.0.7"]}
    spy = ConnectSpy()
    dns = FakeDNS(answers)
    with tempfile.TemporaryDirectory(dir=workdir) as tmp, FarmProcess(n_healthy, hosts=1) as farm:
        async with FeedServer() as bad:
            healthy_urls = []
            for i in range(n_healthy):
                host = f"h{i % HEALTHY_HOSTS}.farm.test"
                answers[host] = [_public_ip(93, i % HEALTHY_HOSTS)]
                spy.route(answers[host][0], farm.port, farm.port)
                healthy_urls.append(f"http://{host}:{farm.port}/feed/{i}.xml")
            hostile: dict[str, str] = {}            # url -> kind
            for j in range(n_hostile):
                kind = KINDS[j % len(KINDS)]
                host = f"x{j}.hostile.test"
                answers[host] = [_public_ip(94, j)]
                spy.route(answers[host][0], bad.port, bad.port)
                path = f"/{j}.xml"
                if kind == "drip":
                    bad.serve(path, b"<?xml version='1.0'?><rss version='2.0'>" + b" " * 4096, drip_s=0.25)
                elif kind == "huge":
                    bad.serve(path, lambda: (bytes(256 * 1024) for _ in range(64)), chunked=True)   # 16 MiB
                elif kind == "gzip bomb":
                    bad.serve(path, gzip_bomb(200 * MiB), encoding="gzip")
                elif kind == "redirect to private":
                    target = ("http://10.255.255.1/feed.xml", "http://169.254.169.254/latest/meta-data/",
                              "http://intranet.hostile.test/feed.xml", "http://[::ffff:10.0.0.1]/feed.xml")[j // 5 % 4]
                    bad.redirect(path, target, status=302)
                else:
                    bad.serve(path, _billion_laughs())
                hostile[f"http://{host}:{bad.port}{path}"] = kind

            settings = Settings(
                database={"url": f"sqlite+aiosqlite:///{Path(tmp) / 'load.db'}"},
                fetch={"allow_private_addresses": False, "timeout_s": timeout_s},
                feeds=[{"url": u, "name": f"feed{k:05d}", "interval": "5m"}      # names set the order
                       for k, u in enumerate(_interleave(healthy_urls, list(hostile)))],
                topics=[{"name": "troops", "query": '"north korea*" AND troops', "channels": ["console"]}],
            )
            with fake_public_network(dns, spy):
                async with open_runtime(settings) as rt:
                    done_at: dict[int, float] = {}
                    write_batch = rt.store.write_cycle_batch

                    async def timed_write(fetched, **kw):   # when each feed's refresh was really stored
                        await write_batch(fetched, **kw)
                        for f in fetched:
                            done_at[f.feed.id] = time.perf_counter()

                    rt.store.write_cycle_batch = timed_write
                    started = time.perf_counter()
                    stats = await refresh_due(rt, only_due=False)
                    cycle_s = time.perf_counter() - started
                    feeds = await rt.store.list_feeds(None)

    by_url = {f.url: f for f in feeds}
    healthy = [by_url[u] for u in healthy_urls]
    healthy_ok = [f for f in healthy if f.last_fetched_at is not None and f.last_error is None]
    healthy_done = sorted(done_at[f.id] - started for f in healthy_ok if f.id in done_at)
    outcome: dict[str, Counter] = {k: Counter() for k in KINDS}
    for url, kind in hostile.items():
        f = by_url[url]
        expected = EXPECTED_ERROR[kind]
        outcome[kind]["recorded as expected" if f.last_error and expected in f.last_error
                      else f"unexpected: {f.last_error!r}"] += 1
    private_attempts = [ip for ip, _ in spy.attempts if not ipaddress.ip_address(ip).is_global
                        and ip not in ("127.0.0.1", "::1")]
    return {
        "feeds": n_feeds, "healthy": n_healthy, "hostile": n_hostile,
        "cycle_s": round(cycle_s, 2),
        "healthy_refreshed": len(healthy_ok),
        "healthy_last_done_s": round(healthy_done[-1], 2) if healthy_done else None,
        "healthy_p50_done_s": round(healthy_done[len(healthy_done) // 2], 2) if healthy_done else None,
        "healthy_per_s": round(len(healthy_ok) / healthy_done[-1], 1) if healthy_done else 0.0,
        "stats": {"feeds": stats.feeds, "errors": stats.errors, "new_entries": stats.new_entries},
        "hostile_outcome": {k: dict(v) for k, v in outcome.items()},
        "hostile_errors": {u: by_url[u].last_error for u in list(hostile)[:len(KINDS)]},
        "connections_to_private_addresses": len(private_attempts),
        "fetch_timeout_s": timeout_s,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--feeds", type=int, default=1000)
    ap.add_argument("--hostile", type=float, default=0.05)
    ap.add_argument("--timeout", type=float, default=2.0)
    args = ap.parse_args()
    logging.basicConfig(level=logging.ERROR)
    print(json.dumps(asyncio.run(run_load(args.feeds, args.hostile, args.timeout)), indent=2))


if __name__ == "__main__":
    main()
