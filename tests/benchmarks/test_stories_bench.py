"""The story benchmark: BCubed as defined, and the clustering above its budget on our set."""

from __future__ import annotations

import pytest

from benchmarks.bench_stories import BUDGET_F1, STORY_SET, bcubed, load_set, score


def test_bcubed_of_a_perfect_and_of_a_lumped_clustering():
    gold = {1: "a", 2: "a", 3: "b", 4: "c"}
    assert bcubed({1: 1, 2: 1, 3: 2, 4: 3}, gold) == (1.0, 1.0, 1.0)
    p, r, f = bcubed({1: 1, 2: 1, 3: 1, 4: 1}, gold)
    # each a sees 2 of 4 right, b and c 1 of 4: precision (0.5+0.5+0.25+0.25)/4; recall is whole
    assert p == pytest.approx(0.375) and r == 1.0 and f == pytest.approx(2 * 0.375 / 1.375)


def test_bcubed_of_singletons_has_whole_precision():
    p, r, _ = bcubed({1: 1, 2: 2, 3: 3}, {1: "a", 2: "a", 3: "b"})
    assert p == 1.0 and r == pytest.approx((0.5 + 0.5 + 1) / 3)


def test_the_story_set_is_big_enough_and_clustered_above_budget():
    rows = load_set(STORY_SET)
    assert len(rows) >= 60
    assert len({r["outlet"] for r in rows}) >= 5
    assert sum(1 for s in {r["story"] for r in rows}
               if len({r["outlet"] for r in rows if r["story"] == s}) >= 3) >= 5
    assert score(rows)["f1"] >= BUDGET_F1
