"""The compiled form of a topic query and how it is evaluated against one entry.

`query.py` turns query text into these nodes; the matcher builds one `Document` per entry
and lets every candidate topic evaluate against it, so the entry's words are computed once.
`evaluate()` returns None for "no match", else the hits that made it true as
(field, term source) pairs: the *why* shown in alerts.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import cached_property

from bot.analysis.topics.tokens import words

TITLE, TEXT = 0, 1
FIELD_NAMES = ("title", "text")
BOTH = (TITLE, TEXT)
TITLE_ONLY = (TITLE,)

# How many occurrences of one word a NEAR or a phrase looks at: past this (a 200 KB entry of one
# word repeated), matching reads the first ones only, so a hostile text costs a bounded amount.
MAX_OCCURRENCES = 2000

Hit = tuple[int, str]
Trigger = tuple[str, str]  # ("w", word) must occur, or ("p", prefix) must start some word


class Document:
    """An entry's title and text as word lists and word sets, built once per entry; where each word
    occurs is indexed on first need (only NEAR and phrases ask), so that their cost follows the
    number of occurrences, never the length of the text times the number of clauses."""

    __slots__ = ("seqs", "vocabs", "_sorted", "_positions")

    def __init__(self, title: str, text: str) -> None:
        title_words, text_words = words(title), words(text)
        self.seqs = (title_words, text_words)
        self.vocabs = (set(title_words), set(text_words))
        self._sorted: list[list[str] | None] = [None, None]
        self._positions: list[dict[str, list[int]] | None] = [None, None]

    def sorted_vocab(self, field: int) -> list[str]:
        ordered = self._sorted[field]
        if ordered is None:
            ordered = self._sorted[field] = sorted(self.vocabs[field])
        return ordered

    def has_prefix(self, field: int, prefix: str) -> bool:
        ordered = self.sorted_vocab(field)
        i = bisect_left(ordered, prefix)
        return i < len(ordered) and ordered[i].startswith(prefix)

    def positions(self, field: int, word: str) -> list[int]:
        """Where `word` occurs in the field, in order (the first MAX_OCCURRENCES only)."""
        index = self._positions[field]
        if index is None:
            index = {}
            for i, w in enumerate(self.seqs[field]):
                found = index.get(w)
                if found is None:
                    index[w] = [i]
                elif len(found) < MAX_OCCURRENCES:
                    found.append(i)
            self._positions[field] = index
        return index.get(word, [])

    def prefix_positions(self, field: int, prefix: str) -> list[int]:
        """Where any word starting with `prefix` occurs, in order (the first MAX_OCCURRENCES only)."""
        ordered = self.sorted_vocab(field)
        found: list[int] = []
        for i in range(bisect_left(ordered, prefix), len(ordered)):
            if not ordered[i].startswith(prefix):
                break
            found += self.positions(field, ordered[i])
        found.sort()
        return found[:MAX_OCCURRENCES]


def _trigger_cost(trigger: Trigger) -> int:
    """Rough rarity: short words and prefixes are common, so they make poor index keys."""
    kind, key = trigger
    return max(1, 10 - len(key)) + (3 if kind == "p" else 0)


def cost(triggers: list[Trigger]) -> int:
    return sum(_trigger_cost(t) for t in triggers)


@dataclass(frozen=True)
class Term:
    """A word, `prefix*`, or a phrase (several words in a row; the last may be a prefix)."""

    source: str
    words: tuple[str, ...]
    prefix: bool
    column: int
    fields: tuple[int, ...] = BOTH
    # The words that must occur whole (all but a trailing prefix).
    full: tuple[str, ...] = dataclass_field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "full", self.words[:-1] if self.prefix else self.words)

    def restricted(self) -> Term:
        return Term(self.source, self.words, self.prefix, self.column, TITLE_ONLY)

    def occurs(self, doc: Document, field: int) -> bool:
        if not self.vocabs_ok(doc, field):
            return False
        if len(self.words) == 1:
            return True
        return bool(self.spans(doc, field, first_only=True))

    def vocabs_ok(self, doc: Document, field: int) -> bool:
        """Cheap necessary condition: every word (and the prefix) occurs somewhere in the field."""
        vocab = doc.vocabs[field]
        for word in self.full:
            if word not in vocab:
                return False
        return not self.prefix or doc.has_prefix(field, self.words[-1])

    def spans(self, doc: Document, field: int, first_only: bool = False) -> list[tuple[int, int]]:
        """(start, end) word positions of each occurrence in order, end exclusive; the work is one
        look at each occurrence of the first word."""
        n = len(self.words)
        if n == 1:
            starts = doc.prefix_positions(field, self.words[0]) if self.prefix else doc.positions(field, self.words[0])
            return [(i, i + 1) for i in (starts[:1] if first_only else starts)]
        seq = doc.seqs[field]
        rest, last = list(self.words[1:-1]), self.words[-1]
        found: list[tuple[int, int]] = []
        for i in doc.positions(field, self.words[0]):
            if i + n > len(seq) or seq[i + 1:i + n - 1] != rest:
                continue
            tail = seq[i + n - 1]
            if not (tail.startswith(last) if self.prefix else tail == last):
                continue
            found.append((i, i + n))
            if first_only:
                break
        return found

    @property
    def cheap(self) -> bool:
        """One word or prefix: answered from the entry's word set, whatever its length."""
        return len(self.words) == 1

    def evaluate(self, doc: Document) -> list[Hit] | None:
        if len(self.full) == 1 and not self.prefix:  # the common case: one plain word
            word, vocabs = self.full[0], doc.vocabs
            hits = [(f, self.source) for f in self.fields if word in vocabs[f]]
        else:
            hits = [(f, self.source) for f in self.fields if self.occurs(doc, f)]
        return hits or None

    def triggers(self) -> list[Trigger] | None:
        if self.full:
            return [("w", max(self.full, key=len))]
        return [("p", self.words[-1])]

    def positive_terms(self) -> list[str]:
        return [self.source]


