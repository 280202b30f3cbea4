"""What every benchmark shares: result rows, the markdown table, CPU and RSS meters, settings builders.

A benchmark module exposes `run(quick: bool) -> dict` returning
`{"name", "rows": [row(...)], "headline": {key: number | None}, "details": {...}}`, and calls
`bench_main(run)` under `if __name__ == "__main__"` so it runs alone with `--quick` / `--json FILE`.
A piece of newsbot that is not there yet makes a row "not available" with the reason, never a crash.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import logging
import math
import os
import resource
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import psutil

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
MB = 1024 * 1024


def missing(*modules: str) -> list[str]:
    """The modules (dotted names) that cannot be imported right now, with the reason."""
    out = []
    for name in modules:
        try:
            if importlib.util.find_spec(name) is None:
                out.append(f"{name} (absent)")
                continue
            importlib.import_module(name)
        except Exception as e:  # noqa: BLE001 - a half-written module is "not available", whatever it raises
            out.append(f"{name} ({type(e).__name__}: {str(e)[:80]})")
    return out


def row(bench: str, measure: str, value: float | None, unit: str = "", *, limit: float | None = None,
        ratio: float | None = None, budget: str = "", met: bool | None = None, note: str = "") -> dict[str, Any]:
    """One line of the table: newsbot's figure, the limit measured in the same run, their ratio."""
    if ratio is None and value is not None and limit:
        ratio = value / limit
    return {"bench": bench, "measure": measure, "value": value, "unit": unit, "limit": limit,
            "ratio": ratio, "budget": budget, "met": met, "note": note}


def unavailable(bench: str, measure: str, reason: str) -> dict[str, Any]:
    return row(bench, measure, None, note=f"not available: {reason}")


def result(name: str, rows: list[dict], headline: dict[str, Any], **details: Any) -> dict[str, Any]:
    return {"name": name, "rows": rows, "headline": headline, "details": details}


def _fmt(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, bool):
        return "yes" if v else "**no**"
    if isinstance(v, float):
        if v == 0:
            return "0"
        if abs(v) >= 1000:
            return f"{v:,.0f}"
        if abs(v) >= 10:
            return f"{v:.1f}"
        if abs(v) >= 0.01:
            return f"{v:.3g}"
        return f"{v:.2g}"
    return str(v)


def markdown_table(rows: Iterable[dict]) -> str:
    lines = ["| benchmark | measure | newsbot | limit (same run) | ratio | budget | met | note |",
             "|---|---|---:|---:|---:|---|---|---|"]
    for r in rows:
        unit = f" {r['unit']}" if r.get("unit") and r.get("value") is not None else ""
        lim_unit = f" {r['unit']}" if r.get("unit") and r.get("limit") is not None else ""
        lines.append(f"| {r['bench']} | {r['measure']} | {_fmt(r['value'])}{unit} | {_fmt(r['limit'])}{lim_unit} "
                     f"| {_fmt(r['ratio'])} | {r.get('budget') or ''} | {_fmt(r.get('met'))} | {r.get('note') or ''} |")
    return "\n".join(lines)


def machine() -> dict[str, Any]:
    """Where the numbers come from; the load average says whether something else was competing."""
    return {"nproc": os.cpu_count(), "python": sys.version.split()[0], "platform": sys.platform,
            "date_utc": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
            "loadavg_1m": round(os.getloadavg()[0], 2)}


def quiet_logging() -> None:
    """Benchmarks print a table, not the pipeline's per-feed log lines."""
    logging.basicConfig(level=logging.ERROR)
    for name in ("bot", "apscheduler", "aiohttp", "discord", "sqlalchemy"):
        logging.getLogger(name).setLevel(logging.ERROR)


class CpuMeter:
    """CPU seconds of this process (all threads) plus its children, minus the pids excluded (the farm)."""

    def __init__(self, exclude: Iterable[int] = ()):
        self.exclude = set(exclude)
        self._me = psutil.Process()

    def _children(self) -> float:
        total = 0.0
        for c in self._me.children(recursive=True):
            if c.pid in self.exclude:
                continue
            try:
                t = c.cpu_times()
                total += t.user + t.system
            except psutil.Error:
                pass
        return total

    def snapshot(self) -> tuple[float, float]:
        return time.process_time(), self._children()


class RssSampler:
    """Peak RSS (MB) of this process and its children while the `with` block runs, sampled by a thread."""

    def __init__(self, exclude: Iterable[int] = (), every_s: float = 0.2):
        self.exclude = set(exclude)
        self.every_s = every_s
        self.peak_self = 0.0
        self.peak_total = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _sample(self) -> None:
        me = psutil.Process()
        own = me.memory_info().rss
        total = own
        for c in me.children(recursive=True):
            if c.pid not in self.exclude:
                try:
                    total += c.memory_info().rss
                except psutil.Error:
                    pass
        self.peak_self = max(self.peak_self, own / MB)
        self.peak_total = max(self.peak_total, total / MB)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.every_s)

    def __enter__(self) -> RssSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / MB


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def make_settings(db_url: str, urls: list[str], *, interval: float = 300, topics: list[dict] | None = None,
                  webhooks: list[dict] | None = None, scheduler: dict | None = None, fetch: dict | None = None,
                  **extra: Any):
    """A Settings built in code: loopback allowed (the farm is on 127.0.0.x), no file, no env surprises."""
    from bot.settings import Settings

    return Settings(
        database={"url": db_url},
        fetch={"allow_private_addresses": True, **(fetch or {})},
        scheduler=scheduler or {},
        feeds=[{"url": u, "name": f"farm{i}", "interval": interval} for i, u in enumerate(urls)],
        topics=topics or [],
        webhooks=webhooks or [],
        **extra,
    )


def sqlite_url(directory: str | os.PathLike[str], name: str = "bench.db") -> str:
    return f"sqlite+aiosqlite:///{Path(directory) / name}"


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile (p in 0..100); None for no values."""
    if not values:
        return None
    s = sorted(values)
    k = max(0, min(len(s) - 1, math.ceil(p / 100 * len(s)) - 1))
    return s[k]


def print_result(res: dict[str, Any]) -> None:
    print(f"\n## {res['name']}\n")
    print(markdown_table(res["rows"]))
    sys.stdout.flush()


def bench_main(run: Callable[[bool], dict[str, Any]]) -> None:
    """`python -m benchmarks.bench_x [--quick] [--json FILE]`: run one benchmark, print, write JSON."""
    p = argparse.ArgumentParser()
    p.add_argument("--quick", action="store_true", help="smoke size: seconds, not minutes")
    p.add_argument("--json", metavar="FILE", help="write the result as JSON")
    a = p.parse_args()
    quiet_logging()
    res = run(a.quick)
    res.setdefault("machine", machine())
    print_result(res)
    if a.json:
        Path(a.json).write_text(json.dumps(res, indent=2, default=str))
