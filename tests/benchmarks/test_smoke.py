"""The benchmark harness keeps running: the farm answers like a real feed host, and runs produce tables.

No timing is asserted here (CI machines vary); what is asserted is that the numbers exist.
"""

from __future__ import annotations

import json
import subprocess
import sys

import aiohttp
import pytest

from benchmarks.__main__ import HEADLINE_KEYS
from benchmarks.common import markdown_table, percentile, row
from benchmarks.farm import FarmProcess
from tests.conftest import REPO


async def test_farm_answers_304_until_a_new_item_is_published():
    with FarmProcess(4, hosts=2) as farm:
        url = farm.urls[3]
        assert url.startswith("http://127.0.0.2:")          # feeds are spread over loopback addresses
        async with aiohttp.ClientSession() as s:
            async with s.get(url) as r:
                assert r.status == 200
                etag, last_modified = r.headers["ETag"], r.headers["Last-Modified"]
            async with s.get(url, headers={"If-None-Match": etag}) as r:
                assert r.status == 304
            async with s.get(url, headers={"If-Modified-Since": last_modified}) as r:
                assert r.status == 304
            [added] = farm.publish([3], tag="L42", title="A fresh item")
            async with s.get(url, headers={"If-None-Match": etag}) as r:
                assert r.status == 200
                assert r.headers["ETag"] != etag
                assert b"A fresh item L42" in await r.read()
    assert added["feed"] == 3 and added["tag"] == "L42"


async def test_farm_records_when_a_published_item_was_first_served():
    with FarmProcess(2, hosts=1) as farm:
        farm.publish([1], tag="L1")
        assert "served_t" not in farm.published()[0]
        async with aiohttp.ClientSession() as s, s.get(farm.urls[1]) as r:
            await r.read()
        [item] = farm.published()
        assert item["served_t"] >= item["t"]


def test_table_shows_ratio_against_the_limit_and_unmet_budgets():
    r = row("poll", "304 cycle", 300.0, "feeds/s", limit=1000.0, budget=">= 0.6", met=False)
    assert r["ratio"] == pytest.approx(0.3)
    table = markdown_table([r, row("x", "y", None, note="not available: z")])
    assert "| poll | 304 cycle | 300.0 feeds/s | 1,000 feeds/s | 0.3 | >= 0.6 | **no** |" in table
    assert "not available: z" in table


def test_percentile_is_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 50) == 50.0
    assert percentile(values, 95) == 95.0
    assert percentile([], 95) is None


def _run_harness(tmp_path, *args: str) -> dict:
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, "-m", "benchmarks", "--quick", "--json", str(out), *args],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "| benchmark | measure | newsbot | limit (same run) |" in proc.stdout
    return json.loads(out.read_text())


def test_quick_poll_and_parser_runs_write_their_numbers(tmp_path):
    data = _run_harness(tmp_path, "--only", "poll,parser")
    assert set(HEADLINE_KEYS) <= set(data)
    poll = data["benchmarks"]["poll"]
    assert not any(r["note"].startswith("failed") for r in poll["rows"]), poll["rows"]
    assert data["poll_ratio"] is None or data["poll_ratio"] > 0
    assert data["machine"]["nproc"] >= 1


@pytest.mark.slow
def test_quick_run_of_every_benchmark_completes(tmp_path):
    data = _run_harness(tmp_path)
    assert set(HEADLINE_KEYS) <= set(data)
    failed = [r for res in data["benchmarks"].values() for r in res["rows"] if r["note"].startswith("failed")]
    assert not failed, failed
