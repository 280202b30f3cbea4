"""kill -9 of a real `newsbot run`: its parser fork server, workers and resource tracker go too.

A SIGKILL gives newsbot no chance to clean up, so the children must notice on their own: the
workers watch newsbot's pid and get the kernel's parent-death signal when the fork server goes;
the fork server and the resource tracker end when the last pipe from their parent closes.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

import psutil

from tests.fakes.feed_server import FeedServer

REPO = Path(__file__).resolve().parents[2]


def _alive(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


async def test_sigkill_of_newsbot_run_leaves_no_child_behind(tmp_path):
    body = (REPO / "seeds" / "round1" / "atlantic-wire.xml").read_bytes()
    async with FeedServer() as server:
        server.serve("/aw.xml", body)
        config = tmp_path / "newsbot.toml"
        config.write_text(f'[database]\nurl = "sqlite+aiosqlite:///{tmp_path / "db.sqlite"}"\n'
                          "[fetch]\nallow_private_addresses = true\n"
                          f'[[feeds]]\nurl = "{server.url("/aw.xml")}"\nname = "AW"\n')
        env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSBOT_")}
        proc = await asyncio.create_subprocess_exec(sys.executable, "-m", "bot", "run", "--config", str(config),
                                                    cwd=tmp_path, env=env, stdout=asyncio.subprocess.DEVNULL,
                                                    stderr=asyncio.subprocess.DEVNULL)
        try:
            newsbot = psutil.Process(proc.pid)
            deadline = time.monotonic() + 60
            children: list[psutil.Process] = []
            while time.monotonic() < deadline:   # the parser pool starts with the service; then a poll
                children = newsbot.children(recursive=True)
                if len(children) >= 3 and server.hits("/aw.xml"):
                    break
                await asyncio.sleep(0.1)
            names = [" ".join(c.cmdline())[-80:] for c in children]
            assert len(children) >= 3, names      # fork server, two workers (and the resource tracker)
            os.kill(proc.pid, signal.SIGKILL)
            await proc.wait()
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline and any(_alive(c) for c in children):
                await asyncio.sleep(0.1)
            left = [" ".join(c.cmdline())[-80:] for c in children if _alive(c)]
            assert not left, left
        finally:
            if proc.returncode is None:
                proc.kill()
                await proc.wait()
