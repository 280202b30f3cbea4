"""Estimates stated as someone's: "by her count", "the ministry puts the toll at", "up from its
earlier estimate of", and how a resolved role noun or pronoun is displayed (the name alone)."""

from __future__ import annotations

import pytest

from tests.analysis.figures.figures_helpers import one


@pytest.mark.parametrize(
    ("text", "surface", "who"),
    [
        (("Portugal's Maritime Safety Authority (MSA) expects more storms this week. The safety agency "
          "said 340 containers were stranded."), "340", "Portugal's Maritime Safety Authority (MSA)"),
        ("Finance Minister Helga Brandt met bankers on Monday. The minister said 75 branches would close.",
         "75", "Helga Brandt"),
    ],
)
def test_a_resolved_role_noun_reads_as_the_name_alone(text: str, surface: str, who: str) -> None:
    assert one(text, surface).source == who


@pytest.mark.parametrize(
    ("text", "surface", "who"),
    [
        # a pronoun possessor is resolved like the pronoun subject "he said"
        (("Governor Lucia Ferreira toured the flooded valley on Saturday. By her count, some 4,200 "
          "houses are under water."), "4,200", "Lucia Ferreira"),
        ("Prime Minister Anders Kvist addressed parliament. In his estimate, 35 schools need new roofs.",
         "35", "Anders Kvist"),
        ("Greenpeace surveyed the coast in May. On its figures, 18% of the seagrass has gone.",
         "18%", "Greenpeace"),
        # a named possessor, before or after the figure
        ("By Tokyo's reckoning, 70 fishing boats were seized last year.", "70", "Tokyo"),
        ("Exports fell 9% in March, by the Commerce Ministry's tally.", "9%", "Commerce Ministry"),
        ("In the view of the Reserve Bank of India, growth will slow to 6.2%.", "6.2%", "Reserve Bank of India"),
        ("Rafael Souza chairs the inquiry. The true toll, by his own reckoning, is nearer 1,400.", "1,400",
         "Rafael Souza"),
        # a role noun possessor resolved to the organisation named before
        (("Brazil's Federal Police (PF) raided three ports. In the agency's view, about 120 tonnes of "
          "cocaine moved through them."), "120 tonnes", "Brazil's Federal Police (PF)"),
    ],
)
def test_a_possessive_estimate_names_its_owner(text: str, surface: str, who: str) -> None:
    assert one(text, surface).source == who


def test_a_possessive_that_says_when_is_not_a_source() -> None:
    assert one("In Monday's report, 52 ships were listed as missing.", "52").source is None


@pytest.mark.parametrize(
    ("text", "surface", "who", "what"),
    [
        ("Lisbon puts the migrants crossing from Morocco at roughly 7,500 a year.", "7,500", "Lisbon", "migrants"),
        ("The interior ministry put the death toll at 38 on Friday.", "38", "interior ministry", "toll"),
        ("Insurers pegged the storm damage at $2.4bn.", "$2.4bn", "Insurers", "damage"),
        ("Economists at Danske Bank placed the cost of the rescue at 9 billion kroner.", "9 billion kroner",
         "Danske Bank", "cost"),
        ("The World Bank estimates the people left homeless by the quake at 310,000.", "310,000",
         "World Bank", "people"),
    ],
)
def test_x_puts_y_at_n_is_an_estimate_by_x(text: str, surface: str, who: str, what: str) -> None:
    f = one(text, surface)
    assert who in (f.source or "") and what in (f.what or "")


def test_put_y_closer_to_n_is_an_estimate_of_y() -> None:
    text = ("The coastguard said 2,700 migrants had landed since May. Charities put the figure "
            "nearer to 3,500.")
    f = one(text, "3,500")
    assert f.source == "Charities" and "migrants" in (f.what or "")


def test_a_pronoun_possessive_in_a_clause_with_a_named_subject_is_that_subject() -> None:
    text = "The navy sent four ships. Relief workers, by their own count, have fed 6,400 families."
    assert one(text, "6,400").source == "Relief workers"


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The navy put 1,200 sailors on standby.", "1,200"),       # no "at": a deployment, not an estimate
        ("The club placed 14 players on the transfer list.", "14"),
    ],
)
def test_putting_things_somewhere_is_not_an_estimate(text: str, surface: str) -> None:
    assert one(text, surface).source is None


