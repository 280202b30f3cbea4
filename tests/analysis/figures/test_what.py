"""What a figure counts or measures, read from the parse of sentences written for these tests."""

from __future__ import annotations

import pytest

from tests.analysis.figures.figures_helpers import one


@pytest.mark.parametrize(
    ("text", "surface", "head"),
    [
        ("The charity fed 4,300 hungry children last winter.", "4,300", "children"),
        ("Rebels seized six armoured vehicles near the border.", "six", "vehicles"),
        ("The port handled 2.4 million containers of freight.", "2.4 million", "containers"),
        ("The council signed a £75m housing contract.", "£75m", "contract"),
        ("About 30% of the nurses quit.", "30%", "nurses"),
        ("The city spent $40m in emergency aid.", "$40m", "aid"),
        ("Officials announced a budget of $2.1bn for the games.", "$2.1bn", "budget"),
        ("The factory's output fell to 800 cars a week.", "800", "cars"),
        ("Inflation rose to 6.2% in March.", "6.2%", "inflation"),
        ("The trade deficit stood at $64bn.", "$64bn", "deficit"),
        ("Home prices climbed 4.5% last year.", "4.5%", "prices"),
        ("The airline ordered 40 planes, a deal valued at $5bn.", "$5bn", "deal"),
        ("Two regiments totalling 3,000 men crossed the river.", "Two", "regiments"),
        ("The army lost 120 tanks and 40 helicopters.", "40", "helicopters"),
        ("Rescuers said 37 people were killed in the blast.", "37", "killed"),
        ("The club's debt was cut by £15m.", "£15m", "debt"),
        ("The index was down 1.8% at the close.", "1.8%", "index"),
        ("Donors gave the hospital an extra £2m.", "£2m", "hospital"),
    ],
)
def test_what_is_counted(text: str, surface: str, head: str) -> None:
    assert head in (one(text, surface).what or "")


def test_what_is_lower_case_and_a_short_phrase() -> None:
    f = one("Volunteers planted 9,000 young Oak Trees in the park.", "9,000")
    assert f.what == f.what.lower()
    assert "trees" in f.what and len(f.what.split()) <= 5


def test_a_pronoun_is_never_what_is_measured() -> None:
    assert one("It cost $3m.", "$3m").what == "cost"
    assert one("They bought it for $3m.", "$3m").what != "it"


@pytest.mark.parametrize(
    ("text", "surface", "what"),
    [
        ("Orvik paid $2bn for the software maker.", "$2bn", "money paid for software maker"),
        ("The flood will cost the region $900m.", "$900m", "cost of flood"),
        ("The firm made pre-tax profits of £1.2bn.", "£1.2bn", "pre-tax profits"),
        ("Workers abroad sent home $16bn last year.", "$16bn", "money sent home"),
    ],
)
def test_money_phrases(text: str, surface: str, what: str) -> None:
    assert one(text, surface).what == what


def test_a_comparison_measures_the_same_thing() -> None:
    text = "Women now hold 31% of board seats, up from 22% in 2015."
    assert "board seats" in one(text, "22%").what


def test_the_figure_refers_back() -> None:
    text = "There are 4.2 million carers in the country. The figure is expected to reach 5 million."
    assert "carers" in one(text, "5 million").what


@pytest.mark.parametrize(
    ("text", "surface", "what"),
    [
        ("The landslide killed 85 people in Peru.", "85", "people killed"),
        ("The recession could push 3 million people into poverty.", "3 million", "people pushed into poverty"),
        ("The mill hired 250 people.", "250", "people hired"),
    ],
)
def test_people_counts_carry_their_verb(text: str, surface: str, what: str) -> None:
    assert one(text, surface).what == what


def test_a_share_among_a_group() -> None:
    assert "renters" in one("Among young renters, 58% say they cannot save.", "58%").what


def test_a_change_between_percentages_measures_the_subject() -> None:
    text = "Vacancy rates climbed from 6% to 8% over the winter."
    assert one(text, "6%").what == "vacancy rates" and one(text, "8%").what == "vacancy rates"
