"""One source under several names is one source: "South Korea's National Intelligence Service
(NIS)", "the National Intelligence Service" and "NIS"; "Kyrylo Budanov" and "Budanov".

Two names are one source when one's words are all among the other's (after dropping an owner such
as "South Korea's" and the article), or when an acronym of one is the other. A name never merges
through a word that names no one by itself ("officials", "intelligence").
"""

from __future__ import annotations

import re

_OWNER = re.compile(r"^(?:the\s+)?[\w .'-]+?['’]s\s+", re.IGNORECASE)
_PARENS = re.compile(r"\s*\(([^)]*)\)\s*")
_WORD = re.compile(r"[\w'-]+")
# words that say what kind of source it is, not which one
_GENERIC = {"the", "a", "an", "of", "for", "and", "official", "officials", "intelligence", "military",
            "ministry", "agency", "service", "government", "office", "spokesman", "spokeswoman",
            "spokesperson", "chief", "head", "president", "minister", "department", "forces", "army",
            "police", "sources", "source", "analysts", "experts", "authorities", "state", "national"}


def _words(name: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _WORD.findall(name))


def _core(name: str) -> str:
    """The name without its parenthesised acronym and its owner ("South Korea's")."""
    bare = _PARENS.sub(" ", name).strip()
    stripped = _OWNER.sub("", bare)
    return stripped if _words(stripped) else bare


def _acronyms(name: str) -> set[str]:
    out = {m.strip().lower() for m in _PARENS.findall(name) if m.strip()}
    capitals = [w for w in _WORD.findall(_core(name)) if w[:1].isupper()]
    if len(capitals) >= 2:
        out.add("".join(w[0] for w in capitals).lower())
    return out


def same_source(a: str, b: str) -> bool:
    wa, wb = set(_words(_core(a))), set(_words(_core(b)))
    if not wa or not wb:
        return False
    if _core(a).lower() == _core(b).lower():
        return True
    ja, jb = " ".join(_words(_core(a))), " ".join(_words(_core(b)))
    if ja in _acronyms(b) or jb in _acronyms(a) or (_acronyms(a) & _acronyms(b) & {ja, jb}):
        return True
    small, big = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return small <= big and bool(small - _GENERIC)


class SourceNames:
    """Names met so far, each mapped to one key; a later name may join an earlier source."""

    def __init__(self) -> None:
        self._names: dict[str, str] = {}          # name -> key (the first name of its source)
        self._members: dict[str, list[str]] = {}  # key -> every name seen for it

    def key(self, name: str) -> str:
        if name in self._names:
            return self._names[name]
        for key, names in self._members.items():
            if any(same_source(name, known) for known in names):
                names.append(name)
                self._names[name] = key
                return key
        self._names[name] = name
        self._members[name] = [name]
        return name

    def names(self, key: str) -> list[str]:
        return list(self._members.get(key, [key]))

    def full(self, key: str) -> str:
        """The most complete name of the source (the longest)."""
        return max(self.names(key), key=len)

    def short(self, key: str) -> str:
        """How a one-line notice names it: the acronym, a person's surname, else the name."""
        names = self.names(key)
        for n in names:
            found = _PARENS.findall(n)
            if found and found[0].strip():
                return found[0].strip()
        shortest = min((_core(n) for n in names), key=len)
        words = shortest.split()
        if 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and not set(_words(shortest)) & _GENERIC:
            return words[-1]                       # "Kyrylo Budanov" -> "Budanov"
        return shortest
