"""Figures in article text: the number, what it counts, who claims it, and how it is qualified.

Numbers are found by regex on the raw text (exact offsets); spaCy's parse of the same text decides
whether each is a figure (docs/FIGURES.md), what it counts and who says so. A text that is not in
English is not parsed at all: it gets no figures and says which language it is in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc, Span

from bot.analysis.english import CHANGE_NOUN, COMPARED, LIGHT_WHAT
from bot.analysis.figures.attribution import Attributor
from bot.analysis.figures.bounds import bound_and_approx
from bot.analysis.figures.exclusions import exclusion
from bot.analysis.figures.language import Language, detect_language
from bot.analysis.figures.nlp import load_nlp
from bot.analysis.figures.numbers import Quantity, scan
from bot.analysis.figures.sources import canonical_sources
from bot.analysis.figures.what import find_what
from bot.analysis.figures.what_rank import ranked_what
from bot.models import Figure, FigureKind

__all__ = ["Extraction", "extract_figures", "extract_many", "extract_texts", "load_nlp", "figures_in_doc"]

BATCH_SIZE = 16


@dataclass(frozen=True)
class Extraction:
    """The figures of one text, and the language it was read in."""

    figures: list[Figure]
    language: Language

    @property
    def skipped(self) -> str | None:
        """Why no figures were looked for (a text not in English), else None."""
        if self.language.english:
            return None
        return f"text is not in English (detected: {self.language.code}); figures not extracted"


def extract_figures(text: str) -> list[Figure]:
    """Figures in one article."""
    return extract_many([text])[0]


def extract_many(texts: Iterable[str]) -> list[list[Figure]]:
    """Figures in many articles, parsed in batches through `nlp.pipe`."""
    return [e.figures for e in extract_texts(texts)]


def extract_texts(texts: Iterable[str]) -> list[Extraction]:
    """Figures in many articles with the language each was read in; only English texts are parsed."""
    nlp = load_nlp()
    # spaCy refuses texts over nlp.max_length (1,000,000 chars); no article is that long, so a
    # hostile or broken body is cut there rather than failing the whole batch
    clipped = [(t or "")[: nlp.max_length - 1] for t in texts]
    languages = [detect_language(t) for t in clipped]
    english = [t for t, lang in zip(clipped, languages) if lang.english]
    docs = iter(nlp.pipe(english, batch_size=BATCH_SIZE))
    return [Extraction(figures_in_doc(next(docs)) if lang.english else [], lang) for lang in languages]


def figures_in_doc(doc: Doc, rank_what: bool = True) -> list[Figure]:
    """Figures in a parsed document (the text is `doc.text`); `rank_what=False` gives the rules'
    own `what` (what the ranker is trained to improve on)."""
    text = doc.text
    quantities = scan(text)
    if not quantities:
        return []
    attributor = Attributor(doc)
    attributor.prime()
    out: list[Figure] = []
    prev: Quantity | None = None
    names: set[str] = set()             # "Boeing 737-800" once named, "the 737-800" is a name too
    for q in quantities:
        for part in _split_change(q, doc):
            span = doc.char_span(part.start, part.end, alignment_mode="expand")
            if span is None or len(span) == 0:
                continue
            why = exclusion(part, span, prev, text)
            if why == "identifier" and "-" in part.text:
                names.add(part.text)
            if why is not None or (part.kind == FigureKind.COUNT and part.text in names):
                if part.kind == FigureKind.MONEY:
                    prev = part
                continue
            out.append(_figure(part, span, attributor, text, out, rank_what))
            prev = part
    return canonical_sources(out)


def _split_change(q: Quantity, doc: Doc) -> tuple[Quantity, ...]:
    """"rose from £4,745 to £4,895" is two figures (before and after), not a range."""
    if q.value_max is None or not q.parts or not q.text.lower().startswith("from"):
        return (q,)
    span = doc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None:
        return (q,)
    window = doc[max(span.sent.start, span.start - 8):span.start]
    if any(t.lemma_.lower() in CHANGE_NOUN or t.lemma_.lower() in ("change", "move", "switch", "shift", "go") for t in window):
        return q.parts
    return (q,)


def _figure(q: Quantity, span: Span, attributor: Attributor, text: str, done: list[Figure],
            rank_what: bool = True) -> Figure:
    sentence = span.sent.text.strip()
    last = done[-1] if done and done[-1].sentence == sentence else None     # the figure before, same sentence
    bound, approx = bound_and_approx(q, span, text)
    if not approx and _shares_hedge(q, span, last):
        assert last is not None
        approx, bound = True, ("range" if q.value_max is not None else last.bound)
    what = _what(q, span, text, last, done[-1] if done else None)
    if rank_what:
        what = ranked_what(span, what, q.kind, q.unit)
    return Figure(
        value=q.value,
        value_max=q.value_max,
        unit=q.unit,
        approx=approx,
        bound=bound,
        what=what,
        source=attributor.source_for(span.root),
        sentence=sentence,
        start=q.start,
        end=q.end,
    )


def _what(q: Quantity, span: Span, text: str, last: Figure | None, previous: Figure | None) -> str | None:
    """What the figure counts, borrowing from the figure before when the text compares the two."""
    what = find_what(span, q.kind)
    if last is not None:
        own_noun = span.end < len(span.doc) and span.doc[span.end].pos_ == "NOUN"
        compared = last.unit == q.unit and not own_noun and COMPARED.search(text[span.sent.start_char:q.start])
        if what is None or compared:
            return last.what                  # "24% of voters, up from 19%": the same thing as the last
    if what in LIGHT_WHAT and previous is not None:
        return previous.what                  # "The figure will rise to 15 million"
    return what


def _shares_hedge(q: Quantity, span: Span, last: Figure | None) -> bool:
    """"a maximum of £63 a week ... and £111 for two children": one hedge covers a coordinated list."""
    if last is None or not last.approx or last.unit != q.unit:
        return False
    gap = span.doc.char_span(last.end, q.start, alignment_mode="contract")
    return (gap is not None and len(gap.text) < 80 and re.search(r"\band\b", gap.text) is not None
            and not any(ch.isdigit() for ch in gap.text)
            and not any(t.pos_ in ("VERB", "AUX") for t in gap))
