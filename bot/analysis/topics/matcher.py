"""Which topics an entry matches, and why — fast enough for thousands of topics and entries.

Each query is compiled once. An entry is tokenised once (`Document`), and only the topics
whose index keys occur in it are evaluated: every query names at least one word or prefix
that any matching entry must contain (`CompiledQuery.triggers`), so a topic none of whose
keys occur cannot match and is skipped without evaluation. Which topics a word wakes (its
exact-word topics plus the prefix topics it starts with) is worked out the first time the
word is seen and remembered, so a steady stream of news costs two set operations per entry.
A Matcher may be shared by worker threads: the memo is only ever added to or replaced.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from bot.analysis.topics.query import CompiledQuery, compile_query
from bot.analysis.topics.nodes import Document
from bot.models import Entry, Match, Topic

_MEMO_LIMIT = 300_000  # distinct words remembered before the memo starts afresh


class Matcher:
    """Compiled topics plus an index from words and prefixes to the topics they may wake."""

    def __init__(self, topics: Iterable[Topic]) -> None:
        self.topics: tuple[Topic, ...] = tuple(topics)
        self.queries: tuple[CompiledQuery, ...] = tuple(compile_query(t.query) for t in self.topics)
        words: defaultdict[str, set[int]] = defaultdict(set)
        prefixes: defaultdict[str, set[int]] = defaultdict(set)
        for index, query in enumerate(self.queries):
            for kind, key in query.triggers:
                (words if kind == "w" else prefixes)[key].add(index)
        self._words = dict(words)
        self._prefixes = dict(prefixes)
        self._prefix_lengths = sorted({len(p) for p in prefixes})
        self._memo = _Memo()

    def match(self, entry: Entry) -> list[Match]:
        """The topics `entry` matches, in configuration order, each with its why."""
        return self.match_text(entry.title, entry.text)

    def match_text(self, title: str, text: str) -> list[Match]:
        """Like `match`, for callers holding only a title and text (`newsbot match`)."""
        doc = Document(title, text)
        matches = []
        for index in sorted(self._candidates(doc)):
            why = self.queries[index].match_document(doc)
            if why is not None:
                matches.append(Match(topic=self.topics[index].name, why=why))
        return matches

    def _candidates(self, doc: Document) -> set[int]:
        memo = self._memo  # one snapshot: another thread may start a fresh memo meanwhile
        if len(memo.seen) > _MEMO_LIMIT:
            memo = self._memo = _Memo()
        vocab = doc.vocabs[0] | doc.vocabs[1]
        unseen = vocab - memo.seen
        if unseen:
            self._learn(memo, unseen)
        found: set[int] = set()
        for word in vocab & memo.waking:
            found |= memo.wakes[word]
        return found

    def _learn(self, memo: _Memo, new_words: set[str]) -> None:
        for word in new_words:
            topics = set(self._words.get(word, ()))
            for length in self._prefix_lengths:
                if length > len(word):
                    break
                topics |= self._prefixes.get(word[:length], set())
            if topics:
                memo.wakes[word] = frozenset(topics)
                memo.waking.add(word)
        memo.seen |= new_words  # last, so a word in `seen` always has its wakes recorded


class _Memo:
    """What each word seen so far wakes; replaced, never cleared, so readers stay consistent."""

    __slots__ = ("seen", "wakes", "waking")

    def __init__(self) -> None:
        self.seen: set[str] = set()                    # every word already worked out
        self.wakes: dict[str, frozenset[int]] = {}     # word -> topics it wakes (non-empty)
        self.waking: set[str] = set()                  # the keys of `wakes`, as a set
