"""Sources come from the figure's own sentence, its quote's speaker, or a carry-over the text makes
explicit (a pronoun, a role the text tied to a name, "the survey" named before); never from whoever
happened to be named last."""

from __future__ import annotations

from bot.models import Figure
from tests.analysis.figures.figures_helpers import one


def test_a_ministry_is_not_the_bureau_named_the_sentence_before() -> None:
    text = ("The national statistics bureau said unemployment rose to 6% in March. "
            "The ministry said 40 people died in the floods.")
    assert one(text, "40").source == "ministry"


def test_the_ministry_is_the_ministry_named_earlier() -> None:
    text = ("The Health Ministry opened two clinics last week. The statistics bureau published its census "
            "on Monday. The ministry said 40 people died in the floods.")
    assert one(text, "40").source == "Health Ministry"


def test_a_judges_bail_is_not_credited_to_a_politician_named_later() -> None:
    text = ("The judge said bail was set at $50,000. Two days later Senator Tom Hale called the decision "
            "a disgrace on local radio.")
    assert one(text, "$50,000").source == "judge"


def test_the_judge_is_the_person_introduced_as_judge() -> None:
    text = "Judge Ana Ruiz heard the case on Tuesday. The judge said bail was set at $50,000."
    assert one(text, "$50,000").source == "Ana Ruiz"


def test_a_descriptive_role_is_the_firm_the_text_is_about() -> None:
    text = "Talks with Coastline Airways broke down in June. The company said it would cut 300 jobs."
    assert one(text, "300").source == "Coastline Airways"


def test_a_role_followed_by_its_name_is_the_name() -> None:
    text = "About 14 million homes now have fibre, according to the communications regulator Ofcom."
    assert one(text, "14 million").source == "Ofcom"


def test_the_poll_is_the_poll_named_before() -> None:
    text = ("A survey by Polldata last week found that appetite for gadgets is growing. "
            "The poll of 9,000 people found that 59% wanted more technology.")
    assert one(text, "59%").source == "Polldata"


def test_a_survey_of_people_is_not_sourced_to_the_people() -> None:
    text = "The survey of a sample of 500 teenagers showed that 81% follow the news."
    assert one(text, "81%").source == "survey"


def test_he_said_carries_over_to_the_person_named_before() -> None:
    text = ("Harbour master Ivo Lind spoke to reporters on the quay. "
            "He said 120 boats had been damaged.")
    assert one(text, "120").source == "Ivo Lind"


def test_a_figure_stated_in_the_articles_own_voice_has_no_source() -> None:
    text = ("Finance Minister Lea Brandt said on Monday the budget would balance. "
            "The port handled 4,000 containers last year.")
    assert one(text, "4,000").source is None


def test_one_claimant_under_several_names_is_one_source() -> None:
    from bot.analysis.figures.extract import extract_figures

    text = ("The US Department of Defense said 1,200 advisers were in the region. "
            "A week later the Defense department said 300 more had arrived. "
            "Marta Kowalczyk of the Baltic Ports Council said 45 ships were waiting. "
            "Kowalczyk said 12 of them were tankers.")
    sources = {text[f.start:f.end]: f.source for f in extract_figures(text)}
    assert sources["1,200"] == sources["300"] == "US Department of Defense"
    assert sources["45"] == sources["12"] == "Marta Kowalczyk"


def _fig(source: str) -> Figure:
    return Figure(1, None, None, False, None, source, "", 0, 1)


def test_canonical_names_follow_acronyms_surnames_and_word_sets() -> None:
    from bot.analysis.figures.sources import canonical_sources

    got = [f.source for f in canonical_sources([_fig("NIS"), _fig("National Intelligence Service (NIS)"),
                                                _fig("Budanov"), _fig("Kyrylo Budanov"), _fig("Korea")])]
    assert got == ["National Intelligence Service (NIS)"] * 2 + ["Kyrylo Budanov"] * 2 + ["Korea"]
    two = [f.source for f in canonical_sources([_fig("ministry"), _fig("health ministry"), _fig("defence ministry")])]
    assert two == ["ministry", "health ministry", "defence ministry"]


def test_data_named_at_the_end_of_the_sentence_is_the_source() -> None:
    assert one("Exports to the bloc are down 40% since 2020, Eurostat data show.", "40%").source == "Eurostat"


def test_a_poll_released_by_an_institute_frames_the_sentence() -> None:
    text = "In a poll released on Monday by the Seoul Opinion Institute, 38% of respondents backed the plan."
    assert one(text, "38%").source == "Seoul Opinion Institute"


def test_a_named_survey_is_its_name_not_the_month_it_came_out() -> None:
    text = "A Red Cross survey of 8,900 families published in December found that 57% lacked heating."
    assert one(text, "57%").source == "Red Cross survey"
