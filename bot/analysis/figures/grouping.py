"""Keys that put claims about the same thing side by side: "soldiers", "troops" and "servicemen"
land in one group, and a figure's kind (count, money, percent...) comes from its unit.

Pure and cheap (no spaCy): the store computes the key when it writes a figure, and the read side
when it is asked for one."""

from __future__ import annotations

import re

from bot.analysis.english import GROUP_CONTAINERS, SINGULAR_ENDINGS, WHAT_OPENERS, WHAT_SYNONYMS
from bot.models import FigureKind

__all__ = ["FigureKind", "figure_kind", "normalize_what", "singular"]


def figure_kind(unit: str | None) -> FigureKind:
    """The kind of a figure with this unit: claims are compared only within one kind."""
    return FigureKind.of_unit(unit)


def singular(word: str) -> str:
    """A plain English singular for regular plurals; unknown shapes are returned unchanged."""
    if len(word) <= 3 or word.endswith(SINGULAR_ENDINGS) or not word.endswith("s"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zzes")):
        return word[:-2]
    return word[:-1]


def _thing_counted(text: str) -> str:
    """"the total number of troops", "a contingent of soldiers": the thing counted comes after "of"."""
    while " of " in text:
        before, after = text.split(" of ", 1)
        if singular(before.split(" ")[-1]) not in GROUP_CONTAINERS:
            return before
        text = after
    return text


def normalize_what(what: str | None) -> str | None:
    """The group a figure belongs to: its head noun ("north korean troops" -> "troops"), synonyms
    mapped and singularised, so that claims about the same thing from different sources line up."""
    if not what:
        return None
    text = re.sub(r"\s+", " ", what.lower().replace("-", " ")).strip()
    text = _thing_counted(text)
    while (stripped := WHAT_OPENERS.sub("", text)) != text:
        text = stripped
    if not text:
        return None
    if text in WHAT_SYNONYMS:
        return WHAT_SYNONYMS[text]
    words = text.split(" ")
    if len(words) >= 2 and " ".join(words[-2:]) in WHAT_SYNONYMS:      # compounds: "special forces"
        return WHAT_SYNONYMS[" ".join(words[-2:])]
    head = words[-1]
    return WHAT_SYNONYMS.get(head) or WHAT_SYNONYMS.get(singular(head)) or singular(head)
