"""approx is true only for hedged figures (about, more than, up to, ...)."""

from __future__ import annotations

import pytest

from tests.analysis.figures.figures_helpers import one


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("About 500 miners were trapped.", "500"),
        ("Around 500 miners were trapped.", "500"),
        ("Approximately 500 miners were trapped.", "500"),
        ("Roughly 500 miners were trapped.", "500"),
        ("Nearly 500 miners were trapped.", "500"),
        ("Almost 500 miners were trapped.", "500"),
        ("Close to 500 miners were trapped.", "500"),
        ("Some 500 miners were trapped.", "500"),
        ("Up to 500 miners were trapped.", "500"),
        ("More than 500 miners were trapped.", "500"),
        ("Over 500 miners were trapped.", "500"),
        ("At least 500 miners were trapped.", "500"),
        ("Fewer than 500 miners were trapped.", "500"),
        ("Less than 5% of the ore was lost.", "5%"),
        ("Under 500 miners were trapped.", "500"),
        ("An estimated 500 miners were trapped.", "500"),
        ("The toll has passed 500.", "500"),
        ("Sales topped $9bn.", "$9bn"),
        ("It could cost as much as $9bn.", "$9bn"),
        ("A fine of up to £5,000 applies.", "£5,000"),
        ("500 or more miners were trapped.", "500"),
        ("The bill came closer to $9bn.", "$9bn"),
        ("Costs are in the region of $9bn.", "$9bn"),
    ],
)
def test_hedged(text: str, surface: str) -> None:
    assert one(text, surface).approx is True


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Exactly 500 miners were trapped.", "500"),
        ("The storm pushed losses up to $9bn.", "$9bn"),
        ("The firm brought its fleet up to 90 ships.", "90"),
        ("The union, which has 500 members, voted.", "500"),
        ("An increase of $3m over last year was approved.", "$3m"),
    ],
)
def test_not_hedged(text: str, surface: str) -> None:
    assert one(text, surface).approx is False


def test_a_hedge_covers_a_coordinated_list() -> None:
    text = "Grants will rise to a maximum of £40 a month for one pupil and £70 for two pupils."
    assert one(text, "£40").approx and one(text, "£70").approx


def test_a_hedge_does_not_cross_into_another_clause() -> None:
    text = "Some 900 posts have been cut, and 300 moved to other cities."
    assert one(text, "900").approx and not one(text, "300").approx
