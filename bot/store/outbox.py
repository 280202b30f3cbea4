"""The outbox: one row per alert x destination, delivered in order per destination, retried, paused."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta

import sqlalchemy as sa

from bot.models import Delivery
from bot.store.base import StoreBase, utcnow
from bot.store.schema import outbox, subscriptions

NONCE_MAX = 25  # Discord's limit for a message nonce
CLAIM_LOCK_KEY = 0x6F757462   # "outb": serialises outbox claims between processes (PostgreSQL)


def nonce_for(alert_id: int, destination: str) -> str:
    """Stable per (alert, destination): a retry after a crash sends the same nonce again."""
    nonce = f"nb-{alert_id}-{hashlib.sha1(destination.encode()).hexdigest()[:8]}"
    assert len(nonce) <= NONCE_MAX, nonce
    return nonce


def delivery_from_row(row) -> Delivery:
    return Delivery(id=row.id, alert_id=row.alert_id, destination=row.destination, nonce=row.nonce,
                    attempts=row.attempts, status=row.status, next_attempt_at=row.next_attempt_at,
                    last_error=row.last_error, remote_id=row.remote_id)


def _paused_destinations():
    return sa.select(subscriptions.c.destination).where(subscriptions.c.paused_reason.is_not(None))


class OutboxMixin(StoreBase):
    async def enqueue(self, alert_id: int, destinations: Sequence[str]) -> list[Delivery]:
        """One pending row per destination (idempotent: enqueuing twice adds nothing)."""
        wanted = list(dict.fromkeys(destinations))
        if not wanted:
            return []
        now = utcnow()
        rows = [{"alert_id": alert_id, "destination": d, "nonce": nonce_for(alert_id, d),
                 "status": "pending", "attempts": 0, "created_at": now} for d in wanted]
        async with self._write() as conn:
            await conn.execute(self._insert(outbox).values(rows)
                               .on_conflict_do_nothing(index_elements=[outbox.c.nonce]))
            found = await conn.execute(
                sa.select(outbox).where(outbox.c.nonce.in_([r["nonce"] for r in rows]))
                .order_by(outbox.c.id))
            return [delivery_from_row(r) for r in found]

    async def due_deliveries(self, now: datetime, limit: int = 100, *,
                             lease_s: float | None = None) -> list[Delivery]:
        """Pending rows that may be sent now, in id order, per destination a gap-free prefix.

        A row is returned only if every earlier pending row for its destination is returned too: one
        waiting for a retry (next_attempt_at in the future) holds back everything after it, so a
        destination that was down receives its alerts in order once it is back. Send each
        destination's rows in the order given and stop at its first failure. Paused destinations
        are skipped. With `lease_s` the rows are claimed (leased until `now + lease_s`, PostgreSQL:
        SKIP LOCKED) so that another process sharing the database does not send them meanwhile; a
        leased row holds back its destination's later rows like a waiting one does. The sender
        renews the lease while it works (`renew_delivery_leases`); a process that dies mid-send
        leaves its rows to be retried, with the same nonce, once the lease runs out.
        """
        # Per destination, the first pending row that must wait (a retry not yet due, or a row
        # another process is sending): nothing at or after it is due.
        waiting = (
            sa.select(outbox.c.destination, sa.func.min(outbox.c.id).label("first_waiting"))
            .where(outbox.c.status == "pending",
                   sa.or_(outbox.c.next_attempt_at > now, outbox.c.leased_until > now))
            .group_by(outbox.c.destination)
            .subquery("waiting")
        )
        stmt = (
            sa.select(outbox)
            .outerjoin(waiting, waiting.c.destination == outbox.c.destination)
            .where(outbox.c.status == "pending")
            .where(sa.or_(outbox.c.next_attempt_at.is_(None), outbox.c.next_attempt_at <= now))
            .where(sa.or_(outbox.c.leased_until.is_(None), outbox.c.leased_until <= now))
            .where(sa.or_(waiting.c.first_waiting.is_(None), outbox.c.id < waiting.c.first_waiting))
            .where(outbox.c.destination.not_in(_paused_destinations()))
            .order_by(outbox.c.id)
            .limit(limit)
        )
        if lease_s is None:
            async with self._read() as conn:
                return [delivery_from_row(r) for r in await conn.execute(stmt)]
        async with self._write() as conn:
            if self.dialect == "postgresql":
                # One claim at a time across processes: with SKIP LOCKED alone, a claim running
                # beside another's uncommitted one would skip that one's rows and take a later row
                # of the same destination, out of order. Claims are short; waiting costs little.
                await conn.execute(sa.text(f"SELECT pg_advisory_xact_lock({CLAIM_LOCK_KEY})"))
            rows = [delivery_from_row(r) for r in await conn.execute(stmt)]
            if rows:
                await conn.execute(sa.update(outbox).where(outbox.c.id.in_([d.id for d in rows]))
                                   .values(leased_until=now + timedelta(seconds=lease_s)))
        return rows

    async def renew_delivery_leases(self, delivery_ids: Sequence[int], until: datetime) -> None:
        """Extend this process's leases on rows it is still sending (a finished row has none)."""
        if not delivery_ids:
            return
        async with self._write() as conn:
            await conn.execute(sa.update(outbox).where(outbox.c.id.in_(list(delivery_ids)),
                                                       outbox.c.leased_until.is_not(None))
                               .values(leased_until=until))

    async def release(self, delivery_id: int) -> None:
        """Give a claimed row back untouched (this process cannot serve its destination)."""
        async with self._write() as conn:
            await conn.execute(sa.update(outbox).where(outbox.c.id == delivery_id)
                               .where(outbox.c.status == "pending").values(leased_until=None))

    async def get_delivery(self, delivery_id: int) -> Delivery | None:
        async with self._read() as conn:
            row = (await conn.execute(sa.select(outbox).where(outbox.c.id == delivery_id))).first()
        return delivery_from_row(row) if row else None

    async def mark_sent(self, delivery_id: int, remote_id: str | None) -> None:
        await self._finish(delivery_id, status="sent", remote_id=remote_id, last_error=None)

    async def mark_retry(self, delivery_id: int, *, error: str, next_attempt_at: datetime) -> None:
        await self._finish(delivery_id, status="pending", last_error=error,
                           next_attempt_at=next_attempt_at)

    async def mark_failed(self, delivery_id: int, *, error: str) -> None:
        await self._finish(delivery_id, status="failed", last_error=error)

    async def _finish(self, delivery_id: int, **values) -> None:
        async with self._write() as conn:
            await conn.execute(sa.update(outbox).where(outbox.c.id == delivery_id)
                               .values(attempts=outbox.c.attempts + 1, leased_until=None, **values))

    async def outbox_counts(self) -> dict[str, int]:
        """Rows by status; 'paused' counts pending rows held back by a paused destination
        (those are not in 'pending'). Every key is present."""
        paused = sa.and_(outbox.c.status == "pending", outbox.c.destination.in_(_paused_destinations()))
        bucket = sa.case((paused, "paused"), else_=outbox.c.status).label("bucket")
        counts = {"pending": 0, "sent": 0, "failed": 0, "paused": 0}
        async with self._read() as conn:
            for name, n in await conn.execute(sa.select(bucket, sa.func.count()).group_by(bucket)):
                counts[name] = n
        return counts

