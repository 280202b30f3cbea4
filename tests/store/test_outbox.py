"""The outbox (TESTING 16, 17, 20): stable nonces, order per destination, pauses, retries."""

from __future__ import annotations

from datetime import timedelta

from bot.models import Alert, Topic
from bot.store.outbox import nonce_for

from tests.builders import entry, polled_feed, utc

NOW = utc(2026, 11, 27, 12)


async def make_alerts(store, n: int, destinations=("discord:1", "slack:C1")):
    feed = await polled_feed(store)
    await store.sync_topics([Topic("t", "q", tuple(destinations))])
    topic = (await store.list_topics())[0]
    items = await store.add_entries(feed, [entry(i) for i in range(n, 0, -1)])
    return [await store.add_alert(Alert(e, feed.name, topic, {}, "s")) for e in items]


async def test_enqueue_gives_stable_short_nonces_and_is_idempotent(store):
    (alert,) = await make_alerts(store, 1)
    first = await store.enqueue(alert.id, ["discord:1", "slack:C1"])
    again = await store.enqueue(alert.id, ["discord:1", "slack:C1"])
    assert first == again and len(first) == 2
    assert [d.nonce for d in first] == [nonce_for(alert.id, "discord:1"), nonce_for(alert.id, "slack:C1")]
    assert len({d.nonce for d in first}) == 2 and all(len(d.nonce) <= 25 for d in first)
    assert nonce_for(alert.id, "discord:1") == nonce_for(alert.id, "discord:1")
    assert len(nonce_for(10**12, "apprise:" + "x" * 500)) <= 25
    assert all(d.status == "pending" and d.attempts == 0 for d in first)


async def test_nonce_survives_a_restart(db):
    store = await db.open()
    (alert,) = await make_alerts(store, 1)
    (before,) = await store.enqueue(alert.id, ["discord:1"])
    await store.close()
    reopened = await db.open()
    (after,) = await reopened.due_deliveries(NOW)
    assert (after.id, after.nonce) == (before.id, before.nonce)


async def test_due_rows_come_in_id_order_per_destination(store):
    alerts = await make_alerts(store, 3)
    for a in alerts:
        await store.enqueue(a.id, ["discord:1", "slack:C1"])
    due = await store.due_deliveries(NOW)
    assert [(d.alert_id, d.destination) for d in due] == [
        (a.id, dest) for a in alerts for dest in ("discord:1", "slack:C1")]
    assert [d.id for d in due] == sorted(d.id for d in due)


async def test_a_destination_that_was_down_gets_its_alerts_in_order(store):
    """TESTING 20: the head waits for its retry; nothing behind it jumps the queue."""
    alerts = await make_alerts(store, 3)
    for a in alerts:
        await store.enqueue(a.id, ["discord:1", "slack:C1"])
    d1, s1 = (await store.due_deliveries(NOW))[:2]
    await store.mark_retry(d1.id, error="HTTP 500", next_attempt_at=NOW + timedelta(minutes=10))
    await store.mark_sent(s1.id, "remote-1")
    due = await store.due_deliveries(NOW + timedelta(minutes=9))
    assert [(d.alert_id, d.destination) for d in due] == [(alerts[1].id, "slack:C1"), (alerts[2].id, "slack:C1")]
    for d in due:
        await store.mark_sent(d.id, f"m{d.id}")
    back = await store.due_deliveries(NOW + timedelta(minutes=10))
    assert [(d.alert_id, d.destination) for d in back] == [(a.id, "discord:1") for a in alerts]
    # The head fails again: the ones behind it must not be sent in the meantime.
    await store.mark_retry(back[0].id, error="HTTP 502", next_attempt_at=NOW + timedelta(minutes=20))
    assert await store.due_deliveries(NOW + timedelta(minutes=19)) == []
    for d in await store.due_deliveries(NOW + timedelta(minutes=20)):
        await store.mark_sent(d.id, f"m{d.id}")
    assert await store.outbox_counts() == {"pending": 0, "sent": 6, "failed": 0, "paused": 0}


async def test_retry_counts_attempts_and_failed_rows_no_longer_block(store):
    a1, a2 = await make_alerts(store, 2)
    (d1,) = await store.enqueue(a1.id, ["discord:1"])
    (d2,) = await store.enqueue(a2.id, ["discord:1"])
    await store.mark_retry(d1.id, error="timeout", next_attempt_at=NOW)
    await store.mark_retry(d1.id, error="HTTP 502", next_attempt_at=NOW)
    got = await store.get_delivery(d1.id)
    assert (got.attempts, got.last_error, got.status, got.next_attempt_at) == (2, "HTTP 502", "pending", NOW)
    await store.mark_failed(d1.id, error="HTTP 400: embed too long")
    assert [d.id for d in await store.due_deliveries(NOW)] == [d2.id]
    assert (await store.get_delivery(d1.id)).status == "failed"


async def test_paused_destinations_are_skipped_until_resumed(store):
    (alert,) = await make_alerts(store, 1)
    await store.enqueue(alert.id, ["discord:1", "slack:C1"])
    await store.pause_destination("discord:1", "HTTP 404: unknown channel")
    assert [d.destination for d in await store.due_deliveries(NOW)] == ["slack:C1"]
    assert await store.outbox_counts() == {"pending": 1, "sent": 0, "failed": 0, "paused": 1}
    await store.resume_destination("discord:1")
    assert [d.destination for d in await store.due_deliveries(NOW)] == ["discord:1", "slack:C1"]


async def test_due_deliveries_limit_and_not_yet_due(store):
    alerts = await make_alerts(store, 3)
    dests = [f"webhook:w{i}" for i in range(3)]
    for a, dest in zip(alerts, dests):
        await store.enqueue(a.id, [dest])
    first = (await store.due_deliveries(NOW))[0]
    await store.mark_retry(first.id, error="e", next_attempt_at=NOW + timedelta(hours=1))
    assert [d.destination for d in await store.due_deliveries(NOW)] == dests[1:]
    assert [d.destination for d in await store.due_deliveries(NOW, limit=1)] == dests[1:2]


async def test_pausing_a_destination_nobody_subscribes_to_fails_its_rows_instead_of_looping(store):
    (alert,) = await make_alerts(store, 1)
    await store.enqueue(alert.id, ["discord:1", "webhook:gone"])
    await store.pause_destination("webhook:gone", "HTTP 404 from the webhook")
    assert [d.destination for d in await store.due_deliveries(NOW)] == ["discord:1"]
    (gone,) = [d for d in await store.enqueue(alert.id, ["webhook:gone"])]
    assert gone.status == "failed" and "HTTP 404" in gone.last_error


async def test_leased_deliveries_are_not_handed_out_twice(store):
    """Two processes draining one outbox: a claimed row is not sent by the other until its lease ends."""
    alerts = await make_alerts(store, 2)
    for a in alerts:
        await store.enqueue(a.id, ["discord:1"])
    claimed = await store.due_deliveries(NOW, lease_s=60)
    assert [d.alert_id for d in claimed] == [a.id for a in alerts]
    assert await store.due_deliveries(NOW, lease_s=60) == []
    await store.mark_sent(claimed[0].id, "m1")          # the first went out, then the process died
    back = await store.due_deliveries(NOW + timedelta(seconds=61), lease_s=60)
    assert [(d.id, d.nonce) for d in back] == [(claimed[1].id, claimed[1].nonce)]
