"""One claimant, one name per article: "Budanov" and "Kyrylo Budanov", "NIS" and "South Korea's
National Intelligence Service (NIS)", "Defense department" and "US Department of Defense" become
the fullest of their names, so the claim views do not count one source twice.

A shorter name joins a longer one when it is its acronym (or stands in its brackets), its last word
(a surname, "the ministry"), or when all its words, two or more, are among the longer one's. A name
that would join two different longer names is ambiguous and stays as written."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.analysis.english import TITLES
from bot.models import Figure

_FILLER = {"the", "of", "and", "for", "a", "an", "on", "in"} | TITLES
_WORD = re.compile(r"[^\W_]+(?:[-.'’][^\W_]+)*")


def _words(name: str) -> list[str]:
    text = re.sub(r"['’]s\b", "", name.lower())
    return [w for w in _WORD.findall(text) if w not in _FILLER]


def _acronym(short: str, long: str) -> bool:
    if not (2 <= len(short) <= 6 and short.isalpha() and short.isupper()):
        return False
    if f"({short})" in long:
        return True
    initials = "".join(w[0] for w in re.findall(r"[A-Z][\w-]*", long) if w.lower() not in _FILLER)
    return short in initials and len(initials) >= len(short)


def _alias_of(short: str, long: str) -> bool:
    """Whether `short` names the same claimant as the longer `long`."""
    a, b = _words(short), _words(long)
    if not a or not b or len(a) >= len(b):
        return _acronym(short.strip(), long)
    if len(a) == 1:
        return a[0] == b[-1] or _acronym(short.strip(), long)
    return set(a) <= set(b)


def canonical_sources(figures: list[Figure]) -> list[Figure]:
    """The figures with each source replaced by the fullest name it goes by in the article."""
    names = list(dict.fromkeys(f.source for f in figures if f.source))
    if len(names) < 2:
        return figures
    canon: dict[str, str] = {}
    for name in names:
        longer = [other for other in names if other != name and _alias_of(name, other)]
        # the longest names of the group it would join; several unrelated ones: ambiguous
        tops = [n for n in longer if not any(n != m and _alias_of(n, m) for m in longer)]
        if len(tops) == 1:
            canon[name] = tops[0]
    if not canon:
        return figures
    return [replace(f, source=canon.get(f.source, f.source)) if f.source else f for f in figures]
