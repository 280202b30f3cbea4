"""What an entry says, as a set of terms: the lemmas and figures of its title and lead.

spaCy (already loaded for figures) supplies lemmas, so "troops"/"troop" and "Budanov's"/"Budanov"
meet, and the names of people, places and bodies are terms like any other word; the number
scanner of the figures engine supplies values, so "12,000" and "twelve thousand" are one
figure. How rare each word is in English comes from wordfreq. Named entities as terms of their own were measured and dropped: on top of the lemmas they
count each name twice and lowered BCubed F1 (docs/STORIES.md). Only the title
and the lead are read: that is where outlets name the event, and it bounds the cost of a huge entry.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from spacy.tokens import Doc
from wordfreq import zipf_frequency

from bot.analysis.figures.nlp import load_nlp
from bot.analysis.figures.numbers import scan

RARE = 8.0
TITLE_CHARS = 300
LEAD_CHARS = 700
BATCH_SIZE = 64
# the parse and the entities are for figures; lemmas need only the tagger and the lemmatizer
NOT_NEEDED = ("parser", "newsbot_line_breaks", "ner")


def story_text(title: str, text: str) -> str:
    """Title and lead, each cut at a word boundary."""
    return f"{_cut(title, TITLE_CHARS)}.\n{_cut(text, LEAD_CHARS)}"


def _cut(text: str, limit: int) -> str:
    text = " ".join((text or "").split()[: limit // 2])   # also bounds the split on a huge entry
    if len(text) <= limit:
        return text
    head = text[:limit]
    return head[: head.rfind(" ")] if " " in head else head


def story_terms(title: str, text: str) -> frozenset[str]:
    return story_terms_many([(title, text)])[0]


def story_terms_many(items: Iterable[tuple[str, str]]) -> list[frozenset[str]]:
    """Terms of many (title, text) pairs, parsed in batches."""
    nlp = load_nlp()
    texts = [story_text(title, text) for title, text in items]
    disable = [name for name in NOT_NEEDED if name in nlp.pipe_names]
    out = [_terms(doc) for doc in nlp.pipe(texts, batch_size=BATCH_SIZE, disable=disable)]
    for terms in out:                 # the weights will ask: answer now, where the parse runs
        for term in terms:
            term_rarity(term)
    return out


def _terms(doc: Doc) -> frozenset[str]:
    # numbers come from the scanner, whole; a token with a digit or a currency sign is a piece of one
    terms = {tok.lemma_.lower() for tok in doc
             if not (tok.is_stop or tok.is_punct or tok.is_space or tok.like_num or tok.is_currency
                     or any(c.isdigit() for c in tok.text))}
    terms.update("N:" + _figure(q.value, q.unit) for q in scan(doc.text))
    return frozenset(terms)


def _figure(value: float, unit: str | None) -> str:
    number = str(int(value)) if float(value).is_integer() else repr(value)
    return number + (unit or "")


@lru_cache(maxsize=65536)
def term_rarity(term: str) -> float:
    """How rare a term is in English at large (wordfreq's Zipf scale: 7 for "the", 0 for unseen):
    from 0.5 for the commonest words to 8 for names never seen; a figure counts as rare."""
    if term.startswith("N:"):
        return RARE
    return max(0.5, RARE - zipf_frequency(term, "en"))
