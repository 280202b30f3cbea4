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


@pytest.mark.parametrize(
    ("text", "surface", "bound"),
    [
        ("The ferry carried 212 passengers.", "212", "exact"),
        ("About 90 lorries queued at the border.", "90", "about"),
        ("Roughly 4% of the harvest spoiled.", "4%", "about"),
        ("Nearly 600 homes lost power overnight.", "600", "about"),
        ("An estimated 7,000 volunteers signed up.", "7,000", "about"),
        ("The survey counted 40-odd species of moth.", "40", "about"),
        ("At least 35 fishermen were rescued.", "35", "at_least"),
        ("No fewer than 12 bridges need repair.", "12", "at_least"),
        ("Some 3,000 pupils, or more, will sit the exam.", "3,000", "about"),
        ("Organisers expect 800 cyclists or more at the start.", "800", "at_least"),
        ("Ticket prices rose more than 3% this spring.", "3%", "more_than"),
        ("Over 1,200 flights were cancelled.", "1,200", "more_than"),
        ("The fund holds in excess of $2bn.", "$2bn", "more_than"),
        ("Attendance topped 45,000 for the final.", "45,000", "more_than"),
        ("The new rule allows at most 30 visitors per ward.", "30", "at_most"),
        ("Each household may claim no more than £250.", "£250", "at_most"),
        ("Fewer than 80 wolves remain in the valley.", "80", "less_than"),
        ("Turnout was under 40% in most districts.", "40%", "less_than"),
        ("Less than 2% of the budget goes on repairs.", "2%", "less_than"),
        ("The storm may leave up to 2,000 households without water.", "2,000", "up_to"),
        ("As many as 150 workers could lose their jobs.", "150", "up_to"),
        ("The plant employs between 300 and 350 technicians.", "between 300 and 350", "range"),
        ("Repairs will cost $4m-$6m, the council said.", "$4m-$6m", "range"),
    ],
)
def test_the_bound_says_what_the_qualifier_says(text: str, surface: str, bound: str) -> None:
    fig = one(text, surface)
    assert fig.bound == bound
    assert fig.approx is (bound not in ("exact", "range"))
