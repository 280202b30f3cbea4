"""The Store: one object the pipeline, delivery and front ends share (see the mixins for each part)."""

from __future__ import annotations

from bot.store.alerts import AlertsMixin
from bot.store.budgets import BudgetsMixin
from bot.store.claims import ClaimsMixin
from bot.store.engine import create_engine
from bot.store.entries import EntriesMixin
from bot.store.feeds import FeedsMixin
from bot.store.migrate import upgrade
from bot.store.moves import FeedMovesMixin
from bot.store.ops import OpsMixin
from bot.store.outbox import OutboxMixin
from bot.store.publishing import PublishingMixin
from bot.store.requests import RequestsMixin
from bot.store.stories import StoriesMixin
from bot.store.websub import WebSubMixin


class Store(FeedsMixin, EntriesMixin, AlertsMixin, OutboxMixin, OpsMixin, PublishingMixin, StoriesMixin,
            RequestsMixin, ClaimsMixin, WebSubMixin, FeedMovesMixin, BudgetsMixin):
    """Async SQLAlchemy Core over SQLite (default) or PostgreSQL; same code, same behaviour."""

    @classmethod
    async def open(cls, url: str, *, schema: str | None = None) -> "Store":
        """Create the engine only (no I/O yet); call migrate() before first use of a new database.

        `schema` (PostgreSQL only) keeps every table in that schema, e.g. to share a database.
        """
        store = cls(create_engine(url, schema=schema))
        store.schema = schema
        return store

    schema: str | None = None

    async def migrate(self) -> None:
        """Bring the schema to the newest Alembic revision (safe to run from several processes);
        a configured PostgreSQL schema is created first if it does not exist yet."""
        await upgrade(self.engine, schema=self.schema)

    async def close(self) -> None:
        await self.engine.dispose()

    async def __aenter__(self) -> "Store":
        return self

    async def __aexit__(self, *exc) -> None:
        await self.close()
