"""Number forms read from raw text: value, range, unit and exact offsets (no parsing needed)."""

from __future__ import annotations

import pytest

from bot.analysis.figures.numbers import scan, word_value


@pytest.mark.parametrize(
    ("text", "surface", "value", "value_max", "unit"),
    [
        ("The fund holds 4,250 homes.", "4,250", 4250, None, None),
        ("A loan of 17.25 units.", "17.25", 17.25, None, None),
        ("They raised $2.7bn last year.", "$2.7bn", 2.7e9, None, "USD"),
        ("Fees came to £18m in total.", "£18m", 18e6, None, "GBP"),
        ("Brussels set aside €3 billion for it.", "€3 billion", 3e9, None, "EUR"),
        ("The state spent Rs 250 crore on roads.", "Rs 250 crore", 2.5e9, None, "INR"),
        ("A grant of 6 lakh rupees was paid.", "6 lakh rupees", 6e5, None, "INR"),
        ("Tokyo pledged ¥800bn to the plan.", "¥800bn", 8e11, None, "JPY"),
        ("Seoul approved ₩1.5 trillion in aid.", "₩1.5 trillion", 1.5e12, None, "KRW"),
        ("It was sold for 40,000 won.", "40,000 won", 40000, None, "KRW"),
        ("The price was USD 75 per share.", "USD 75", 75, None, "USD"),
        ("Stamps now cost 85p each.", "85p", 0.85, None, "GBP"),
        ("Turnout reached 61.5%.", "61.5%", 61.5, None, "%"),
        ("Turnout reached 61 per cent.", "61 per cent", 61, None, "%"),
        ("Turnout reached 61 percent.", "61 percent", 61, None, "%"),
        ("Rates rose 0.75 percentage points.", "0.75 percentage points", 0.75, None, "pp"),
        ("The fire spread over 12 km of hills.", "12 km", 12, None, "km"),
        ("A 6.4-magnitude tremor hit the coast.", "6.4-magnitude", 6.4, None, "magnitude"),
        ("The jet climbed to 41,000 feet.", "41,000 feet", 41000, None, "ft"),
        ("The ship carried 900 tonnes of grain.", "900 tonnes", 900, None, "t"),
        ("Output hit 3.1 million barrels a day.", "3.1 million barrels", 3.1e6, None, "barrels"),
        ("Gusts reached 95 mph overnight.", "95 mph", 95, None, "mph"),
        ("The tanks hold 4 million barrels.", "4 million barrels", 4e6, None, None),
        ("A magnitude 6.9 tremor struck.", "6.9", 6.9, None, "magnitude"),
        ("The farm produces 480 megawatts.", "480 megawatts", 480, None, "MW"),
        ("Some 12k people signed.", "12k", 12000, None, None),
        ("Eighty-five thousand fans came.", "Eighty-five thousand", 85000, None, None),
        ("Three hundred and twelve boats sailed.", "Three hundred and twelve", 312, None, None),
        ("Nine million voters turned out.", "Nine million", 9e6, None, None),
        ("It will need 5,000-7,000 nurses.", "5,000-7,000", 5000, 7000, None),
        ("It will need between 40 and 60 nurses.", "between 40 and 60", 40, 60, None),
        ("Costs of 15-20bn rupees are expected.", "15-20bn rupees", 15e9, 20e9, "INR"),
        ("Growth of 2% to 2.5% is forecast.", "2% to 2.5%", 2, 2.5, "%"),
        ("A project worth from 8 to 9 million.", "from 8 to 9 million", 8e6, 9e6, None),
    ],
)
def test_number_forms(text: str, surface: str, value: float, value_max: float | None, unit: str | None) -> None:
    found = {q.text: q for q in scan(text)}
    assert surface in found, list(found)
    q = found[surface]
    assert q.value == pytest.approx(value)
    assert (q.value_max is None) == (value_max is None)
    if value_max is not None:
        assert q.value_max == pytest.approx(value_max)
    assert q.unit == unit
    assert text[q.start:q.end] == surface


@pytest.mark.parametrize(
    "text",
    [
        "The meeting starts at 9:45 sharp.",      # clock time
        "Vaccines against COVID-19 arrived.",     # name with a hyphenated number
        "The G20 met in Rome.",                   # letters glued to digits
        "Flight BA2490 was delayed.",
        "They won 4-1 at home.",                  # score line
        "Nearly two-thirds agreed.",              # fraction
        "The 3D printer broke.",
    ],
)
def test_not_numbers_at_all(text: str) -> None:
    assert scan(text) == []


def test_try_is_a_verb_not_the_turkish_lira() -> None:
    [q] = scan("We try 5 times.")
    assert q.unit is None


def test_spelled_number_grammar() -> None:
    assert word_value("forty-two") == 42
    assert word_value("one-two") is None
    assert word_value("two hundred and six") == 206


def test_a_change_from_to_keeps_both_ends() -> None:
    [q] = scan("It went from £10 to £12.")
    assert q.value == 10 and q.value_max == 12
    first, second = q.parts
    assert (first.text, second.text) == ("£10", "£12")


def test_values_keep_the_digits_written() -> None:
    [q] = scan("It cost $525.252 million.")
    assert q.value == 525_252_000 and repr(q.value) == "525252000.0"
    [p] = scan("A 350.817p share price.")
    assert repr(p.value) == "3.50817"


def test_thousands_grouped_by_no_break_spaces() -> None:
    [q] = scan("Some 10\u00a0000 people marched.")
    assert q.value == 10_000 and q.text == "10\u00a0000"


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("Bookings climbed 18% to 64,000 rooms.", ["18%", "64,000"]),
        ("Turnover slipped 2.5 percentage points to 31.", ["2.5 percentage points", "31"]),
        ("Fares will rise 4 to 6% in May.", ["4 to 6%"]),
        ("Yields moved between 3% and 5 this week.", ["between 3% and 5"]),
    ],
)
def test_a_percent_change_then_a_level_is_two_numbers(text: str, written: list[str]) -> None:
    assert [q.text for q in scan(text)] == written
