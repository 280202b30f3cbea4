"""Hedged figures (approx=true): a hedge word before the number ("about", "more than", "up to"),
after it ("or more"), or a verb of crossing a threshold ("passed 20,000")."""

from __future__ import annotations

import re

from spacy.tokens import Span

from bot.analysis.numbers import Quantity

HEDGES_BEFORE = re.compile(
    r"(?:\b(?:about|around|approximately|approx\.?|roughly|nearly|almost|close\s+to|some|up\s+to|"
    r"more\s+than|over|at\s+least|fewer\s+than|less\s+than|under|(?:an\s+)?estimated(?:\s+at)?|"
    r"as\s+many\s+as|as\s+much\s+as|as\s+few\s+as|upwards\s+of|in\s+excess\s+of|"
    r"(?:a\s+)?maximum\s+of|(?:a\s+)?minimum\s+of|just\s+over|just\s+under|well\s+over|"
    r"well\s+under|well\s+above|below|above|circa|c\.|at\s+most|no\s+more\s+than|no\s+less\s+than|"
    r"more|less|an\s+extra\s+estimated|the\s+best\s+part\s+of|an?\s+approximate|"
    r"upward\s+of|north\s+of|shy\s+of|short\s+of|nearly\s+all|closer\s+to|close\s+on|nearer|"
    r"in\s+the\s+region\s+of|(?:on|of)\s+the\s+order\s+of|something\s+like|getting\s+on\s+for)|~)\s*$",
    re.IGNORECASE,
)
HEDGES_AFTER = re.compile(r"^\s*(?:or\s+more|or\s+so|or\s+fewer|or\s+less|odd\b|-?plus\b|\+)", re.IGNORECASE)
# verbs whose object is a threshold crossed or neared: "passed 20,000", "topped 9%"
THRESHOLD_VERBS = {"top", "pass", "exceed", "surpass", "near", "approach", "cross", "break",
                   "eclipse", "outstrip", "overtake"}


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
