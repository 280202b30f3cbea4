"""`newsbot run` with `[metrics] enabled` and `port = 0`: it logs the port it took and serves there."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from pathlib import Path

from tests.fakes.feed_server import FeedServer
from tests.ops.conftest import get, sample

SEED = Path(__file__).resolve().parents[2] / "seeds" / "round1" / "kyiv-ledger.xml"


async def _port_from_logs(proc: asyncio.subprocess.Process, seen: list[dict]) -> int:
    assert proc.stderr is not None
    while line := await proc.stderr.readline():
        record = json.loads(line)          # [logging] format = "json": every line is one object
        seen.append(record)
        if record["message"].startswith("metrics: serving"):
            return int(record["message"].rsplit(":", 1)[1])
    raise AssertionError(f"newsbot run ended without serving metrics: {seen}")


async def test_run_serves_metrics_livez_and_readyz_on_a_free_port(tmp_path):
    async with FeedServer() as srv:
        srv.serve("/kyiv.xml", SEED.read_bytes(), etag='"v1"')
        config = tmp_path / "newsbot.toml"
        config.write_text(f"""
[database]
url = "sqlite+aiosqlite:///{tmp_path / 'run.db'}"
[fetch]
allow_private_addresses = true
[scheduler]
tick = "1s"
[metrics]
enabled = true
port = 0
[logging]
format = "json"
[[feeds]]
url = "{srv.url('/kyiv.xml')}"
name = "Kyiv Ledger"
""")
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSBOT_")}
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", "--config", str(config), cwd=tmp_path, env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        seen: list[dict] = []
        try:
            port = await asyncio.wait_for(_port_from_logs(proc, seen), 60)
            base = f"http://127.0.0.1:{port}"
            assert (await get(base + "/livez"))[0] == 200
            status, body = await get(base + "/readyz")
            assert status == 200, body
            for _ in range(200):           # the first tick polls the feed
                _, text = await get(base + "/metrics")
                if sample(text, "newsbot_feed_polls_total", result="updated") >= 1:
                    break
                await asyncio.sleep(0.05)
            assert sample(text, "newsbot_feed_polls_total", result="updated") == 1
            assert sample(text, "newsbot_database_up") == 1
        finally:
            proc.send_signal(signal.SIGTERM)
            await asyncio.wait_for(proc.wait(), 30)
        assert proc.returncode == 0
        assert all({"ts", "level", "logger", "message"} <= set(r) for r in seen)
