"""Cluster a stream of entries in publication order: what `newsbot stories` and the benchmark run."""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime

from bot.analysis.stories.features import story_terms_many
from bot.analysis.stories.index import Member, StoryIndex, StoryParams

PRUNE_EVERY = 256


@dataclass(frozen=True)
class StreamItem:
    key: Hashable
    title: str
    text: str
    published: datetime


def cluster_stream(items: Iterable[StreamItem], params: StoryParams | None = None,
                   *, batch: int = 64) -> Iterator[tuple[Hashable, int]]:
    """(key, story number) per item, numbers counted from 1 in order of first appearance."""
    index = StoryIndex(params)
    next_story = 1
    pending: list[StreamItem] = []

    def flush() -> Iterator[tuple[Hashable, int]]:
        nonlocal next_story
        terms = story_terms_many((it.title, it.text) for it in pending)
        for it, t in zip(pending, terms):
            story, _ = index.best_story(t, it.published)
            if story is None:
                story, next_story = next_story, next_story + 1
            index.add(Member(it.key, story, it.published, t))
            if len(index) % PRUNE_EVERY == 0:
                index.forget_old()
            yield it.key, story
        pending.clear()

    for item in items:
        pending.append(item)
        if len(pending) >= batch:
            yield from flush()
    if pending:
        yield from flush()