@dataclass(frozen=True)
class Near:
    """`a NEAR/n b`: an occurrence of each within n words (1 = adjacent), either order."""

    left: Term
    right: Term
    distance: int
    column: int
    fields: tuple[int, ...] = BOTH

    def restricted(self) -> Near:
        return Near(self.left.restricted(), self.right.restricted(), self.distance, self.column,
                    TITLE_ONLY)

    def _holds(self, doc: Document, field: int) -> bool:
        """For each occurrence of the rarer operand, the nearest occurrence of the other on each
        side (a bisection): work proportional to the occurrences, never their product."""
        if not (self.left.vocabs_ok(doc, field) and self.right.vocabs_ok(doc, field)):
            return False
        one, other = self.left.spans(doc, field), self.right.spans(doc, field)
        if len(one) > len(other):
            one, other = other, one
        if not one or not other:
            return False
        size = other[0][1] - other[0][0]           # every occurrence of a term has its length
        starts = [b for b, _ in other]
        for a_start, a_end in one:
            after = bisect_left(starts, a_end)      # first one starting at or after this one's end
            if after < len(starts) and starts[after] - a_end + 1 <= self.distance:
                return True
            before = bisect_right(starts, a_start - size) - 1   # last one ending at or before its start
            if before >= 0 and a_start - (starts[before] + size) + 1 <= self.distance:
                return True
        return False

    @property
    def cheap(self) -> bool:
        return False

    def evaluate(self, doc: Document) -> list[Hit] | None:
        hits: list[Hit] = []
        for field in self.fields:
            if self._holds(doc, field):
                hits += [(field, self.left.source), (field, self.right.source)]
        return hits or None

    def triggers(self) -> list[Trigger] | None:
        return min(self.left.triggers(), self.right.triggers(), key=cost)

    def positive_terms(self) -> list[str]:
        return [self.left.source, self.right.source]


@dataclass(frozen=True)
class Not:
    child: Node
    column: int

    def restricted(self) -> Not:
        return Not(self.child.restricted(), self.column)

    def evaluate(self, doc: Document) -> list[Hit] | None:
        return [] if self.child.evaluate(doc) is None else None

    @property
    def cheap(self) -> bool:
        return self.child.cheap

    def triggers(self) -> list[Trigger] | None:
        return None

    def positive_terms(self) -> list[str]:
        return []


@dataclass(frozen=True)
class And:
    children: tuple[Node, ...]
    column: int

    def restricted(self) -> And:
        return And(tuple(c.restricted() for c in self.children), self.column)

    def evaluate(self, doc: Document) -> list[Hit] | None:
        """Cheap children first, so a missing word spares the NEARs and phrases; the hits are then
        reported in the query's order."""
        found: dict[int, list[Hit]] = {}
        for n in self._cheap_first:
            hits = self.children[n].evaluate(doc)
            if hits is None:
                return None
            found[n] = hits
        return [hit for n in range(len(self.children)) for hit in found[n]]

    @property
    def cheap(self) -> bool:
        return all(c.cheap for c in self.children)

    @cached_property
    def _cheap_first(self) -> tuple[int, ...]:
        return tuple(sorted(range(len(self.children)), key=lambda n: not self.children[n].cheap))

    def triggers(self) -> list[Trigger] | None:
        options = [t for t in (c.triggers() for c in self.children) if t is not None]
        return min(options, key=cost) if options else None

    def positive_terms(self) -> list[str]:
        return [term for c in self.children for term in c.positive_terms()]


@dataclass(frozen=True)
class Or:
    children: tuple[Node, ...]
    column: int

    def restricted(self) -> Or:
        return Or(tuple(c.restricted() for c in self.children), self.column)

    def evaluate(self, doc: Document) -> list[Hit] | None:
        """Stops paying once true: later cheap branches still add to the why, costly ones (NEAR,
        phrases) are skipped."""
        hits: list[Hit] | None = None
        for child in self.children:
            if hits is not None and not child.cheap:
                continue
            found = child.evaluate(doc)
            if found is not None:
                hits = found if hits is None else hits + found
        return hits

    @property
    def cheap(self) -> bool:
        return all(c.cheap for c in self.children)

    def triggers(self) -> list[Trigger] | None:
        union: list[Trigger] = []
        for child in self.children:
            found = child.triggers()
            if found is None:
                return None
            union += found
        return union

    def positive_terms(self) -> list[str]:
        return [term for c in self.children for term in c.positive_terms()]


Node = Term | Near | Not | And | Or
