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


def normalize_what(what: str | None) -> str | None:
    """Lower-case, drop leading articles, map synonyms (whole phrase, then head noun), singularise."""
    if not what:
        return None
    text = re.sub(r"\s+", " ", what.lower().replace("-", " ")).strip()
    while (stripped := _LEADING.sub("", text)) != text:
        text = stripped
    if not text:
        return None
    if text in SYNONYMS:
        return SYNONYMS[text]
    *mods, head = text.split(" ")
    head = SYNONYMS.get(head) or SYNONYMS.get(singular(head)) or singular(head)
    phrase = " ".join([*mods, head])
    return SYNONYMS.get(phrase, phrase)
