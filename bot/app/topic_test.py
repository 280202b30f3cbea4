"""`/topics test QUERY`: what a query would have matched among recently stored entries, and why."""

from __future__ import annotations

from dataclasses import dataclass

from bot.app.caller import Caller
from bot.app.context import Context
from bot.app.message import Message, Name, say
from bot.app.topics import compiled
from bot.models import Entry

SCAN = 200      # the newest stored entries a test looks at, on every front end


@dataclass(frozen=True)
class TopicTest:
    query: str
    hits: list[tuple[Entry, dict[str, list[str]]]]
    scanned: int

    def headline(self) -> Message:
        return say("{query} would have matched {n} of the last {scanned} entries.",
                   query=Name(self.query), n=len(self.hits), scanned=self.scanned)


async def test_topic(ctx: Context, caller: Caller, query: str, *, scan: int = SCAN) -> TopicTest:
    """Dry-run `query` over the newest `scan` stored entries."""
    cq = compiled(query.strip())
    entries = await ctx.store.recent_entries(limit=scan)
    hits = [(e, why) for e in entries if (why := cq.match(e.title, e.text))]
    return TopicTest(query=query.strip(), hits=hits, scanned=len(entries))
