"""How a figure is qualified: its `bound` ("more than 3%" is more_than, "up to 2,000" up_to,
"about 40" about) from a phrase before the number, one after it ("or more", "40-odd") or a verb
of crossing a threshold ("passed 20,000"); `approx` is true whenever any of these hedges it."""

from __future__ import annotations

import re

from spacy.tokens import Span

from bot.analysis.english import BOUND_AFTER, BOUND_BEFORE, THRESHOLD_VERBS
from bot.analysis.figures.numbers import Quantity
from bot.models import Bound


def qualifier(q: Quantity, span: Span, text: str) -> Bound | None:
    """The bound a qualifier gives the number, or None when nothing qualifies it."""
    before = text[max(span.sent.start_char, q.start - 40):q.start]
    m = BOUND_BEFORE.search(before)
    if m and not _other_use(m, span):
        return _named(m)
    for end in _ends_after(q, span):
        m = BOUND_AFTER.match(text, end, min(len(text), end + 12))
        if m:
            return _named(m)
    root = span.root
    lemma = root.head.lemma_.lower()
    if root.dep_ in ("dobj", "attr", "npadvmod") and lemma in THRESHOLD_VERBS:
        return THRESHOLD_VERBS[lemma]        # type: ignore[return-value]
    if span.start > 0:
        lemma = span.doc[span.start - 1].lemma_.lower()
        if lemma in THRESHOLD_VERBS:
            return THRESHOLD_VERBS[lemma]    # type: ignore[return-value]
    return None


def bound_and_approx(q: Quantity, span: Span, text: str) -> tuple[Bound, bool]:
    """(bound, approx) of a figure: a range stays `range` however it is hedged."""
    found = qualifier(q, span, text)
    if q.value_max is not None:
        return "range", found is not None
    return (found or "exact"), found is not None


def _ends_after(q: Quantity, span: Span) -> list[int]:
    """Where an after-qualifier may start: right after the number, or after the noun it counts
    ("800 cyclists or more")."""
    ends = [q.end]
    doc = span.doc
    for t in doc[span.end:span.end + 2]:
        if t.pos_ not in ("NOUN", "ADJ"):
            break
        if t.pos_ == "NOUN":
            ends.append(t.idx + len(t))
    return ends


def _named(m: re.Match[str]) -> Bound:
    group = next(name for name, value in m.groupdict().items() if value is not None)
    return "about" if group == "tilde" else group       # type: ignore[return-value]


def _other_use(m: re.Match[str], span: Span) -> bool:
    """Qualifier words that do something else right before a number."""
    doc = span.doc
    words = m.group(0).strip().lower().split()
    i = span.start - 1                   # the last token before the number
    first = i - len(words) + 1           # the phrase's first token (best effort)
    if words[0] == "up" and first > 0:
        # "pushed claims up to $37bn": "up" is a particle after an object, not "as much as"
        if doc[first - 1].pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            return True
    if words[0] in ("over", "under", "above", "below") and len(words) == 1 and 0 <= i < len(doc):
        # the parse split the number from the word ("over 10-years"): not a qualifier of this number
        if doc[i].lower_ != words[0]:
            return True
    if words[0] == "some" and 0 <= i and doc[i].lower_ != "some":
        return True
    return False
