"""A short extractive summary for an alert: the few sentences that carry the story.

Sentences are scored by the topic's terms they contain, the figures in them, their overlap
with the title and a lead bonus (news puts the gist first); the best that fit in `max_chars`
are shown in their original order. Pure and regex-based: no NLP model needed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from bot.analysis.boilerplate import boilerplate_spans, is_ticker
from bot.analysis.english import ABBREVIATIONS, NUMBER_ABBREVIATIONS, SUMMARY_STOP_WORDS
from bot.analysis.topics.tokens import words

ELLIPSIS = "…"

_BOUNDARY = re.compile(r"[.!?…]+[\"'”’»)\]]*\s+|\n[ \t]*\n\s*")
_TOKEN_BEFORE = re.compile(r"(\S+)$")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]", re.UNICODE)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in `text`; does not split "Oct. 18", "U.S. troops", "3.5"."""
    spans: list[tuple[int, int]] = []
    start = 0
    for boundary in _BOUNDARY.finditer(text):
        if not boundary.group().startswith("\n") and not _ends_sentence(text, boundary):
            continue
        end = boundary.start() + len(boundary.group().rstrip())
        if text[start:end].strip():
            spans.append(_trimmed(text, start, end))
        start = boundary.end()
    if text[start:].strip():
        spans.append(_trimmed(text, start, len(text)))
    return spans


def _ends_sentence(text: str, boundary: re.Match[str]) -> bool:
    following = text[boundary.end():boundary.end() + 1]
    if following and following.islower():
        return False
    if not boundary.group().startswith("."):
        return True
    # Only the last few characters: abbreviations are short, and a search from 0 is quadratic.
    before = _TOKEN_BEFORE.search(text, max(0, boundary.start() - 32), boundary.start())
    if before is None:
        return True
    token = before.group(1).lstrip("\"'“‘([").lower()
    if token in ABBREVIATIONS:
        return False
    if token in NUMBER_ABBREVIATIONS and following.isdigit():
        return False
    # A single initial ("J. Smith") or dotted initials ("U.S. troops", "e.g.").
    return not (_INITIALS.fullmatch(token) and (len(token) == 1 or "." in token))


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _without_boilerplate(text: str, sentences: list[tuple[int, int]],
                         furniture: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The sentences with feed furniture cut out: what is left of each, in order."""
    kept = []
    for start, end in sentences:
        for f_start, f_end in furniture:
            if f_end <= start or f_start >= end:
                continue
            if f_start > start:
                kept.append(_trimmed(text, start, f_start))
            start = max(start, f_end)
        if start < end:
            kept.append(_trimmed(text, start, end))
    return [(a, b) for a, b in kept if b > a]


def _term_patterns(terms: Iterable[str]) -> list[tuple[tuple[str, ...], bool]]:
    """Query term spellings (`troops`, `"north korea*"`) as (words, last-word-is-prefix)."""
    patterns = []
    for term in terms:
        bare = term.strip().strip('"').strip()
        prefix = bare.endswith("*")
        found = tuple(words(bare.rstrip("*")))
        if found:
            patterns.append((found, prefix))
    return patterns


def _contains(sentence: list[str], pattern: tuple[tuple[str, ...], bool]) -> bool:
    found, prefix = pattern
    n = len(found)
    for i in range(len(sentence) - n + 1):
        if sentence[i:i + n - 1] == list(found[:-1]):
            last = sentence[i + n - 1]
            if last.startswith(found[-1]) if prefix else last == found[-1]:
                return True
    return False


def cut(text: str, max_chars: int) -> str:
    """`text` shortened to at most `max_chars` at a word boundary, marked with an ellipsis."""
    if len(text) <= max_chars:
        return text
    room = text[:max(max_chars - 1, 0)]
    space = room.rfind(" ")
    if space > 0:
        room = room[:space]
    return room.rstrip(" ,;:-–—") + ELLIPSIS


def summarize(
    title: str,
    text: str,
    terms: Iterable[str] = (),
    figure_spans: Iterable[tuple[int, int]] = (),
    max_sentences: int = 3,
    max_chars: int = 500,
) -> str:
    """2-3 sentences of `text` (original order, <= max_chars) favouring terms and figures.

    `figure_spans` are (start, end) offsets into `text`, as `extract_figures` reports them.
    """
    spans = _without_boilerplate(text, split_sentences(text), boilerplate_spans(text))
    if not spans or max_chars <= 0 or max_sentences <= 0:
        return ""
    patterns = _term_patterns(terms)
    figure_starts = sorted(start for start, _ in figure_spans)
    title_words = {w for w in words(title) if w not in SUMMARY_STOP_WORDS and len(w) > 2}
    title_folded = words(title)

    scored = []
    for position, (start, end) in enumerate(spans):
        sentence = " ".join(text[start:end].split())
        tokens = words(sentence)
        if not tokens or tokens == title_folded or is_ticker(sentence):
            continue
        score = 2.0 * sum(1 for p in patterns if _contains(tokens, p))
        score += 2.0 * min(3, sum(1 for f in figure_starts if start <= f < end))
        score += 0.5 * min(4, len(title_words.intersection(tokens)))
        score += (1.0, 0.5)[position] if position < 2 else 0.0
        if len(sentence) < 25:
            score -= 1.0
        scored.append((score, position, sentence))
    if not scored:
        return ""

    chosen: list[tuple[int, str]] = []
    used = 0
    for _score, position, sentence in sorted(scored, key=lambda s: (-s[0], s[1])):
        extra = len(sentence) + (1 if chosen else 0)
        if used + extra <= max_chars:
            chosen.append((position, sentence))
            used += extra
            if len(chosen) == max_sentences:
                break
    if not chosen:  # even the best sentence is too long on its own
        best = max(scored, key=lambda s: (s[0], -s[1]))
        return cut(best[2], max_chars)
    return " ".join(sentence for _, sentence in sorted(chosen))
