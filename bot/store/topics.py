"""Topics and the destinations that follow them (subscriptions, paused after 401/403/404)."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from bot.models import Subscription, Topic
from bot.store.base import StoreBase
from bot.store.schema import outbox, subscriptions, topics


def _same_guild(guild: str | None):
    return topics.c.guild.is_(None) if guild is None else topics.c.guild == guild


class TopicsMixin(StoreBase):
    async def sync_topics(self, configured: Sequence[Topic]) -> None:
        """Upsert the config file's topics by name and subscribe their channels (never unsubscribes)."""
        async with self._write() as conn:
            for topic in configured:
                await self._upsert_topic(conn, topic, only_same_guild=False)

    async def add_topic(self, topic: Topic) -> Topic:
        """Add a topic, or update its query if `topic.guild` already owns that name; subscribes channels.

        A name owned by another guild (or the config file) is left untouched and returned as stored.
        """
        async with self._write() as conn:
            await self._upsert_topic(conn, topic, only_same_guild=True)
        return (await self._topics(topics.c.name == topic.name))[0]

    async def _upsert_topic(self, conn: AsyncConnection, topic: Topic, *, only_same_guild: bool) -> None:
        stmt = self._insert(topics).values(name=topic.name, query=topic.query, mention_role=topic.mention_role,
                                           guild=topic.guild, change_alerts=topic.change_alerts)
        stmt = stmt.on_conflict_do_update(
            index_elements=[topics.c.name],
            set_={"query": stmt.excluded.query, "mention_role": stmt.excluded.mention_role,
                  "change_alerts": stmt.excluded.change_alerts},
            where=_same_guild(topic.guild) if only_same_guild else None,
        )
        await conn.execute(stmt)
        topic_id, guild = (await conn.execute(
            sa.select(topics.c.id, topics.c.guild).where(topics.c.name == topic.name))).one()
        if only_same_guild and guild != topic.guild:
            return
        for destination in topic.channels:
            await self._subscribe(conn, topic_id, destination)

    async def _subscribe(self, conn: AsyncConnection, topic_id: int, destination: str) -> None:
        await conn.execute(
            self._insert(subscriptions).values(topic_id=topic_id, destination=destination)
            .on_conflict_do_nothing(index_elements=[subscriptions.c.topic_id, subscriptions.c.destination])
        )

    async def remove_topic(self, name: str, guild: str | None = None) -> bool:
        """Delete a topic with its subscriptions and alerts; with `guild`, only that guild's topic."""
        cond = topics.c.name == name
        if guild is not None:
            cond &= topics.c.guild == guild
        async with self._write() as conn:
            result = await conn.execute(sa.delete(topics).where(cond))
        return result.rowcount > 0

    async def list_topics(self, guild: str | None = None) -> list[Topic]:
        """Topics (of `guild`, or all); `channels` holds the destinations that are not paused."""
        return await self._topics(None if guild is None else topics.c.guild == guild)

    async def get_topic(self, name: str) -> Topic | None:
        found = await self._topics(topics.c.name == name)
        return found[0] if found else None

    async def _topics(self, where) -> list[Topic]:
        stmt = sa.select(topics).order_by(topics.c.name)
        if where is not None:
            stmt = stmt.where(where)
        subs = (
            sa.select(subscriptions.c.topic_id, subscriptions.c.destination)
            .where(subscriptions.c.paused_reason.is_(None)).order_by(subscriptions.c.id)
        )
        async with self._read() as conn:
            rows = (await conn.execute(stmt)).all()
            channels: dict[int, list[str]] = {}
            for topic_id, destination in await conn.execute(subs):
                channels.setdefault(topic_id, []).append(destination)
        return [topic_from_row(r, channels.get(r.id, ())) for r in rows]

    async def subscribe(self, topic: str, destination: str) -> None:
        """Route `topic` to `destination`; raises LookupError when there is no such topic."""
        async with self._write() as conn:
            topic_id = await self._topic_id(conn, topic)
            await self._subscribe(conn, topic_id, destination)

    async def unsubscribe(self, topic: str, destination: str) -> bool:
        ids = sa.select(topics.c.id).where(topics.c.name == topic).scalar_subquery()
        async with self._write() as conn:
            result = await conn.execute(sa.delete(subscriptions).where(
                subscriptions.c.topic_id == ids, subscriptions.c.destination == destination))
        return result.rowcount > 0

    async def list_subscriptions(self, topic: str | None = None) -> list[Subscription]:
        stmt = (
            sa.select(subscriptions, topics.c.name)
            .join(topics, topics.c.id == subscriptions.c.topic_id)
            .order_by(topics.c.name, subscriptions.c.id)
        )
        if topic is not None:
            stmt = stmt.where(topics.c.name == topic)
        async with self._read() as conn:
            return [Subscription(topic=r.name, destination=r.destination,
                                 paused_reason=r.paused_reason, id=r.id)
                    for r in await conn.execute(stmt)]

    async def pause_destination(self, destination: str, reason: str) -> None:
        """Stop delivering to `destination` (all its subscriptions) until resumed; the reason is shown.

        A destination nobody subscribes to any more cannot be paused (nor resumed): its pending
        outbox rows are marked failed with the reason instead, so they are not retried forever.
        """
        async with self._write() as conn:
            result = await conn.execute(sa.update(subscriptions)
                                        .where(subscriptions.c.destination == destination)
                                        .values(paused_reason=reason))
            if result.rowcount == 0:
                await conn.execute(sa.update(outbox)
                                   .where(outbox.c.destination == destination, outbox.c.status == "pending")
                                   .values(status="failed", last_error=f"unsubscribed and unreachable: {reason}"))

    async def resume_destination(self, destination: str) -> None:
        async with self._write() as conn:
            await conn.execute(sa.update(subscriptions)
                               .where(subscriptions.c.destination == destination)
                               .values(paused_reason=None))

    @staticmethod
    async def _topic_id(conn: AsyncConnection, name: str) -> int:
        topic_id = (await conn.execute(sa.select(topics.c.id).where(topics.c.name == name))).scalar()
        if topic_id is None:
            raise LookupError(f"no topic named {name!r}")
        return topic_id


def topic_from_row(row, channels: Sequence[str]) -> Topic:
    return Topic(name=row.name, query=row.query, channels=tuple(channels),
                 mention_role=row.mention_role, guild=row.guild, id=row.id,
                 change_alerts=bool(row.change_alerts))
