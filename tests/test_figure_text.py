"""The one way a figure reads everywhere: value, unit, range and bound in words; who claims it."""

from __future__ import annotations

import pytest

from bot.figure_text import NO_SOURCE, amount, figure_line, figure_value
from tests.builders import claim, figure


@pytest.mark.parametrize("value, value_max, unit, bound, approx, expected", [
    (12000, None, None, "exact", False, "12,000"),
    (10000, None, None, "about", True, "about 10,000"),
    (10000, None, None, "exact", True, "about 10,000"),          # hedged, stored before bounds existed
    (3, None, "%", "more_than", False, "more than 3%"),
    (40, None, None, "at_least", False, "at least 40"),
    (2000, None, None, "up_to", False, "up to 2,000"),
    (5, None, None, "at_most", False, "at most 5"),
    (1, None, "%", "less_than", False, "less than 1%"),
    (10000, 12000, None, "range", False, "10,000–12,000"),
    (10000, 12000, None, "range", True, "about 10,000–12,000"),
    (1500, 1500, None, "exact", False, "1,500"),                 # a "range" of one value
    (1.3e9, None, "USD", "exact", False, "$1.3bn"),
    (250e6, None, "EUR", "about", True, "about €250m"),
    (5e9, None, "CHF", "exact", False, "CHF 5bn"),
    (1e9, 1.3e9, "USD", "range", False, "$1bn–$1.3bn"),
    (2.6e6, None, None, "exact", False, "2.6 million"),
    (0.5, None, "pp", "exact", False, "0.5 pp"),
    (12.5, None, "km", "more_than", False, "more than 12.5 km"),
    (2.25, None, None, "exact", False, "2.25"),
])
def test_a_figure_value_reads_the_same_everywhere(value, value_max, unit, bound, approx, expected):
    assert figure_value(value, value_max, unit, bound, approx) == expected


def test_a_line_names_the_source_or_says_there_is_none():
    assert figure_line(figure(10000, "soldiers", "Zelensky", approx=True)) == "about 10,000 soldiers — Zelensky"
    assert figure_line(figure(4, "brigades", None)) == f"4 brigades — {NO_SOURCE}"
    assert figure_line(claim(12000, None, what=None)) == f"12,000 — {NO_SOURCE}"


def test_a_huge_what_or_source_cannot_push_the_other_out():
    line = figure_line(figure(1, "w" * 500, "s" * 500))
    assert len(line) < 250 and line.endswith("…") and " — s" in line


def test_the_chart_axis_uses_the_same_amounts():
    assert amount(1.3e9, "USD") == "$1.3bn" and amount(12000) == "12,000"
