"""Drains the outbox: at-least-once delivery with retries, made exactly-once in the channel by nonces.

Rows for one destination go out in order and one at a time; destinations run side by side, so a slow
or failing one never holds up the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import defaultdict
from datetime import datetime, timedelta

from bot.cluster.leases import LeaseKeeper
from bot.delivery.base import DeliveryError
from bot.delivery.budget import hold_off, wait_for_slot
from bot.models import Delivery
from bot.ops import metrics
from bot.ops.json_logs import log_ids, safe_destination
from bot.redact import redact

log = logging.getLogger(__name__)
MAX_ATTEMPTS = 12           # about a day of backoff before a delivery is given up
BACKOFF_BASE_S = 5.0
BACKOFF_MAX_S = 3600.0


def backoff(attempts: int, retry_after_s: float | None = None) -> float:
    delay = min(BACKOFF_MAX_S, BACKOFF_BASE_S * 2 ** max(0, attempts))
    return max(delay, retry_after_s or 0.0)


# A process that dies mid-send leaves its rows to others after this long (`[run] lease`, whose
# default this is). The lease keeper renews it while rows are in hand, so a long queue at Slack's
# pace never loses it; a late duplicate after a takeover is still caught by the nonce.
LEASE_S = 30.0


async def drain(store, router, now: datetime, *, limit: int = 100, lease_s: float = LEASE_S,
                leases: LeaseKeeper | None = None, stop: asyncio.Event | None = None) -> int:
    """Send what is due; returns how many were delivered. Rows are claimed (leased) first; with
    `leases`, the leases are renewed until the drain ends.

    When `stop` is set no further row is started; when the drain is cancelled (a stop that could not
    wait), the rows it claimed and did not finish are handed back at once rather than after the
    lease, so the next start sends them (with the same nonce) without waiting for it.
    """
    due: list[Delivery] = await store.due_deliveries(now, limit, lease_s=lease_s)
    unsettled = {d.id: d for d in due}
    by_destination: dict[str, list[Delivery]] = defaultdict(list)
    for d in due:
        by_destination[d.destination].append(d)
    holding = leases.holding_deliveries(d.id for d in due) if leases else contextlib.nullcontext()
    with holding:
        try:
            results = await asyncio.gather(*(_send_in_order(store, router, now, rows, unsettled, stop)
                                             for rows in by_destination.values()))
        except asyncio.CancelledError:
            await _release(store, list(unsettled.values()), unsettled)
            raise
    return sum(results)


async def _send_in_order(store, router, now: datetime, rows: list[Delivery], unsettled: dict[int, Delivery],
                         stop: asyncio.Event | None = None) -> int:
    sent = 0
    for i, d in enumerate(rows):
        destination = router.get(d.destination)
        if destination is None or (stop is not None and stop.is_set()):
            # Not served by this process (e.g. Discord disabled here), or stopping: leave them to one
            # that can, without waiting for the lease.
            await _release(store, rows[i:], unsettled)
            return sent
        alert = await store.get_alert(d.alert_id)
        if alert is None:
            await store.mark_failed(d.id, error="alert no longer exists")
            unsettled.pop(d.id, None)
            continue
        try:
            await wait_for_slot(store, d.destination)     # the destination's budget, across processes
            remote_id = await destination.send(alert, d.nonce)
        except DeliveryError as e:
            await _on_error(store, d, e, now)
        except Exception as e:          # a bug or an unexpected library error: retry later, loudly
            log.exception("delivery %s to %s crashed", d.id, safe_destination(d.destination), extra=_ids(d))
            await _on_error(store, d, DeliveryError(redact(f"{type(e).__name__}: {e}")), now)
        else:
            await store.mark_sent(d.id, remote_id)
            unsettled.pop(d.id, None)
            metrics.DELIVERIES.labels(metrics.destination_kind(d.destination), "sent").inc()
            sent += 1
            continue
        unsettled.pop(d.id, None)
        await _release(store, rows[i + 1:], unsettled)   # keep order: they wait behind the failed one, unclaimed
        return sent
    return sent


async def _release(store, rows: list[Delivery], unsettled: dict[int, Delivery]) -> None:
    for d in rows:
        await store.release(d.id)
        unsettled.pop(d.id, None)


def _ids(d: Delivery) -> dict:
    return log_ids(delivery_id=d.id, alert_id=d.alert_id, destination=d.destination)


async def _on_error(store, d: Delivery, e: DeliveryError, now: datetime) -> None:
    reason = redact(e.reason)
    kind, where = metrics.destination_kind(d.destination), safe_destination(d.destination)
    if e.kind == "permanent" or (e.kind == "retry" and d.attempts + 1 >= MAX_ATTEMPTS):
        metrics.DELIVERIES.labels(kind, "failed").inc()
        log.error("delivery %s to %s failed for good: %s", d.id, where, reason, extra=_ids(d))
        await store.mark_failed(d.id, error=reason)
    elif e.kind == "pause":
        metrics.DELIVERIES.labels(kind, "paused").inc()
        log.error("pausing %s: %s", where, reason, extra=_ids(d))
        await store.pause_destination(d.destination, reason)
        await store.mark_retry(d.id, error=reason, next_attempt_at=now)
    else:
        metrics.DELIVERIES.labels(kind, "retry").inc()
        if e.retry_after_s:      # rate limited beyond what the client waited out: everyone waits
            await hold_off(store, d.destination, e.retry_after_s)
        delay = backoff(d.attempts, e.retry_after_s)
        log.warning("delivery %s to %s will be retried in %.0f s: %s", d.id, where, delay, reason, extra=_ids(d))
        await store.mark_retry(d.id, error=reason, next_attempt_at=now + timedelta(seconds=delay))
