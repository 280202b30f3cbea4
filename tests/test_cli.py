"""The CLI contracts other tools depend on (DESIGN.md), run as a user would: a subprocess."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def newsbot(*args: str, stdin: str | None = None, timeout: float = 240) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, capture_output=True, text=True,
                          timeout=timeout, cwd=REPO)


def test_match_follows_the_json_lines_contract():
    lines = [
        {"id": "a", "title": "Pyongyang sends 12,000 soldiers to Russia", "summary": "Brigades head to Kursk."},
        {"id": "b", "title": "Seoul reviews arms policy", "summary": "South Korea may send weapons to Ukraine."},
        {"id": "c", "title": "North Korea missile test", "summary": "Troops on alert; no link to Russia."},
        {"id": 4, "title": "Derby ends 2-1", "summary": ""},
    ]
    r = newsbot("match", "--config", "config/demo.toml", "-", stdin="\n".join(json.dumps(x) for x in lines))
    assert r.returncode == 0, r.stderr
    out = [json.loads(x) for x in r.stdout.splitlines()]
    assert [o["id"] for o in out] == ["a", "b", "c", 4]
    assert out[0]["topics"] == ["North Korean troops for Russia"]
    assert out[1]["topics"] == ["South Korean arms policy"]
    assert out[2]["topics"] == [] and out[3]["topics"] == []
    assert set(out[0]["why"]) == {"North Korean troops for Russia"}
    assert out[0]["why"]["North Korean troops for Russia"]["title"]


def test_match_rejects_garbage_with_a_line_number():
    r = newsbot("match", "--config", "config/demo.toml", "-", stdin='{"id": 1}\nnot json\n')
    assert r.returncode == 1 and "line 2" in r.stderr and "Traceback" not in r.stderr


def test_every_command_has_help():
    for cmd in (["demo"], ["run"], ["poll"], ["match"], ["extract"], ["claims"], ["feeds", "list"],
                ["topics", "test"], ["db", "upgrade"]):
        r = newsbot(*cmd, "--help", timeout=60)
        assert r.returncode == 0, (cmd, r.stderr)
        assert "Usage" in r.stdout


def test_demo_prints_alerts_for_both_topics_and_the_claims_answer():
    r = newsbot("demo")
    assert r.returncode == 0, r.stderr[-2000:]
    out = r.stdout
    assert "North Korean troops for Russia" in out and "South Korean arms policy" in out
    for unrelated in ("derby", "first frost", "Storm warning", "East Sea", "Kia Tigers"):
        assert unrelated not in out, unrelated
    assert "Round 2" in out and "1 not modified" in out
    assert "claims" in out.lower() and "Budanov" in out
