"""Texts that are not in English get no figures (the rules would misread them); English texts,
however short or full of numbers, keep theirs."""

from __future__ import annotations

import pytest

from bot.analysis.figures.extract import extract_texts
from bot.analysis.figures.language import detect_language

OTHER = {
    "pt": "O governo anunciou ontem que cerca de 28% das famílias gastam mais da metade da renda com "
          "aluguel, e a oposição pediu uma investigação sobre os números divulgados pelo ministério.",
    "es": "El ayuntamiento aprobó un presupuesto de 120 millones de euros para el transporte, y según el "
          "alcalde unas 3.000 personas usarán cada día la nueva línea del norte de la ciudad.",
    "de": "Die Regierung kündigte am Montag an, dass rund 12.000 Soldaten an die Grenze verlegt werden, "
          "und nach Angaben des Ministeriums kostet der Einsatz etwa 300 Millionen Euro im Jahr.",
    "fr": "Le ministère a indiqué mardi que près de 40 000 personnes ont été évacuées après les "
          "inondations, et selon la préfecture les dégâts pourraient atteindre 250 millions d'euros.",
}
ENGLISH = [
    "Police said 14 people were hurt.",
    "Q3 revenue: $4.5bn; EPS $1.20; guidance 2025: $19bn-$20bn; capex $3bn; buyback $2bn; headcount 41,000.",
    "The mayor, speaking in Porto, read out a line from a local paper, \"a cidade vai investir 2 milhões\", "
    "and said the port upgrade would cost about €40m and bring 600 jobs to the area by the end of next year.",
]


@pytest.mark.parametrize("code", sorted(OTHER))
def test_other_languages_are_named_and_get_no_figures(code: str) -> None:
    assert detect_language(OTHER[code]).code == code
    [found] = extract_texts([OTHER[code]])
    assert found.figures == [] and f"detected: {code}" in (found.skipped or "")


@pytest.mark.parametrize("text", ENGLISH)
def test_english_texts_keep_their_figures_however_short_or_numeric(text: str) -> None:
    assert detect_language(text).english
    [found] = extract_texts([text])
    assert found.skipped is None and found.figures


def test_a_batch_keeps_each_text_in_its_place() -> None:
    got = extract_texts([ENGLISH[0], OTHER["pt"], "", ENGLISH[0]])
    assert [bool(e.figures) for e in got] == [True, False, False, True]
    assert [e.skipped is None for e in got] == [True, False, True, True]