@pytest.mark.parametrize(
    ("text", "surface", "what"),
    [
        ("The ministry puts the total number of Syrian refugees in the province at 84,000.", "84,000",
         "syrian refugees"),
        ("Organisers put the number of runners at 41,000 this year.", "41,000", "runners"),
        ("The amount of plastic collected rose to 600 tonnes.", "600 tonnes", "plastic"),
        ("The tally of damaged homes reached 2,150 by Monday.", "2,150", "damaged homes"),
    ],
)
def test_container_nouns_give_way_to_what_they_count(text: str, surface: str, what: str) -> None:
    assert one(text, surface).what == what


@pytest.mark.parametrize(
    ("text", "surface", "what"),
    [
        (("She now puts the total number of Chinese engineers on the site at about 900, up from her "
          "earlier estimate of close to 700."), "700", "chinese engineers"),
        ("The rangers count 312 wolves in the park, down from a previous tally of more than 350.",
         "350", "wolves"),
        ("Turnout reached 64%, up from 58%.", "58%", "turnout"),
    ],
)
def test_the_figure_compared_with_counts_the_same_thing(text: str, surface: str, what: str) -> None:
    assert one(text, surface).what == what


@pytest.mark.parametrize(
    ("text", "surface", "who", "what"),
    [
        ("The death toll was put at 63 by the Red Crescent.", "63", "Red Crescent", "toll"),
        ("Losses have been pegged at $750m by insurers.", "$750m", "insurers", "losses"),
        ("The refugee council puts the number of families who have left at more than 9,000.", "9,000",
         "refugee council", "families"),
    ],
)
def test_passive_and_relative_clause_estimates(text: str, surface: str, who: str, what: str) -> None:
    f = one(text, surface)
    assert who in (f.source or "") and what in (f.what or "")


def test_an_unresolved_possessive_is_no_source() -> None:
    assert one("According to his estimate, 480 wells ran dry.", "480").source is None


def test_a_first_name_the_tagger_left_out_of_the_person_is_kept() -> None:
    """The small model sometimes tags only the surname ("Budanov") as the person; the proper noun
    compounded onto it is the first name. Built by hand so the test does not hang on the tagger."""
    from spacy.tokens import Doc

    from bot.analysis.figures.attribution import Attributor
    from bot.analysis.figures.nlp import load_nlp

    words = ["Marta", "Kowalczyk", "said", "Dr", "Nowak", "agreed", "."]
    doc = Doc(load_nlp().vocab, words=words,
              pos=["PROPN", "PROPN", "VERB", "PROPN", "PROPN", "VERB", "PUNCT"],
              deps=["compound", "nsubj", "ROOT", "compound", "nsubj", "ccomp", "punct"],
              heads=[1, 2, 2, 4, 5, 2, 2], ents=["O", "B-PERSON", "O", "O", "B-PERSON", "O", "O"])
    names = Attributor(doc)
    assert names._full_person_name(doc.ents[0]) == "Marta Kowalczyk"
    assert names._full_person_name(doc.ents[1]) == "Nowak"          # a title is no first name


@pytest.mark.parametrize(
    ("text", "surface", "who", "what"),
    [
        (("Stewards said the march drew about 9,000 people, compared with the organisers' estimate of "
          "25,000."), "25,000", "organisers", "people"),
        ("The insurers' forecast of $600m in claims was revised on Friday.", "$600m", "insurers", "claims"),
    ],
)
def test_an_estimate_of_n_belongs_to_its_owner(text: str, surface: str, who: str, what: str) -> None:
    f = one(text, surface)
    assert f.source == who and what in (f.what or "")


@pytest.mark.parametrize(
    ("text", "surface", "what"),
    [
        ("The number of rail passengers climbed to 31,000 last month.", "31,000", "rail passengers"),
        ("Medics said the number of injured had reached 140, up from 95.", "95", "injured"),
    ],
)
def test_counted_things_behind_dates_and_adjectives(text: str, surface: str, what: str) -> None:
    assert one(text, surface).what == what


def test_said_in_a_statement_that_reports_the_clause() -> None:
    text = "Heineken said in a statement that beer volumes fell 6% in Asia."
    f = one(text, "6%")
    assert f.source == "Heineken" and "beer volumes" in (f.what or "")


@pytest.mark.parametrize(
    ("text", "surface", "who"),
    [
        ("According to Norway's count, 48 whales were caught.", "48", "Norway"),
        ("Amnesty's figures show 90 protesters were detained.", "90", "Amnesty"),
        ("Manila's estimate is 7,000 evacuees.", "7,000", "Manila"),
        ("The Red Cross's tally stands at 260 missing.", "260", "Red Cross"),
    ],
)
def test_a_named_owner_of_the_figures_is_the_source(text: str, surface: str, who: str) -> None:
    assert one(text, surface).source == who
