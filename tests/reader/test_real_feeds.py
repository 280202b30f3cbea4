"""Every real-world feed in ../shared/feeds yields entries, or (for the broken ones) a readable error."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bot.reader.parser import FeedParseError, parse_feed

FEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "feeds"
FILES = sorted(p for p in FEEDS.glob("*") if p.suffix not in (".md", ".tsv")) if FEEDS.is_dir() else []
BROKEN = {"SYNTH_rss_incomplete_cdata.xml"}   # deliberately unreadable: must give a reason


@pytest.mark.skipif(not FILES, reason="../shared/feeds is not available")
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_real_feed_parses(path: Path):
    started = time.perf_counter()
    try:
        feed = parse_feed(path.read_bytes(), f"https://feeds.example/{path.name}")
    except FeedParseError as exc:
        assert path.name in BROKEN, f"{path.name}: {exc.reason}"
        assert exc.reason.startswith("not a feed")
        return
    finally:
        assert time.perf_counter() - started < 5
    assert path.name not in BROKEN
    assert feed.entries, path.name
    by_uid: dict[str, set] = {}
    for e in feed.entries:
        by_uid.setdefault(e.uid, set()).add((e.title, e.link))
    assert all(len(v) == 1 for v in by_uid.values()), "distinct items never share a uid"
    for e in feed.entries:
        assert e.published is None or e.published.utcoffset().total_seconds() == 0
        assert "<p>" not in e.text and "&amp;" not in e.text and "  " not in e.text
    if not path.name.startswith("SYNTH_"):
        assert any(e.title for e in feed.entries)
