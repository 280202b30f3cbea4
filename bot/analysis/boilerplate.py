"""Feed furniture that is not the story: read-more links, "Related:" lists, syndication footers, tickers.

Feeds append these to an item's text, and a sentence scorer likes them (a ticker is all figures, a
related headline shares the title's words), so summaries picked them. They are found as spans of
the text: the summary skips them without moving the offsets that figures are reported at.
"""

from __future__ import annotations

import re

from bot.analysis.english import FOOTER_PATTERNS, READ_MORE_PHRASES, RELATED_LABELS

_READ_MORE = re.compile(
    rf"\b(?:{'|'.join(READ_MORE_PHRASES)})\b\s*(?:\.\.\.|…|»|›|→|>>|\.)?[ \t]*(?=\n|$)",
    re.IGNORECASE | re.MULTILINE)
# A label at a line start or after a sentence, then its headline: to the end of the line when a
# read-more link or the line's end closes it within a headline's length, then any lines that follow
# it without a blank line (a list of links).
_RELATED = re.compile(
    rf"(?:^|(?<=[.!?…\"”’)]\s))(?:{'|'.join(RELATED_LABELS)})\s*:"
    rf"[^\n]{{0,200}}?(?=\s*(?:\b(?:{'|'.join(READ_MORE_PHRASES)})\b|\n|$))(?:\n(?!\s*\n)[^\n]*)*",
    re.IGNORECASE | re.MULTILINE)
_FOOTER = re.compile("|".join(FOOTER_PATTERNS) + r"|\[(?:…|\.\.\.)\]", re.IGNORECASE)
_LINE = re.compile(r"[^\n]+")
_NUMBER = re.compile(r"[+\-−▲▼]?\d[\d,.]*%?")
_WORD = re.compile(r"[^\W\d_]{3,}")


def boilerplate_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every piece of `text` that is feed furniture rather than the story, merged."""
    spans = [m.span() for pattern in (_READ_MORE, _RELATED, _FOOTER) for m in pattern.finditer(text)]
    spans += [m.span() for m in _LINE.finditer(text) if is_ticker(m.group())]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def is_ticker(text: str) -> bool:
    """"DOW 38,410 ▲0.4% | S&P 500 5,120 ▼0.1% | FTSE 7,900": mostly signed numbers, few words."""
    numbers = _NUMBER.findall(text)
    if len(numbers) < 3:
        return False
    signed = sum(1 for n in numbers if n[0] in "+-−▲▼" or n.endswith("%"))
    return signed >= 2 and len(numbers) >= len(_WORD.findall(text))
