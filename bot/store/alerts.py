"""Figures of an entry, alerts (one per entry and topic) and the read queries built on them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.models import Alert, Figure
from bot.store.base import StoreBase, utcnow
from bot.store.entries import entry_from_row
from bot.store.schema import alerts, entries, feeds, figures, matches, story_members, topics
from bot.store.topics import TopicsMixin
from bot.analysis.figures.grouping import normalize_what


def figure_from_row(row) -> Figure:
    return Figure(value=row.value, value_max=row.value_max, unit=row.unit, approx=bool(row.approx),
                  bound=row.bound, what=row.what, source=row.source, sentence=row.sentence,
                  start=row.start_char, end=row.end_char)


def _figure_rows(entry_id: int, items: Sequence[Figure]) -> list[dict]:
    return [{"entry_id": entry_id, "value": float(f.value),
             "value_max": None if f.value_max is None else float(f.value_max), "unit": f.unit,
             "approx": bool(f.approx), "bound": f.bound, "what": f.what, "what_norm": normalize_what(f.what),
             "source": f.source, "sentence": f.sentence or "", "start_char": f.start, "end_char": f.end}
            for f in items]


class AlertsMixin(TopicsMixin, StoreBase):
    async def add_figures(self, entry_id: int, items: Sequence[Figure]) -> None:
        """Store an entry's figures, replacing any stored before (re-extraction after full text)."""
        async with self._write() as conn:
            await conn.execute(sa.delete(figures).where(figures.c.entry_id == entry_id))
            if items:
                await conn.execute(sa.insert(figures), _figure_rows(entry_id, items))

    async def add_alert(self, alert: Alert) -> Alert | None:
        """Record that `alert.entry` matched `alert.topic`; None when that pair already alerted.

        Also records the match (why), and the alert's figures if the entry has none stored yet.
        """
        if alert.entry.id is None:
            raise ValueError("add_alert needs a stored entry (entry.id is None)")
        created = alert.created_at or utcnow()
        async with self._write() as conn:
            topic_id = alert.topic.id or await self._topic_id(conn, alert.topic.name)
            stmt = (self._insert(alerts)
                    .values(entry_id=alert.entry.id, topic_id=topic_id, why=alert.why,
                            summary=alert.summary, created_at=created, changes=list(alert.changes) or None,
                            figures_note=alert.figures_note)
                    .on_conflict_do_nothing(index_elements=[alerts.c.entry_id, alerts.c.topic_id])
                    .returning(alerts.c.id))
            alert_id = (await conn.execute(stmt)).scalar()
            if alert_id is None:
                return None
            await conn.execute(self._insert(matches)
                               .values(entry_id=alert.entry.id, topic_id=topic_id, why=alert.why)
                               .on_conflict_do_nothing(index_elements=[matches.c.entry_id, matches.c.topic_id]))
            if alert.figures and not await self._has_figures(conn, alert.entry.id):
                await conn.execute(sa.insert(figures), _figure_rows(alert.entry.id, alert.figures))
        return replace(alert, id=alert_id, created_at=created,
                       topic=replace(alert.topic, id=topic_id))

    @staticmethod
    async def _has_figures(conn: AsyncConnection, entry_id: int) -> bool:
        stmt = sa.select(figures.c.id).where(figures.c.entry_id == entry_id).limit(1)
        return (await conn.execute(stmt)).first() is not None

    async def get_alert(self, alert_id: int) -> Alert | None:
        """The alert with its entry, outlet name, topic (with channels) and the entry's figures."""
        found = await self._alerts(alerts.c.id == alert_id, limit=1)
        return found[0] if found else None

    async def recent_alerts(self, topic: str | None = None, limit: int = 10) -> list[Alert]:
        """Newest alerts first, optionally of one topic."""
        return await self._alerts(None if topic is None else topics.c.name == topic, limit=limit)

    async def list_alerts(self, topic: str | None = None, limit: int = 1000) -> list[Alert]:
        """Every alert (newest first, up to `limit`): for tests, the demo and exports."""
        return await self.recent_alerts(topic, limit)

    async def _alerts(self, where, *, limit: int) -> list[Alert]:
        stmt = (
            sa.select(alerts.c.id.label("alert_id"), alerts.c.why, alerts.c.summary,
                      alerts.c.created_at, alerts.c.topic_id, alerts.c.changes, alerts.c.figures_note,
                      story_members.c.story_id, feeds.c.name.label("feed_name"), *entries.c)
            .join(entries, entries.c.id == alerts.c.entry_id)
            .outerjoin(story_members, story_members.c.entry_id == alerts.c.entry_id)
            .join(feeds, feeds.c.id == entries.c.feed_id)
            .join(topics, topics.c.id == alerts.c.topic_id)
            .order_by(alerts.c.created_at.desc(), alerts.c.id.desc())
            .limit(limit)
        )
        if where is not None:
            stmt = stmt.where(where)
        async with self._read() as conn:
            rows = (await conn.execute(stmt)).all()
            entry_ids = sorted({r.id for r in rows})
            figs: dict[int, list[Figure]] = {}
            if entry_ids:
                fstmt = (sa.select(figures).where(figures.c.entry_id.in_(entry_ids))
                         .order_by(figures.c.entry_id, figures.c.start_char, figures.c.id))
                for f in await conn.execute(fstmt):
                    figs.setdefault(f.entry_id, []).append(figure_from_row(f))
        by_id = {t.id: t for t in await self._topics(topics.c.id.in_(sorted({r.topic_id for r in rows})))} if rows else {}
        return [
            Alert(entry=entry_from_row(r), feed_name=r.feed_name, topic=by_id[r.topic_id],
                  why=r.why or {}, summary=r.summary, figures=tuple(figs.get(r.id, ())),
                  id=r.alert_id, created_at=r.created_at, changes=tuple(r.changes or ()), story_id=r.story_id,
                  figures_note=r.figures_note)
            for r in rows
        ]

    async def claim_rows(self, *, topic: str | None = None, what_norm: str | None = None,
                         since: datetime | None = None, limit: int = 200) -> list:
        """Figures of entries that alerted (for `topic`, or any), newest first, with their outlet.

        Rows carry the figure columns plus `when` (published, else seen), link, title, outlet.
        """
        when = sa.func.coalesce(entries.c.published, entries.c.seen_at).label("when")
        alerted = sa.select(alerts.c.id).where(alerts.c.entry_id == entries.c.id)
        if topic is not None:
            alerted = alerted.join(topics, topics.c.id == alerts.c.topic_id).where(topics.c.name == topic)
        stmt = (
            sa.select(figures, when, entries.c.link, entries.c.title, feeds.c.name.label("outlet"))
            .join(entries, entries.c.id == figures.c.entry_id)
            .join(feeds, feeds.c.id == entries.c.feed_id)
            .where(alerted.exists())
            .order_by(when.desc(), figures.c.entry_id.desc(), figures.c.start_char, figures.c.id)
            .limit(limit)
        )
        if what_norm is not None:
            stmt = stmt.where(figures.c.what_norm == what_norm)
        if since is not None:
            stmt = stmt.where(when >= since)
        async with self._read() as conn:
            return (await conn.execute(stmt)).all()
