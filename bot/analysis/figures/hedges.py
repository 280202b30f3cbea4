"""Hedged figures (approx=true): a hedge word before the number ("about", "more than", "up to"),
after it ("or more"), or a verb of crossing a threshold ("passed 20,000")."""

from __future__ import annotations

from spacy.tokens import Span

from bot.analysis.english import HEDGES_AFTER, HEDGES_BEFORE, THRESHOLD_VERBS
from bot.analysis.figures.numbers import Quantity


def is_approx(q: Quantity, span: Span, text: str) -> bool:
    """Hedged: a hedge word before ("about", "more than", "up to"), after ("or more") or a verb
    of crossing a threshold ("passed 20,000")."""
    sent_start = span.sent.start_char
    before = text[max(sent_start, q.start - 40):q.start]
    m = HEDGES_BEFORE.search(before)
    if m:
        word = m.group(0).strip().lower()
        if not _hedge_is_other_use(word, span):
            return True
    if HEDGES_AFTER.match(text[q.end:q.end + 12]):
        return True
    doc = span.doc
    root = span.root
    head = root.head
    if root.dep_ in ("dobj", "attr", "npadvmod") and head.lemma_.lower() in THRESHOLD_VERBS:
        return True
    if span.start > 0 and doc[span.start - 1].lemma_.lower() in THRESHOLD_VERBS:
        return True
    return False


def _hedge_is_other_use(word: str, span: Span) -> bool:
    doc = span.doc
    i = span.start - 1
    words = word.split()
    first = i - len(words) + 1     # index of the hedge's first token (best effort)
    if words[0] == "up" and first > 0:
        # "pushed claims up to $37bn": "up" is a particle after an object, not "as much as"
        before = doc[first - 1]
        if before.pos_ in ("NOUN", "PROPN", "PRON", "NUM"):
            return True
    if words[-1] in ("more", "less"):
        return len(words) == 1     # "more" alone before a number ("193 more") is not a hedge
    if words[0] in ("over", "under", "above", "below") and len(words) == 1 and 0 <= i < len(doc):
        # "over 10 years" is excluded elsewhere; "increase of $X over the request" comes after
        t = doc[i]
        if t.lower_ != words[0]:
            return True
    if words[0] == "some" and 0 <= i and doc[i].lower_ != "some":
        return True
    return False
