"""`python -m benchmarks [--quick] [--json FILE] [--only poll,extract]`: every benchmark, one table.

Each benchmark runs in its own subprocess so that one's memory (the spaCy model), worker processes
or event loop never leaks into another's numbers, and a crash in one is a row, not a lost run.
The JSON file carries the headline keys at the top level (HEADLINE_KEYS), plus every benchmark's
rows and details under "benchmarks".
"""

from __future__ import annotations

import argparse
import importlib
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.common import SHARED, machine, markdown_table, print_result, quiet_logging, result, row

HEADLINE_KEYS = ("poll_ratio", "poll_cpu_ms_per_304", "match_entries_per_s", "extract_ratio", "latency_p50_s",
                 "latency_p95_s", "poll_interval_s", "loop_stall_ms", "rss_mb_10k_feeds",
                 "rss_mb_10k_feeds_with_model", "stories_bcubed_f1", "stories_ms_per_entry",
                 "websub_push_p50_s", "websub_push_p95_s", "adaptive_cpu_saved", "first_cycle_ratio",
                 "first_cycle_cpu_ms_per_feed")
ORDER = ("poll", "first_cycle", "match", "extract", "latency", "memory", "parser", "figures", "stories", "websub", "adaptive")
MODULES = {"poll": "benchmarks.bench_poll", "first_cycle": "benchmarks.bench_first_cycle", "match": "benchmarks.bench_match", "extract": "benchmarks.bench_extract",
           "latency": "benchmarks.bench_latency", "memory": "benchmarks.bench_memory",
           "parser": "benchmarks.bench_parser", "figures": "benchmarks.eval_figures",
           "stories": "benchmarks.bench_stories", "websub": "benchmarks.bench_websub",
           "adaptive": "benchmarks.bench_adaptive"}


def _match(quick: bool) -> dict[str, Any]:
    """bench_match (the query engineer's) returns flat keys; turn them into a row."""
    from benchmarks.common import missing

    gone = missing("benchmarks.bench_match")
    if gone:
        return result("match", [row("match", "entries/s", None, note=f"not available: {gone[0]}")],
                      {"match_entries_per_s": None})
    from benchmarks.bench_match import run

    r = run(quick)
    rate, budget = r.get("match_entries_per_s"), r.get("match_budget_entries_per_s", 20_000)
    label = f"{r.get('match_topics')} topics x {r.get('match_entries'):,} entries"
    rows = [row("match", label, float(rate), "entries/s",
                limit=float(r["match_tokenise_entries_per_s"]) if r.get("match_tokenise_entries_per_s") else None,
                budget=f">= {budget:,}", met=rate >= budget,
                note=f"limit = tokenising the entries alone; {r.get('match_entries_matched')} entries matched")]
    return result("match", rows, {"match_entries_per_s": rate}, **r)


def _figures(quick: bool) -> dict[str, Any]:
    """eval_figures (the figures engineer's): accuracy on ../shared/eval/dev, when it is there."""
    from benchmarks.common import missing

    gone = missing("benchmarks.eval_figures")
    if gone:
        return result("figures", [row("figures", "accuracy", None, note=f"not available: {gone[0]}")], {})
    from benchmarks import eval_figures

    dev = SHARED / "eval" / "dev"
    if not dev.is_dir():
        return result("figures", [row("figures", "accuracy", None, note="skipped: no ../shared/eval/dev")], {})
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "fig.json"
        eval_figures.main(["--dev", str(dev), "--json", str(out), "--rounds", "1"])
        r = json.loads(out.read_text())
    ext, base = r["extractor"], r["baseline"]
    targets = getattr(eval_figures, "TARGETS", {})
    rows = []
    for label, key in (("value F1", "f1"), ("what", "what"), ("source (attributed)", "source_attributed")):
        if key in ext:
            t = targets.get(key)
            rows.append(row("figures", f"{label} on dev set", float(ext[key]), budget=f">= {t:.2f}" if t else "",
                            met=(ext[key] >= t) if t else None, note=f"regex baseline {base.get(key, 0):.3f}"))
    return result("figures", rows, {}, **r)


def run_one(name: str, quick: bool) -> dict[str, Any]:
    if name == "match":
        return _match(quick)
    if name == "figures":
        return _figures(quick)
    return importlib.import_module(MODULES[name]).run(quick)


def _child(name: str, quick: bool, out: str) -> None:
    quiet_logging()
    Path(out).write_text(json.dumps(run_one(name, quick), default=str))


def _in_subprocess(name: str, quick: bool, timeout_s: float) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / f"{name}.json"
        cmd = [sys.executable, "-m", "benchmarks", "--one", name, "--out", str(out)] + (["--quick"] if quick else [])
        try:
            proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout_s)
        except subprocess.TimeoutExpired:
            return result(name, [row(name, "run", None, note=f"failed: timed out after {timeout_s:.0f} s")], {})
        if proc.returncode != 0 or not out.exists():
            last = [ln for ln in proc.stderr.strip().splitlines() if ln.strip()][-1:] or ["no output"]
            return result(name, [row(name, "run", None, note=f"failed: {last[0][:160]}")], {},
                          stderr=proc.stderr[-4000:])
        return json.loads(out.read_text())


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.splitlines()[0])
    p.add_argument("--quick", action="store_true", help="smoke size: seconds, not minutes")
    p.add_argument("--json", metavar="FILE", help="write headline keys + every result here")
    p.add_argument("--only", help=f"comma-separated subset of: {','.join(ORDER)}")
    p.add_argument("--one", help=argparse.SUPPRESS)
    p.add_argument("--out", help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.one:
        _child(a.one, a.quick, a.out)
        return 0
    names = [n.strip() for n in a.only.split(",")] if a.only else list(ORDER)
    unknown = [n for n in names if n not in MODULES]
    if unknown:
        p.error(f"unknown benchmark(s): {', '.join(unknown)}")
    started = time.perf_counter()
    load_before = machine()["loadavg_1m"]
    results = []
    for name in names:
        res = _in_subprocess(name, a.quick, 180 if a.quick else 600)
        print_result(res)
        results.append(res)
    headline: dict[str, Any] = {k: None for k in HEADLINE_KEYS}
    for res in results:
        headline.update({k: v for k, v in res.get("headline", {}).items() if k in HEADLINE_KEYS or v is not None})
    info = {**machine(), "quick": a.quick, "wall_s": round(time.perf_counter() - started, 1),
            "loadavg_1m_before": load_before}
    print(f"\n## All benchmarks ({'quick' if a.quick else 'full'} run, {info['nproc']} cores, "
          f"Python {info['python']}, {info['date_utc']}, {info['wall_s']} s, "
          f"load average {load_before} before / {info['loadavg_1m']} after)\n")
    print(markdown_table([r for res in results for r in res["rows"]]))
    print("\n```json\n" + json.dumps({k: headline[k] for k in HEADLINE_KEYS}, indent=2) + "\n```")
    if a.json:
        everything = {**headline, "machine": info, "benchmarks": {res["name"]: res for res in results}}
        Path(a.json).write_text(json.dumps(everything, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
