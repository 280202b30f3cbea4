"""TESTING.md 17 end to end: `newsbot run` is SIGKILLed while alerts are going out to Discord, then
started again; every alert appears in the channel exactly once.

Rows being sent are claimed for LEASE_S (so a second process sharing the database leaves them
alone); the test stands in for that much time passing by moving the dead process's claims back.

The fake Discord creates each message at once but holds its answer until the test releases it, so
the kill lands after Discord accepted a post and before the bot could record it. On restart the outbox sends that row
again with the same nonce and `enforce_nonce`, and Discord hands back the message it already has.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from bot.delivery.outbox import LEASE_S
from tests.fakes.fixtures import DISCORD_TOKEN as TOKEN
from tests.fakes.feed_server import FeedServer
from tests.resilience.helpers import LateDiscord, RecordingRouter, rss, wait_for

REPO = Path(__file__).resolve().parents[2]
N = 6
TITLES = [f"Troops move to the border, report {i}" for i in range(N)]


def write_config(path: Path, db: Path, feed_url: str, fake: LateDiscord) -> None:
    path.write_text(f"""
[database]
url = "sqlite+aiosqlite:///{db}"
[fetch]
allow_private_addresses = true
timeout_s = 5
[scheduler]
tick = "0.2s"
outbox_tick = "0.2s"
[[feeds]]
url = "{feed_url}"
name = "Wire"
interval = "1h"
backfill = {N}
[[topics]]
name = "troops"
query = "troops"
channels = ["discord:{fake.channel_id}"]
[discord]
enabled = true
api_base = "{fake.api_base}"
gateway_url = "{fake.gateway_url}"
""", encoding="utf-8")


def start_bot(config: Path, log: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSBOT_")}
    env.update(DISCORD_TOKEN=TOKEN, PYTHONPATH=str(REPO), PYTHONUNBUFFERED="1")
    with log.open("ab") as out:
        return subprocess.Popen([sys.executable, "-m", "bot", "run", "--config", str(config)],
                                cwd=config.parent, env=env, stdout=out, stderr=subprocess.STDOUT)


def outbox_status(db: Path) -> Counter:
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            return Counter(dict(conn.execute("SELECT status, count(*) FROM outbox GROUP BY status").fetchall()))
    except sqlite3.Error:      # not created or locked right now: ask again on the next poll
        return Counter()


def unprocessed(db: Path) -> int | None:
    """Entries stored but whose alerts are not all queued yet (None before the first poll)."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1) as conn:
            total, pending = conn.execute(
                "SELECT count(*), sum(processed_at IS NULL) FROM entries").fetchone()
    except sqlite3.Error:
        return None
    return pending if total else None


def expire_leases(db: Path, seconds: float) -> None:
    """Move every pending row's lease and next attempt `seconds` earlier: the dead process's claim
    (LEASE_S) has run out, without the test waiting that long. Nothing else is touched."""
    with sqlite3.connect(db, timeout=5) as conn:
        for column in ("leased_until", "next_attempt_at"):
            rows = conn.execute(f"SELECT id, {column} FROM outbox WHERE status = 'pending' "
                                f"AND {column} IS NOT NULL").fetchall()
            for row_id, at in rows:
                earlier = datetime.fromisoformat(at) - timedelta(seconds=seconds)
                conn.execute(f"UPDATE outbox SET {column} = ? WHERE id = ?",
                             (earlier.strftime("%Y-%m-%d %H:%M:%S.%f"), row_id))


@pytest.mark.timeout(90)
async def test_17_sigkill_while_delivering_then_restart_posts_every_alert_exactly_once(tmp_path):
    fake = await LateDiscord(hold=True, answer_delay_s=0.05).start()
    procs: list[subprocess.Popen] = []
    log = tmp_path / "bot.log"
    try:
        async with FeedServer() as feeds:
            feeds.serve("/wire.xml", rss([(f"g{i}", t) for i, t in enumerate(TITLES)]))
            db, config = tmp_path / "crash.db", tmp_path / "newsbot.toml"
            write_config(config, db, feeds.url("/wire.xml"), fake)

            procs.append(start_bot(config, log))

            def mid_delivery() -> bool:
                """Every alert queued, and Discord holds a post whose answer the bot has not had yet."""
                return procs[0].poll() is not None or (unprocessed(db) == 0 and len(fake.posted()) >= 1)

            await wait_for(mid_delivery, 40, lambda: "alerts to be in flight\n" + log.read_text()[-4000:])
            assert procs[0].poll() is None, log.read_text()
            procs[0].send_signal(signal.SIGKILL)
            procs[0].wait(5)
            assert outbox_status(db) == {"pending": N} and len(fake.posted()) == 1
            fake.release.set()                            # the answer goes to a dead process
            expire_leases(db, LEASE_S)                    # as if the restart came LEASE_S later

            procs.append(start_bot(config, log))
            await wait_for(lambda: outbox_status(db)["sent"] == N or procs[1].poll() is not None, 40,
                           lambda: f"all {N} outbox rows to be sent after the restart (now {outbox_status(db)}, "
                           f"{len(fake.posted())} posted)\n" + log.read_text()[-4000:])
            assert procs[1].poll() is None, log.read_text()
            procs[1].send_signal(signal.SIGTERM)
            assert procs[1].wait(10) == 0, log.read_text()
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait(5)
        await fake.stop()

    titles = Counter(e["title"] for m in fake.posted() for e in m["embeds"])
    assert titles == Counter({t: 1 for t in TITLES}), (titles, log.read_text()[-3000:])
    nonces = Counter(m["nonce"] for m in fake.posted())
    assert len(nonces) == N and set(nonces.values()) == {1}
    posts = [r for r in fake.requests if r.method == "POST" and r.path.endswith("/messages")]
    assert len(posts) > N, "the interrupted row was never sent again: the test did not test a retry"
    assert outbox_status(db) == Counter({"sent": N})
    assert feeds.hits("/wire.xml") >= 1


async def test_17_entries_stored_just_before_a_crash_still_alert_after_a_quick_restart(tmp_path, monkeypatch):
    """The process dies after storing new entries and before queueing their alerts; the service
    manager restarts it seconds later. Within ten minutes every alert must still go out."""
    from bot import pipeline, scheduler
    from bot.runtime import open_runtime, utcnow
    from bot.settings import Settings

    async with FeedServer() as feeds:
        feeds.serve("/wire.xml", rss([(f"g{i}", t) for i, t in enumerate(TITLES)]))
        settings = Settings(database={"url": f"sqlite+aiosqlite:///{tmp_path / 'quick.db'}"},
                            fetch={"allow_private_addresses": True},
                            feeds=[{"url": feeds.url("/wire.xml"), "backfill": N, "interval": "1h"}],
                            topics=[{"name": "troops", "query": "troops", "channels": ["discord:222222222222222222"]}])

        async def died_here(rt, feed, entries):     # the process is killed before queueing alerts
            return []

        with monkeypatch.context() as m:
            m.setattr(pipeline, "process_entries", died_here)
            async with open_runtime(settings, router=RecordingRouter()) as rt:
                stats = await pipeline.refresh_due(rt)
        assert stats.new_entries == N

        crashed_at = utcnow()
        router = RecordingRouter()
        async with open_runtime(settings, router=router) as rt:
            for step in range(1, 41):                   # restarted 15 s later, ticking for ten minutes
                rt.clock = lambda t=crashed_at + timedelta(seconds=15 * step): t
                await scheduler.poll_tick(rt)
                await scheduler.outbox_tick(rt)
    assert sorted(title for title, _ in router.recorder.sent) == sorted(TITLES)
