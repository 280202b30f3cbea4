"""Ctrl-C and SIGTERM on a real `newsbot run`: a quiet, orderly stop, every time.

The signal goes to the whole process group, as a terminal's Ctrl-C and systemd's stop do, so the
parser's fork server and workers get it too. It arrives while a feed fetch and a delivery are in
flight (both held open by the local server): the stop must print no traceback, exit 0, hand the
fetch's feed back (due again, not leased for minutes) and leave the delivery pending for the next
start, with the database closed cleanly.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
import sqlalchemy as sa
from aiohttp import web

from bot.store import Store
from bot.store.schema import feeds, outbox

REPO = Path(__file__).resolve().parents[2]
TRACEBACK_SIGNS = ("Traceback", "KeyboardInterrupt", "CancelledError", "raised an exception", "Error running job")
NEWS = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Harbour Gazette</title><link>https://gazette.example/</link>
<item><title>Dock workers strike for a second day at the container port</title>
<link>https://gazette.example/strike-day-two</link><guid>strike-2</guid>
<pubDate>Sat, 05 Dec 2026 08:00:00 GMT</pubDate>
<description>About 1,200 dock workers stayed away, the union said, and 40 ships wait offshore.</description></item>
<item><title>Strike talks to resume on Monday</title><link>https://gazette.example/strike-talks</link>
<guid>strike-talks</guid><pubDate>Sat, 05 Dec 2026 09:00:00 GMT</pubDate>
<description>The port authority said it would meet union leaders at 9 am.</description></item>
</channel></rss>"""


class HoldingServer:
    """Serves one feed; holds /slow.xml and the webhook /hook open until the test ends."""

    def __init__(self) -> None:
        self.slow_started = asyncio.Event()
        self.hook_started = asyncio.Event()
        self.release = asyncio.Event()
        self.port = 0
        self._runner: web.AppRunner | None = None

    async def _news(self, request: web.Request) -> web.Response:
        return web.Response(body=NEWS, content_type="application/rss+xml")

    async def _hold(self, request: web.Request) -> web.Response:
        (self.slow_started if request.path == "/slow.xml" else self.hook_started).set()
        await self.release.wait()
        return web.Response(status=503)

    async def __aenter__(self) -> HoldingServer:
        app = web.Application()
        app.router.add_get("/news.xml", self._news)
        app.router.add_get("/slow.xml", self._hold)
        app.router.add_post("/hook", self._hold)
        self._runner = web.AppRunner(app, access_log=None, handler_cancellation=True)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def __aexit__(self, *exc: object) -> None:
        self.release.set()
        assert self._runner is not None
        await self._runner.cleanup()

    def reset(self) -> None:
        self.slow_started.clear()
        self.hook_started.clear()


def write_config(tmp_path: Path, port: int) -> Path:
    cfg = tmp_path / "newsbot.toml"
    cfg.write_text(f"""
[database]
url = "sqlite+aiosqlite:///newsbot.db"
[fetch]
allow_private_addresses = true
timeout_s = 120
[scheduler]
tick = "1s"
outbox_tick = "1s"
[[feeds]]
url = "http://127.0.0.1:{port}/news.xml"
name = "Harbour Gazette"
backfill = 2
[[feeds]]
url = "http://127.0.0.1:{port}/slow.xml"
name = "Slow Wire"
[[webhooks]]
name = "hold"
url = "http://127.0.0.1:{port}/hook"
[[topics]]
name = "Port strike"
query = "strike"
channels = ["webhook:hold"]
""")
    return cfg


async def start_run(cfg: Path) -> tuple[asyncio.subprocess.Process, list[str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSBOT_")}
    env["PYTHONPATH"] = str(REPO)
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "run", "--config", str(cfg), cwd=cfg.parent, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE, start_new_session=True)
    lines: list[str] = []

    async def read() -> None:
        assert proc.stderr is not None
        async for raw in proc.stderr:
            lines.append(raw.decode(errors="replace"))

    asyncio.get_running_loop().create_task(read())
    return proc, lines


async def stop_with(proc: asyncio.subprocess.Process, sig: signal.Signals, times: int) -> int:
    for _ in range(times):
        os.killpg(proc.pid, sig)            # the whole group, as a terminal or systemd does
        await asyncio.sleep(0.05)
    try:
        return await asyncio.wait_for(proc.wait(), 60)
    except TimeoutError:
        os.killpg(proc.pid, signal.SIGKILL)
        raise


async def state(db: Path) -> tuple[dict[str, datetime | None], list[tuple[str, datetime | None]]]:
    store = await Store.open(f"sqlite+aiosqlite:///{db}")
    try:
        async with store.engine.connect() as conn:
            next_checks = {r.name: r.next_check_at for r in await conn.execute(sa.select(feeds))}
            rows = [(r.status, r.next_attempt_at) for r in await conn.execute(sa.select(outbox))]
    finally:
        await store.close()
    return next_checks, rows


@pytest.mark.slow
@pytest.mark.timeout(400)
async def test_ctrl_c_and_sigterm_stop_quietly_and_hand_work_back(tmp_path):
    async with HoldingServer() as srv:
        cfg = write_config(tmp_path, srv.port)
        # SIGINT once (the in-flight work gets its grace, then is handed back), SIGTERM twice and
        # SIGINT twice (the second signal stops at once), each a fresh `newsbot run` on one database.
        for sig, times in ((signal.SIGINT, 1), (signal.SIGTERM, 2), (signal.SIGINT, 2), (signal.SIGTERM, 1)):
            srv.reset()
            proc, lines = await start_run(cfg)
            try:
                await asyncio.wait_for(asyncio.gather(srv.slow_started.wait(), srv.hook_started.wait()), 120)
            except TimeoutError:
                os.killpg(proc.pid, signal.SIGKILL)
                pytest.fail("the fetch and the delivery never started:\n" + "".join(lines))
            before = datetime.now(timezone.utc)
            code = await stop_with(proc, sig, times)
            err = "".join(lines)
            assert code == 0, (sig, times, err)
            assert not [s for s in TRACEBACK_SIGNS if s in err], (sig, times, err)
            # Quiet by default: newsbot's own lines at INFO, no APScheduler or Alembic chatter.
            assert "INFO newsbot: newsbot running: 2 feeds, 1 topics" in err and "newsbot stopped" in err
            assert "apscheduler" not in err and "alembic" not in err
            next_checks, rows = await state(tmp_path / "newsbot.db")
            slow = next_checks["Slow Wire"]
            assert slow is None or slow <= before, (sig, slow)      # handed back, not leased ahead
            assert rows and all(status == "pending" for status, _ in rows), rows
            assert all(at is None or at <= before for _, at in rows), rows   # due at once next start
