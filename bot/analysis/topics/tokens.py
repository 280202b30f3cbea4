"""Words as the topic matcher sees them: accent- and case-insensitive, punctuation dropped.

Queries and entries go through the same `words()` so that "Zélenskyy" in a feed and
`zelenskyy` in a query meet. The rule: NFKD, strip combining marks, casefold, then runs of
letters/digits (`\\w+`) are the words. This runs on every entry, so the all-ASCII case
skips the Unicode work and combining marks are looked up once per distinct character.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"\w+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def fold(text: str) -> str:
    """NFKD, combining marks removed, casefolded: the canonical form of any text."""
    if text.isascii():
        return text.lower()
    decomposed = unicodedata.normalize("NFKD", text)
    for char in set(_NON_ASCII.findall(decomposed)):
        if unicodedata.combining(char):
            decomposed = decomposed.replace(char, "")
    return decomposed.casefold()


def words(text: str) -> list[str]:
    """The words of `text` in order, folded: "North Korea’s" -> ["north", "korea", "s"]."""
    return _WORD.findall(fold(text))
