"""Figures and alerts: one alert per (entry, topic), read back whole with outlet, topic and figures."""

from __future__ import annotations

from dataclasses import replace

from bot.models import Alert, Figure, Topic

from tests.builders import entry, polled_feed, utc

NIS = Figure(12000, None, None, False, "soldiers", "South Korea's NIS", "NIS says 12,000 soldiers.", 10, 16)
ZEL = Figure(10000, None, None, True, "troops", "Zelensky", "About 10,000 troops, Zelensky said.", 6, 12)


async def alerted_entry(store, topic_name="NK troops", n=1):
    feed = await polled_feed(store, name="Seoul Wire")
    (e,) = await store.add_entries(feed, [entry(n, published=utc(2026, 11, 1))])
    await store.sync_topics([Topic(topic_name, "troops", ("discord:1",))])
    topic = (await store.list_topics())[0]
    return e, topic


async def test_add_alert_once_per_entry_and_topic_and_read_it_back(store):
    e, topic = await alerted_entry(store)
    await store.add_figures(e.id, [ZEL, NIS])
    alert = Alert(entry=e, feed_name="Seoul Wire", topic=topic, why={"text": ["troops"]},
                  summary="Pyongyang sent troops.")
    saved = await store.add_alert(alert)
    assert saved.id is not None and saved.created_at.tzinfo is not None
    assert await store.add_alert(alert) is None
    got = await store.get_alert(saved.id)
    assert got.entry == e and got.feed_name == "Seoul Wire" and got.topic == topic
    assert got.why == {"text": ["troops"]} and got.summary == "Pyongyang sent troops."
    assert got.figures == (ZEL, NIS)                             # by position in the text
    assert await store.get_alert(saved.id + 1000) is None


async def test_add_alert_finds_the_topic_by_name_and_stores_figures_it_carries(store):
    e, topic = await alerted_entry(store)
    saved = await store.add_alert(Alert(entry=e, feed_name="x", topic=Topic(topic.name, topic.query),
                                        why={}, summary="s", figures=(NIS,)))
    assert saved.topic.id == topic.id
    assert (await store.get_alert(saved.id)).figures == (NIS,)


async def test_add_figures_replaces_earlier_extraction(store):
    e, topic = await alerted_entry(store)
    await store.add_figures(e.id, [ZEL])
    await store.add_figures(e.id, [NIS])
    saved = await store.add_alert(Alert(entry=e, feed_name="x", topic=topic, why={}, summary=""))
    assert (await store.get_alert(saved.id)).figures == (NIS,)


async def test_recent_alerts_newest_first_per_topic(store):
    e, topic = await alerted_entry(store)
    feed_id = e.feed_id
    feed = await store.get_feed(feed_id)
    (e2,) = await store.add_entries(feed, [entry(2)])
    await store.sync_topics([Topic("other", "x")])
    other = next(t for t in await store.list_topics() if t.name == "other")
    a1 = await store.add_alert(Alert(e, "x", topic, {}, "1", created_at=utc(2026, 11, 1)))
    a2 = await store.add_alert(Alert(e2, "x", topic, {}, "2", created_at=utc(2026, 11, 2)))
    a3 = await store.add_alert(Alert(e2, "x", other, {}, "3", created_at=utc(2026, 11, 3)))
    assert [a.id for a in await store.recent_alerts()] == [a3.id, a2.id, a1.id]
    assert [a.id for a in await store.recent_alerts(topic.name, limit=1)] == [a2.id]


async def test_removing_a_feed_removes_its_entries_alerts_and_outbox_rows(store):
    e, topic = await alerted_entry(store)
    saved = await store.add_alert(Alert(e, "x", topic, {}, "s", figures=(NIS,)))
    await store.enqueue(saved.id, ["discord:1"])
    feed = await store.get_feed(e.feed_id)
    assert await store.remove_feed(feed.url)
    assert await store.get_alert(saved.id) is None
    assert sum((await store.outbox_counts()).values()) == 0


async def test_figure_values_survive_the_round_trip(store):
    e, topic = await alerted_entry(store)
    big = replace(NIS, value=1.3e9, value_max=1.5e9, unit="USD", what="aid", source=None)
    await store.add_figures(e.id, [big])
    saved = await store.add_alert(Alert(e, "x", topic, {}, ""))
    (got,) = (await store.get_alert(saved.id)).figures
    assert got == big


async def test_list_alerts_is_every_alert_newest_first(store):
    e, topic = await alerted_entry(store)
    saved = await store.add_alert(Alert(e, "x", topic, {}, "s"))
    assert [a.id for a in await store.list_alerts()] == [saved.id]
    assert await store.list_alerts("no such topic") == []


async def test_an_alerts_figures_note_is_kept(store):
    e, topic = await alerted_entry(store)
    note = "text is not in English (detected: pt); figures not extracted"
    saved = await store.add_alert(Alert(entry=e, feed_name="x", topic=topic, why={}, summary="", figures_note=note))
    assert (await store.get_alert(saved.id)).figures_note == note
