"""Normalise what a figure counts, so "soldiers", "troops" and "servicemen" land in one group."""

from __future__ import annotations

import re

# Whole phrases (after lower-casing) that name the same thing; checked before singularising.
SYNONYMS = {
    "soldier": "troops", "soldiers": "troops", "troop": "troops", "troops": "troops",
    "serviceman": "troops", "servicemen": "troops", "servicemembers": "troops",
    "service members": "troops", "service member": "troops", "military personnel": "troops",
    "special forces": "special forces", "special force": "special forces",
    "special forces troops": "special forces", "special forces soldiers": "special forces",
    "people": "people", "persons": "people", "person": "people",
    "children": "children", "child": "children",
    "men": "men", "man": "men", "women": "women", "woman": "women",
    "dollars": "dollars", "dollar": "dollars",
    "percent": "percent", "per cent": "percent",
}
_KEEP = ("ss", "us", "is", "news", "series", "species", "forces")
_LEADING = re.compile(r"^(?:the|a|an|some|of|its|their|his|her)\s+")


def singular(word: str) -> str:
    """A plain English singular for regular plurals; unknown shapes are returned unchanged."""
    if len(word) <= 3 or word.endswith(_KEEP) or not word.endswith("s"):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zzes")):
        return word[:-2]
    return word[:-1]


# "the total number of troops", "a contingent of soldiers": the thing counted comes after "of".
_CONTAINERS = {"number", "numbers", "total", "estimate", "estimates", "group", "groups", "contingent",
               "figure", "count", "tally", "sum", "amount", "force", "batch", "wave", "deployment"}


def _thing_counted(text: str) -> str:
    while " of " in text:
        before, after = text.split(" of ", 1)
        if before.split(" ")[-1] not in _CONTAINERS:
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
    while (stripped := _LEADING.sub("", text)) != text:
        text = stripped
    if not text:
        return None
    if text in SYNONYMS:
        return SYNONYMS[text]
    words = text.split(" ")
    if len(words) >= 2 and " ".join(words[-2:]) in SYNONYMS:      # compounds: "special forces"
        return SYNONYMS[" ".join(words[-2:])]
    head = words[-1]
    return SYNONYMS.get(head) or SYNONYMS.get(singular(head)) or singular(head)
