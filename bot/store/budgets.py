"""Send budgets: one per rate-limited destination, shared by every process on the database."""

from __future__ import annotations

import time

import sqlalchemy as sa

from bot.store.base import StoreBase

# Each statement reserves the next free slot and answers how long to wait for it: the row's
# `next_at` moves one interval past max(itself, now), so the slots handed out are spaced
# `interval` apart whichever process asks. PostgreSQL reads the server's clock (processes on
# several machines agree on it; statement_timestamp() is one instant for the whole statement);
# SQLite serves one machine and is given its clock.
_TAKE = {
    "postgresql": """
        INSERT INTO send_budgets AS b (key, next_at)
        VALUES (:key, extract(epoch FROM statement_timestamp())::float8 + CAST(:interval AS float8))
        ON CONFLICT (key) DO UPDATE
            SET next_at = GREATEST(b.next_at, extract(epoch FROM statement_timestamp())::float8)
                          + CAST(:interval AS float8)
        RETURNING b.next_at - CAST(:interval AS float8) - extract(epoch FROM statement_timestamp())::float8""",
    "sqlite": """
        INSERT INTO send_budgets (key, next_at) VALUES (:key, :now + :interval)
        ON CONFLICT (key) DO UPDATE SET next_at = max(send_budgets.next_at, :now) + :interval
        RETURNING next_at - :interval - :now""",
}
_HOLD_OFF = {
    "postgresql": """
        INSERT INTO send_budgets AS b (key, next_at)
        VALUES (:key, extract(epoch FROM statement_timestamp())::float8 + CAST(:delay AS float8))
        ON CONFLICT (key) DO UPDATE
            SET next_at = GREATEST(b.next_at,
                                   extract(epoch FROM statement_timestamp())::float8 + CAST(:delay AS float8))""",
    "sqlite": """
        INSERT INTO send_budgets (key, next_at) VALUES (:key, :now + :delay)
        ON CONFLICT (key) DO UPDATE SET next_at = max(send_budgets.next_at, :now + :delay)""",
}


class BudgetsMixin(StoreBase):
    async def take_send_slot(self, key: str, interval_s: float) -> float:
        """Reserve the next send for `key`; returns the seconds to wait before sending (0: now)."""
        async with self._write() as conn:
            wait = (await conn.execute(sa.text(_TAKE[self.dialect]),
                                       {"key": key, "interval": interval_s, "now": time.time()})).scalar_one()
        return max(0.0, float(wait))

    async def hold_off_sends(self, key: str, delay_s: float) -> None:
        """No send for `key` from any process for `delay_s` (a 429's Retry-After)."""
        async with self._write() as conn:
            await conn.execute(sa.text(_HOLD_OFF[self.dialect]), {"key": key, "delay": delay_s, "now": time.time()})
