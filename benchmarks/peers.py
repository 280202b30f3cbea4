"""Feed readers side by side, as whole processes: the first fetch of N local feeds of 20 items each.

`python -m benchmarks.peers [--feeds 2000]` starts the feed farm (its own process, counted on no
side), then runs each reader once as a fresh process over the same URLs and reports feeds/s (wall
time of the whole process, start-up included) and CPU per feed of the process *and every process it
started*: this script makes itself a child subreaper (Linux prctl), so workers that outlive their
parent are reparented here and waited for, and their CPU lands in RUSAGE_CHILDREN. Readers that are
not installed are reported as such (Debian: `apt-get install newsboat rss2email`).

Not part of `python -m benchmarks`: it needs the peers installed and takes minutes.
"""

from __future__ import annotations

import argparse
import ctypes
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from benchmarks.common import REPO, machine
from benchmarks.farm import FarmProcess

ITEMS = 20
BARE = """
import asyncio, sys, aiohttp
async def main(urls):
    sem = asyncio.Semaphore(64)
    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=200, limit_per_host=0)) as s:
        async def one(u):
            async with sem, s.get(u) as r:
                await r.read()
        await asyncio.gather(*(one(u) for u in urls))
asyncio.run(main(open(sys.argv[1]).read().split()))
"""


def _subreaper() -> None:
    if sys.platform.startswith("linux"):
        ctypes.CDLL(None).prctl(36, 1, 0, 0, 0)   # PR_SET_CHILD_SUBREAPER


def _run(cmd: list[str], cwd: Path, keep: int, env: dict | None = None) -> dict:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - started
    while True:   # orphaned descendants (workers, fork servers) were reparented here: wait for them too
        orphans = [c.pid for c in psutil.Process().children() if c.pid != keep]
        if not orphans:
            break
        for pid in orphans:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"rc": proc.returncode, "wall_s": wall, "cpu_s": cpu, "stderr": proc.stderr[-400:]}


def _newsbot(urls: list[str], tmp: Path) -> list[str]:
    config = tmp / "newsbot.toml"
    feeds = "".join(f'[[feeds]]\nurl = "{u}"\nname = "farm{i}"\n' for i, u in enumerate(urls))
    config.write_text(f'[database]\nurl = "sqlite+aiosqlite:///{tmp / "newsbot.db"}"\n'
                      f"[fetch]\nallow_private_addresses = true\n{feeds}")
    return [str(Path(sys.executable).parent / "newsbot"), "poll", "--once", "--all", "--config", str(config)]


def _newsboat(urls: list[str], tmp: Path) -> list[str] | None:
    exe = shutil.which("newsboat")
    if not exe:
        return None
    (tmp / "urls").write_text("\n".join(urls) + "\n")
    (tmp / "config").write_text("reload-threads 64\n")
    return [exe, "-x", "reload", "-u", str(tmp / "urls"), "-c", str(tmp / "cache.db"), "-C", str(tmp / "config")]


def _rss2email(urls: list[str], tmp: Path) -> list[str] | None:
    exe = shutil.which("r2e")
    if not exe:
        return None
    cfg, data = tmp / "r2e.cfg", tmp / "r2e.json"
    subprocess.run([exe, "-c", str(cfg), "-d", str(data), "new", "bench@example.invalid"], check=True,
                   capture_output=True)
    with cfg.open("a") as f:   # what `r2e add` writes, without 2,000 process starts
        for i, u in enumerate(urls):
            f.write(f"\n[feed.farm{i}]\nurl = {u}\n")
    return [exe, "-c", str(cfg), "-d", str(data), "run", "--no-send"]


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--feeds", type=int, default=2000)
    p.add_argument("--json", metavar="FILE")
    a = p.parse_args()
    _subreaper()
    rows = []
    with FarmProcess(a.feeds, hosts=32, items=ITEMS, html=True) as farm:
        urls = farm.urls
        for name, build in (("bare aiohttp loop (fetch only)", None), ("newsbot", _newsbot),
                            ("newsboat", _newsboat), ("rss2email", _rss2email)):
            with tempfile.TemporaryDirectory() as d:
                tmp = Path(d)
                if build is None:
                    (tmp / "urls").write_text("\n".join(urls))
                    (tmp / "bare.py").write_text(BARE)
                    cmd = [sys.executable, str(tmp / "bare.py"), str(tmp / "urls")]
                else:
                    cmd = build(urls, tmp)
                if cmd is None:
                    rows.append({"reader": name, "note": "not installed"})
                    continue
                r = _run(cmd, cwd=tmp if build is not _newsbot else REPO, keep=farm.pid)
                rows.append({"reader": name, "feeds_per_s": a.feeds / r["wall_s"],
                             "cpu_ms_per_feed": 1000 * r["cpu_s"] / a.feeds, **r})
    info = machine()
    print(f"\n{a.feeds} feeds of {ITEMS} items, first fetch, whole processes ({info['date_utc']}, "
          f"load {info['loadavg_1m']})\n\n| reader | feeds/s | CPU per feed | rc |\n|---|---:|---:|---:|")
    for r in rows:
        if "note" in r:
            print(f"| {r['reader']} | – | – | {r['note']} |")
        else:
            print(f"| {r['reader']} | {r['feeds_per_s']:,.0f} | {r['cpu_ms_per_feed']:.2f} ms | {r['rc']} |")
    if a.json:
        Path(a.json).write_text(json.dumps({"machine": info, "rows": rows}, indent=2))


if __name__ == "__main__":
    main()
