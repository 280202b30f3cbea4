"""The read side: `/claims` groups who-claims-what across outlets; `/recent`; durations."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from bot.app.caller import OPERATOR
from bot.app.claims import claims as app_claims
from bot.app.claims import recent
from bot.app.context import Context
from bot.app.durations import parse_since
from bot.app.errors import NotFound, Refused
from bot.app.feeds import feeds_status
from bot.app.topics import visible_topics
from bot.models import Alert, Topic
from bot.settings import Settings
from tests.builders import entry, polled_feed, utc
from tests.builders import figure as _figure


def fig(value, what, source, approx=False, value_max=None, unit=None, start=0):
    return _figure(value, what, source, approx=approx, value_max=value_max, unit=unit,
                   sentence=f"{what} sentence", start=start)


async def claims(store, topic=None, **kw):
    return await app_claims(Context(store, Settings()), OPERATOR, topic, **kw)


async def seed_claims(store):
    """Two outlets, the troop story told twice, and an unrelated topic with its own figure."""
    wire = await polled_feed(store, url="https://wire.example/rss", name="Seoul Wire")
    post = await polled_feed(store, url="https://post.example/atom", name="Kyiv Post")
    await store.sync_topics([Topic("NK troops", "troops", ("console",)), Topic("arms", "arms")])
    troops, arms = sorted(await store.list_topics(), key=lambda t: t.name != "NK troops")
    (first,) = await store.add_entries(wire, [entry(1, published=utc(2026, 10, 20))])
    (update,) = await store.add_entries(post, [entry(2, published=utc(2026, 11, 1))])
    (other,) = await store.add_entries(wire, [entry(3, published=utc(2026, 11, 5))])
    (unalerted,) = await store.add_entries(post, [entry(4, published=utc(2026, 11, 6))])
    await store.add_figures(first.id, [
        fig(10000, "troops", "Zelensky", approx=True, start=10),
        fig(2600, "soldiers", "Budanov", start=20),
        fig(11000, "soldiers", "Budanov", approx=True, start=30),
        fig(12000, "soldiers", "South Korea's NIS", start=40),
        fig(4, "brigades", "South Korea's NIS", start=50),
        fig(1500, "special forces", "South Korea's NIS", start=60),
    ])
    await store.add_figures(update.id, [fig(11000, "servicemen", "South Korea's NIS", start=5)])
    await store.add_figures(other.id, [fig(1.3e9, "arms package", None, unit="USD")])
    await store.add_figures(unalerted.id, [fig(99, "troops", "nobody")])
    for e, topic in ((first, troops), (update, troops), (other, arms)):
        await store.add_alert(Alert(e, "", topic, {"text": ["troops"]}, "summary"))
    return wire, post


async def test_claims_for_a_topic_grouped_by_what_newest_first(store):
    await seed_claims(store)
    groups = await claims(store, "NK troops")
    assert [g.what for g in groups] == ["troops", "brigade", "special forces"]
    troops = groups[0]
    assert [(c.value, c.source, c.outlet) for c in troops.claims] == [
        (11000, "South Korea's NIS", "Kyiv Post"),                      # the update, newest
        (10000, "Zelensky", "Seoul Wire"), (2600, "Budanov", "Seoul Wire"),
        (11000, "Budanov", "Seoul Wire"), (12000, "South Korea's NIS", "Seoul Wire"),
    ]
    assert troops.latest == utc(2026, 11, 1)
    zel = troops.claims[1]
    assert zel.approx and zel.what == "troops" and zel.title == "Title 1"
    assert zel.link == "https://news.example/1" and zel.published == utc(2026, 10, 20)
    assert all(c.source != "nobody" for g in groups for c in g.claims)   # never alerted


async def test_claims_of_all_topics_what_filter_since_and_limit(store):
    await seed_claims(store)
    every = await claims(store)
    assert [g.what for g in every] == ["package", "troops", "brigade", "special forces"]
    only = await claims(store, what="Soldiers")
    assert [g.what for g in only] == ["troops"] and len(only[0].claims) == 5
    assert await claims(store, "NK troops", since=timedelta(days=1)) == []
    assert sum(len(g.claims) for g in await claims(store, limit=3)) == 3
    with pytest.raises(NotFound):
        await claims(store, "no such topic")


async def test_claims_since_counts_from_now(store):
    feed = await polled_feed(store)
    await store.sync_topics([Topic("t", "q")])
    (topic,) = await store.list_topics()
    now = datetime.now(timezone.utc)
    (fresh,) = await store.add_entries(feed, [entry(1, published=now - timedelta(hours=2))])
    (old,) = await store.add_entries(feed, [entry(2, published=now - timedelta(days=9))])
    (undated,) = await store.add_entries(feed, [entry(3)])             # falls back to seen_at (now)
    for e in (fresh, old, undated):
        await store.add_figures(e.id, [fig(e.id, "troops", "x")])
        await store.add_alert(Alert(e, "", topic, {}, ""))
    (group,) = await claims(store, "t", since=parse_since("7d"))
    assert [c.value for c in group.claims] == [undated.id, fresh.id]


async def test_recent_topics_and_feed_status(store):
    wire, _ = await seed_claims(store)
    await store.record_fetch_error(wire.id, error="HTTP 503 from wire.example",
                                   next_check_at=utc(2026, 12, 1))
    ctx = Context(store, Settings())
    newest = await recent(ctx, OPERATOR, "NK troops", limit=5)
    assert [a.entry.uid for a in newest] == ["uid-2", "uid-1"]
    assert [t.name for t in await visible_topics(ctx, OPERATOR)] == ["NK troops", "arms"]
    status = {s.name: s for s in (await feeds_status(ctx, OPERATOR)).feeds}
    assert status["Seoul Wire"].error_count == 1
    assert status["Seoul Wire"].last_error == "HTTP 503 from wire.example"
    assert status["Kyiv Post"].last_fetched_at == utc(2026, 1, 1)


@pytest.mark.parametrize("text, expected", [
    ("30m", timedelta(minutes=30)), ("12h", timedelta(hours=12)), ("7d", timedelta(days=7)),
    ("2w", timedelta(weeks=2)), (" 1d12h ", timedelta(days=1, hours=12)), ("45s", timedelta(seconds=45)),
    ("3 days", timedelta(days=3)),
])
def test_parse_since(text, expected):
    assert parse_since(text) == expected


@pytest.mark.parametrize("text", ["", "7", "d", "7x", "-1d", "0d", "1.5h", "7d garbage", "9" * 30 + "w"])
def test_parse_since_rejects_with_a_readable_message(text):
    with pytest.raises(Refused, match=r"duration"):
        parse_since(text)


async def test_recent_takes_1_to_20_alerts(store):
    ctx = Context(store, Settings())
    for bad in (0, 21):
        with pytest.raises(Refused, match="between 1 and 20"):
            await recent(ctx, OPERATOR, limit=bad)
