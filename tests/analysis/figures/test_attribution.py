"""Who claims a figure: reporting verbs, "according to", quotes, appositions, pronouns and role
nouns resolved to the person or organisation named before; None in the article's own voice."""

from __future__ import annotations

import pytest

from tests.analysis.figures.figures_helpers import one


@pytest.mark.parametrize(
    ("text", "surface", "who"),
    [
        ("The health ministry said 212 patients were in hospital.", "212", "health ministry"),
        ("Greenpeace says 40% of the reef is dead.", "40%", "Greenpeace"),
        ("The mayor told residents that 3,000 homes had no power.", "3,000", "mayor"),
        ("Economists at Barclays estimated that growth would slow to 1.2%.", "1.2%", "Barclays"),
        ("Aid agencies believe 80,000 people have fled.", "80,000", "Aid agencies"),
        ("The coastguard reported 14 boats missing.", "14", "coastguard"),
        ("According to the Red Crescent, 650 tents were delivered.", "650", "Red Crescent"),
        ("Some 650 tents were delivered, according to the Red Crescent.", "650", "Red Crescent"),
        ("Nine bridges were destroyed, officials said.", "Nine", "officials"),
        ("Ticket sales rose 18%, said Lena Ortiz, the festival director.", "18%", "Lena Ortiz"),
        ("Figures from the Office for National Statistics show 1.3 million vacancies.", "1.3 million", "Office for National Statistics"),
        ("A report by the auditors found £60m was wasted.", "£60m", "auditors"),
        ("Interior minister Tomas Novak said 45 suspects were held.", "45", "Tomas Novak"),
        ("The carmaker's chief executive, Ida Berg, said 2,000 jobs would go.", "2,000", "Ida Berg"),
    ],
)
def test_sources(text: str, surface: str, who: str) -> None:
    assert who in (one(text, surface).source or "")


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The bridge carries 90,000 cars a day.", "90,000"),
        ("The company employs 4,500 staff in Ohio.", "4,500"),
        ("Unemployment is expected to reach 7%.", "7%"),
    ],
)
def test_own_voice_has_no_source(text: str, surface: str) -> None:
    assert one(text, surface).source is None


def test_he_said_is_the_last_named_person() -> None:
    text = ("Port director Hanne Lund opened the new terminal in Aarhus on Monday. "
            "He said that roughly 1,100 trucks would use it every day.")
    text = text.replace("He said", "She said")
    assert "Hanne Lund" in (one(text, "1,100").source or "")


def test_pronoun_skips_places_named_in_between() -> None:
    text = ("General Omar Haddad said the first convoy of 300 lorries would reach Aleppo, where "
            "fighting continued. He said 900 more lorries were waiting.")
    assert "Omar Haddad" in (one(text, "900").source or "")


def test_it_added_refers_to_the_organisation_that_spoke() -> None:
    text = ("Nordbank said profits would double this year. "
            "About 600 new branches should open by 2030, it added.")
    assert "Nordbank" in (one(text, "600").source or "")


def test_role_noun_resolves_to_the_person_named_before() -> None:
    text = ("Finance minister Rita Solberg presented the budget. "
            "Spending on defence will rise by 8%, the minister said.")
    assert "Rita Solberg" in (one(text, "8%").source or "")


def test_mr_surname_becomes_the_full_name_given_earlier() -> None:
    text = "Karl Meyer runs the port. Mr Meyer said 70 cranes were idle."
    assert one(text, "70").source == "Karl Meyer"


def test_figure_in_a_quote_belongs_to_the_speaker() -> None:
    text = '"We have sold 25,000 tickets already," said Petra Holm, who runs the fair.'
    assert "Petra Holm" in (one(text, "25,000").source or "")


def test_quote_continued_in_the_next_sentence_keeps_its_speaker() -> None:
    text = ('"Demand is huge," said Omar Farouk, the co-op chairman. '
            '"We could sell 40 tonnes a week if we had it."')
    assert "Omar Farouk" in (one(text, "40 tonnes").source or "")


def test_a_verb_of_saying_with_an_object_is_not_an_attribution() -> None:
    text = "The floods claimed 12 lives along the river."
    assert one(text, "12").source is None


def test_unresolvable_pronoun_gives_no_source() -> None:
    assert one("She said 30 rooms were booked.", "30").source is None


def test_a_forecast_claims_its_object() -> None:
    text = "Analysts at Brightline Capital said the results were weak. They had forecast a 4% rise in orders."
    assert "Brightline" in (one(text, "4%").source or "")


def test_it_said_after_the_company_points_to_the_named_firm() -> None:
    text = ("Halden Foods said on Monday it would close two bakeries. The company, based in Oslo, "
            "employs 900 people. Its net debt rose to 1.2bn kroner, it said in a statement.")
    assert "Halden Foods" in (one(text, "1.2bn kroner").source or "")


def test_figures_describing_the_speakers_are_not_claimed_by_them() -> None:
    text = "A majority of renters (61%) say costs are rising, according to a survey by the Housing Trust."
    assert "Housing Trust" in (one(text, "61%").source or "")


def test_survey_finds_that() -> None:
    text = "A poll of 2,400 voters by Civica found that 47% backed the reform."
    assert "Civica" in (one(text, "47%").source or "")


def test_its_report_is_the_organisation_named_before() -> None:
    text = ("The Resolution Trust published a study of rents. "
            "Rents rose 9% in the capital, its report found.")
    assert "Resolution Trust" in (one(text, "9%").source or "")


def test_a_claim_in_another_clause_does_not_carry_over() -> None:
    text = "The Greens have promised to plant 2 million trees, while the Tories say they would cut fuel duty."
    assert one(text, "2 million").source is None


def test_the_agency_is_the_organisation_not_the_country_named_last() -> None:
    text = ("Japan's Fisheries Agency believes Moscow will send 40 trawlers to the area. "
            "The agency said the fleet includes 6 factory ships.")
    assert "Fisheries Agency" in (one(text, "6").source or "")


def test_the_government_is_the_country() -> None:
    text = ("Chile's central bank cut rates on Monday. Peru said exports fell 3%. "
            "The government said 2,000 firms would get help.")
    assert "Peru" in (one(text, "2,000").source or "")


def test_hard_wrapped_lines_stay_one_sentence_but_headlines_do_not() -> None:
    text = ("Storm Batters Coast\nCoastguard officials said that 40 boats\nwere damaged overnight.")
    f = one(text, "40")
    assert f.source == "Coastguard officials" and "Storm" not in f.sentence
