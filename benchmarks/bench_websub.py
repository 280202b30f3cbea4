"""Push-to-alert latency: a WebSub hub publishes an item; when does its alert reach the fake Discord?

The real service parts run: the scheduler (`build_scheduler`, polling and outbox ticks), the WebSub
subscriber and callback server, the pipeline (isolated parse, store, match, spaCy extraction,
summary), the outbox and `DiscordDestination` through discord.py to the local fake Discord. The
hub (tests/fakes/websub_hub.py) subscribes the callback like a real one (verification GET with a
challenge), then distributes signed bodies. Latency runs from the moment the hub starts its POST to
the moment the fake Discord receives the message. Pushes come at random moments (exponential gaps)
on random feeds, so some overlap.
"""

from __future__ import annotations

import asyncio
import json
import random
import socket
import tempfile
import time
from typing import Any

from benchmarks.common import bench_main, make_settings, missing, percentile, result, row, sqlite_url, unavailable

NAME = "websub"
TOKEN = "bench-token.Zm9vYmFy.c2VjcmV0c2VjcmV0c2VjcmV0"
TAG_WORD = "benchalert"
TITLES = ["Harbour council approves a plan for {n} new homes", "Storm closes {n} schools along the coast",
          "Rail operator adds {n} extra trains for the festival", "Hospital hires {n} nurses after the review"]


def _feed(hub: str, self_url: str, items: list[tuple[str, str]]) -> bytes:
    body = "".join(f"<item><guid>{g}</guid><title>{t}</title><description>{t}. Officials gave the figure on "
                   f"Monday.</description></item>" for g, t in items)
    return (f'<?xml version="1.0"?><rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
            f'<title>Pushed</title><atom:link rel="hub" href="{hub}"/><atom:link rel="self" href="{self_url}"/>'
            f"{body}</channel></rss>").encode()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def _run(quick: bool) -> dict[str, Any]:
    n_feeds, n_pushes, gap_s = (5, 10, 0.3) if quick else (20, 60, 0.5)
    headline = {"websub_push_p50_s": None, "websub_push_p95_s": None}
    gone = missing("bot.websub.callback", "bot.websub.subscriber", "tests.fakes.websub_hub", "tests.fakes.discord_server",
                   "bot.platforms.discord.endpoints")
    if gone:
        return result(NAME, [unavailable(NAME, "push-to-alert latency", "; ".join(gone))], headline)

    import discord

    from bot.delivery.router import Router
    from bot.pipeline import refresh_due
    from bot.platforms.discord.endpoints import point_discord_at
    from bot.runtime import open_runtime
    from bot.scheduler import build_scheduler
    from bot.websub.callback import CallbackServer
    from bot.websub.subscriber import WebSub
    from tests.fakes.discord_server import FakeDiscord
    from tests.fakes.feed_server import FeedServer
    from tests.fakes.websub_hub import FakeHub

    rng = random.Random(29)
    fake = await FakeDiscord().start()
    arrivals: dict[str, float] = {}
    create = fake._create_message

    def recording(channel_id: int, body: Any, files: list):
        now = time.time()
        for word in json.dumps(body).replace('"', " ").split():
            if word.startswith("P") and word[1:].rstrip(".,\\").isdigit():
                arrivals.setdefault(word.rstrip(".,\\"), now)
        return create(channel_id, body, files)

    fake._create_message = recording
    point_discord_at(fake.api_base, fake.gateway_url)
    client = discord.Client(intents=discord.Intents(guilds=True), allowed_mentions=discord.AllowedMentions.none())
    sent: dict[str, float] = {}
    statuses: list[int] = []
    try:
        await client.login(TOKEN)
        async with FakeHub() as hub, FeedServer() as srv, _tmp() as tmp:
            urls = [srv.url(f"/f{i}.xml") for i in range(n_feeds)]
            for url in urls:
                srv.serve(url.rsplit("/", 1)[1].join(["/", ""]), _feed(hub.url, url, [("seed", "Quiet day")]))
            port = _free_port()
            settings = make_settings(
                sqlite_url(tmp), urls, interval=300,
                topics=[{"name": "bench", "query": TAG_WORD, "channels": [f"discord:{fake.channel_id}"]}],
                websub={"enabled": True, "callback_url": f"http://127.0.0.1:{port}/websub", "listen_port": port})
            async with open_runtime(settings, router=Router(settings, discord_client=client)) as rt:
                from bot.analysis.figures.extract import extract_many

                await rt.cpu(extract_many, ["Warm-up: 12,000 soldiers, officials said."])   # model loaded first
                async with WebSub(rt.store, settings.websub, allow_private=True, user_agent="bench") as websub:
                    rt.websub = websub
                    server = CallbackServer(rt, host="127.0.0.1", port=port)
                    await server.start()
                    await refresh_due(rt)                         # discover the hubs
                    await websub.maintain(rt.clock())             # subscribe; the hub verifies each
                    while len(hub.for_topic_all()) < n_feeds:
                        await asyncio.sleep(0.01)
                    scheduler = build_scheduler(rt)
                    scheduler.start()
                    try:
                        items: dict[str, list[tuple[str, str]]] = {u: [("seed", "Quiet day")] for u in urls}
                        pending = []
                        for i in range(n_pushes):
                            url = rng.choice(urls)
                            title = rng.choice(TITLES).format(n=rng.randint(12, 4000)) + f" P{i} {TAG_WORD}"
                            items[url] = [(f"p{i}", title)] + items[url][:9]
                            body = _feed(hub.url, url, items[url])
                            sent[f"P{i}"] = time.time()
                            pending.append(asyncio.create_task(hub.publish(url, body)))
                            await asyncio.sleep(rng.expovariate(1 / gap_s))
                        for task in pending:
                            statuses += await task
                        deadline = time.time() + 20
                        while len(arrivals) < n_pushes and time.time() < deadline:
                            await asyncio.sleep(0.02)
                    finally:
                        scheduler.shutdown(wait=False)
                        await server.stop()
    finally:
        await client.close()
        await fake.stop()
    lat = [arrivals[tag] - t for tag, t in sent.items() if tag in arrivals]
    p50, p95 = percentile(lat, 50), percentile(lat, 95)
    headline.update(websub_push_p50_s=p50, websub_push_p95_s=p95)
    lost = n_pushes - len(lat)
    note = f"{len(lat)}/{n_pushes} alerts arrived over {n_feeds} pushed feeds" + (f"; {lost} lost" if lost else "")
    rows = [row(NAME, "push-to-alert p50", p50, "s", note="hub POST start -> fake Discord receives the alert"),
            row(NAME, "push-to-alert p95", p95, "s", budget="< 2 s", met=None if p95 is None else p95 < 2 and not lost,
                note=note)]
    return result(NAME, rows, headline, latencies_s=lat, hub_statuses=statuses, feeds=n_feeds, pushes=n_pushes,
                  mean_gap_s=gap_s)


class _tmp:
    async def __aenter__(self) -> str:
        self._dir = tempfile.TemporaryDirectory()
        return self._dir.name

    async def __aexit__(self, *exc: object) -> None:
        self._dir.cleanup()


def run(quick: bool = False) -> dict[str, Any]:
    return asyncio.run(_run(quick))


if __name__ == "__main__":
    bench_main(run)
