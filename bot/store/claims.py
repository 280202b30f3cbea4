"""The claims of a topic as the ledger reads them: every figure of an entry that alerted for it."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from bot.analysis.claims import ClaimRecord
from bot.store.base import StoreBase
from bot.store.schema import alerts, entries, feeds, figures, story_members, topics


class ClaimsMixin(StoreBase):
    async def claim_records(self, topic: str, *, since: datetime | None = None,
                            limit: int = 5000) -> list[ClaimRecord]:
        """Oldest first, at most `limit` (the newest); `when` is published, else when first seen."""
        when = sa.func.coalesce(entries.c.published, entries.c.seen_at).label("when")
        alerted = (sa.select(alerts.c.id).join(topics, topics.c.id == alerts.c.topic_id)
                   .where(alerts.c.entry_id == entries.c.id, topics.c.name == topic))
        stmt = (sa.select(figures, when, entries.c.link, entries.c.title, feeds.c.name.label("outlet"),
                          story_members.c.story_id)
                .join(entries, entries.c.id == figures.c.entry_id)
                .join(feeds, feeds.c.id == entries.c.feed_id)
                .outerjoin(story_members, story_members.c.entry_id == entries.c.id)
                .where(alerted.exists())
                .order_by(when.desc(), figures.c.entry_id.desc(), figures.c.start_char.desc())
                .limit(limit))
        if since is not None:
            stmt = stmt.where(when >= since)
        async with self._read() as conn:
            rows = (await conn.execute(stmt)).all()
        return [ClaimRecord(value=r.value, value_max=r.value_max, unit=r.unit, approx=bool(r.approx),
                            bound=r.bound, what=r.what, source=r.source, outlet=r.outlet, when=r.when,
                            entry_id=r.entry_id, story=r.story_id, link=r.link, title=r.title)
                for r in reversed(rows)]
