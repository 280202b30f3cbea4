"""Numbers that are not figures (docs/FIGURES.md): dates, years, times, durations, ages, ordinals,
names and identifiers, page numbers, scores, "one", vague words and currency conversions."""

from __future__ import annotations

import pytest

from tests.analysis.figures.figures_helpers import figures


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("The treaty was signed on 14 March 1998 in Lisbon.", []),
        ("By June 3, 2021 the site had 70 staff.", ["70"]),
        ("The vote is due on Jan. 9.", []),
        ("Trading opened at 8:15 in Frankfurt.", []),
        ("The 1990 law still applies.", []),
        ("The ceasefire lasted for three weeks.", []),
        ("Talks went on for 36 hours.", []),
        ("A five-year plan was agreed.", []),
        ("A 52-year-old driver was arrested.", []),
        ("The driver, aged 52, was arrested.", []),
        ("Marta Ruiz, 52, runs the cafe.", []),
        ("She is 52 and lives in Leeds.", []),
        ("It was the third attempt and the 2nd delay.", []),
        ("An Airbus A321 and a Boeing 777 landed.", []),
        ("He took Route 9 past Gate 12 to Platform 4.", []),
        ("See page 12 and section 4 of the report.", []),
        ("They drew 2-2 after extra time.", []),
        ("Only one candidate and a deputy remain.", []),
        ("Dozens of boats and hundreds of cars were damaged.", []),
        ("Nearly half of the staff and a third of managers left.", []),
        ("The eight met in private.", []),
        ("The bill is $2bn (£1.6bn) in total.", ["$2bn"]),
        ("The 2019 report said 4,000 people attended.", ["4,000"]),
        ("The Pentium 4 chip sold 10 million units.", ["10 million"]),
    ],
)
def test_not_figures(text: str, kept: list[str]) -> None:
    assert sorted(figures(text)) == sorted(kept)


def test_a_model_number_seen_in_a_name_is_not_counted_later() -> None:
    text = "The carrier flies the Airbus 350-900 on long routes. The 350-900 seats 300 people."
    assert sorted(figures(text)) == ["300"]


def test_year_range_is_not_a_figure_but_a_count_range_is() -> None:
    assert list(figures("Jobs vanished between 1995 and 2005.")) == []
    assert list(figures("Between 1,995 and 2,005 jobs vanished.")) == ["Between 1,995 and 2,005"]


def test_a_ratio_is_one_figure_holding_the_share() -> None:
    parents = figures("Nearly 7 in 10 parents worry about fees.")
    assert list(parents) == ["7 in 10"]
    fig = parents["7 in 10"]
    assert (fig.value, fig.unit, fig.kind, fig.bound, fig.what) == (0.7, "ratio", "ratio", "about", "parents")
    shops = figures("Three out of four shops were shut.")
    assert list(shops) == ["Three out of four"] and shops["Three out of four"].value == 0.75
    assert figures("One in every five ferries runs late.")["One in every five"].value == 0.2


def test_out_of_a_base_nobody_counts_in_is_a_count_not_a_ratio() -> None:
    assert list(figures("The inspectors failed 12 out of 23 kitchens.")) == ["12"]


def test_a_number_in_a_span_of_time_is_no_ratio() -> None:
    assert "2 in 10" not in figures("The striker scored 2 in 10 minutes against the visitors.")


def test_age_brackets_are_not_figures() -> None:
    assert list(figures("Among adults under 30, 45% rent their homes.")) == ["45%"]


@pytest.mark.parametrize(
    "text",
    [
        "Details at https://news.example.org/2023/05/story?id=8841 online.",
        "Call the hotline on (555) 201-3344 for help.",
        "Write to press@example.com or visit www.example.com/page2 now.",
        "The office is at 221 Baker Street in London.",
        "1. Lower fares\n2. Faster trains\n3. More stations",
        "See note [1] below.",
    ],
)
def test_links_phones_addresses_and_list_markers(text: str) -> None:
    assert figures(text) == {}


def test_headlines_in_title_case_keep_their_counts() -> None:
    assert list(figures("Storm Leaves 4,000 Homes Without Power In Maine")) == ["4,000"]


@pytest.mark.parametrize("text", ["Airbus's 350 Freighter was delayed.", "Gemini 7 docked in orbit."])
def test_product_numbers_are_names(text: str) -> None:
    assert figures(text) == {}


def test_a_count_before_a_model_name_still_counts() -> None:
    assert list(figures("The navy ordered 24 Rafale M jets.")) == ["24"]


def test_aged_over_is_an_age() -> None:
    assert list(figures("People aged over 80 make up 5% of patients.")) == ["5%"]


def test_a_count_at_a_time_is_not_a_duration() -> None:
    assert sorted(figures("Sales reached 900 last year and 40 cars each month; talks took 12 hours.")) == ["40", "900"]


def test_the_last_two_years_is_a_duration() -> None:
    assert figures("Prices doubled over the last two years.") == {}


@pytest.mark.parametrize("text", [
    "The accelerator 500 Startups backed the app in its first round.",
    "Engineers at 500 Startups said the round closed early.",
    "The carrier said its Boeing 737 fleet would stay grounded.",
])
def test_numbers_that_begin_a_name_are_not_figures(text: str) -> None:
    assert figures(text) == {}


@pytest.mark.parametrize("text, kept", [
    ("The carrier ordered 20 Boeing 737 jets.", "20"),
    ("Nearly 2,000 Tamils crossed the strait overnight.", "2,000"),
    ("About 300 Marines came ashore at dawn.", "300"),
])
def test_a_count_of_things_with_names_is_still_a_figure(text: str, kept: str) -> None:
    assert kept in figures(text)


@pytest.mark.parametrize("text", [
    "The coach said he had 100% confidence in the young keeper.",
    "She was 100 percent sure the dam would hold.",
    "The players gave 110% in the second half.",
    "I am a hundred per cent behind the manager.",
])
def test_percent_idioms_are_not_figures(text: str) -> None:
    assert figures(text) == {}


def test_a_whole_share_is_still_a_figure() -> None:
    assert figures("The fund now owns 100% of the port operator.")["100%"].what == "port operator"


@pytest.mark.parametrize("text", [
    "The hearing is set for 21.10.2024 in the district court.",
    "The notice, dated 21/10/24, reached the tenants late.",
    "Records from 2024-10-21 show the pump failed.",
    "The plant closed on 3 March 1961 and reopened in 1975.",
    "The law took effect on Oct. 21st, 2024.",
    "They met on the 21st of October.",
])
def test_dates_in_any_spelling_are_not_figures(text: str) -> None:
    assert figures(text) == {}
