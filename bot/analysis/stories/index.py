"""The recent members of every story, and which story a new entry belongs to.

A new entry joins the story whose members in the time window are, on average, most like it
(average link: a chain of pairwise resemblances does not pull two announcements on one topic
into one story, as single link does); below the threshold it starts a story of its own.
Resemblance is the Jaccard index of the two term sets with each term weighted by its inverse
document frequency over the recent entries and by its rarity in English, so the words every entry of a busy topic shares
("north korea", "troops") count for little and the ones that tell events apart (a name, a
figure) for much.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.analysis.stories.features import term_rarity


@dataclass(frozen=True)
class StoryParams:
    """Chosen on benchmarks/stories/ and the demo seeds (docs/STORIES.md says how)."""

    window: timedelta = timedelta(hours=72)       # how far apart two reports of one event may be
    threshold: float = 0.15                        # least mean resemblance to join a story
    idf_horizon: timedelta = timedelta(days=30)    # entries that weigh the terms


@dataclass(frozen=True)
class Member:
    key: Hashable            # the entry's id
    story: int
    published: datetime
    terms: frozenset[str]


class StoryIndex:
    """Members of the last `idf_horizon`, with an inverted index from term to members."""

    def __init__(self, params: StoryParams | None = None, rarity: Callable[[str], float] = term_rarity):
        self.params = params or StoryParams()
        self.rarity = rarity
        self._members: dict[Hashable, Member] = {}
        self._by_term: dict[str, set[Hashable]] = {}
        self._by_story: dict[int, set[Hashable]] = {}
        self._df: Counter[str] = Counter()
        self._newest: datetime | None = None

    def __len__(self) -> int:
        return len(self._members)

    def __contains__(self, key: Hashable) -> bool:
        return key in self._members

    def story_of(self, key: Hashable) -> int | None:
        member = self._members.get(key)
        return None if member is None else member.story

    def add(self, member: Member) -> None:
        if member.key in self._members:
            return
        self._members[member.key] = member
        self._by_story.setdefault(member.story, set()).add(member.key)
        for term in member.terms:
            self._by_term.setdefault(term, set()).add(member.key)
        self._df.update(member.terms)
        if self._newest is None or member.published > self._newest:
            self._newest = member.published

    def forget_old(self) -> int:
        """Drop members older than the IDF horizon (from the newest); returns how many."""
        if self._newest is None:
            return 0
        cutoff = self._newest - self.params.idf_horizon
        old = [m for m in self._members.values() if m.published < cutoff]
        for m in old:
            del self._members[m.key]
            self._by_story[m.story].discard(m.key)
            if not self._by_story[m.story]:
                del self._by_story[m.story]
            for term in m.terms:
                keys = self._by_term[term]
                keys.discard(m.key)
                if not keys:
                    del self._by_term[term]
            self._df.subtract(m.terms)
        self._df += Counter()            # drops the zero counts
        return len(old)

    def best_story(self, terms: frozenset[str], published: datetime) -> tuple[int | None, float]:
        """The story this entry belongs to and its score, or (None, best score seen)."""
        weight = self._weights(terms)
        window = self.params.window
        stories = {self._members[k].story for t in terms for k in self._by_term.get(t, ())
                   if abs(self._members[k].published - published) <= window}
        best, best_score = None, 0.0
        for story in sorted(stories):
            near = [self._members[k] for k in self._by_story[story]
                    if abs(self._members[k].published - published) <= window]
            score = sum(_weighted_jaccard(terms, m.terms, weight) for m in near) / len(near)
            if score > best_score:
                best, best_score = story, score
        if best_score >= self.params.threshold:
            return best, best_score
        return None, best_score

    def _weights(self, terms: frozenset[str]):
        n = len(self._members) + 1
        df = self._df
        rarity = self.rarity

        def weight(term: str) -> float:
            # inverse document frequency over the recent entries (the new one counts itself): the
            # words every entry of a busy topic shares weigh little. Right after a start the recent
            # entries are too few to tell, so the term's rarity in English at large scales it:
            # "say" and "send" never weigh like "Budanov" or a figure.
            return rarity(term) * (math.log((n + 1) / (df.get(term, 0) + 2)) + 1.0)
        return weight


def _weighted_jaccard(a: frozenset[str], b: frozenset[str], weight) -> float:
    shared = a & b
    if not shared:
        return 0.0
    inter = sum(weight(t) for t in shared)
    return inter / (inter + sum(weight(t) for t in a ^ b))
