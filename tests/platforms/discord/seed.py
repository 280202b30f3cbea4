"""Stored alerts with competing troop figures, for the slash-command tests."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.models import Alert, Entry, Feed, Figure, Topic

GUILD = "111111111111111111"
T0 = datetime(2024, 10, 18, 9, 0, tzinfo=timezone.utc)


async def seed_claims(store, *, topic_guild: str | None = None) -> None:
    feed = await store.add_feed(Feed(url="https://wire.example/rss", name="Example Wire", backfill=10))
    entries = [
        Entry(uid="a", title="Kyiv: about 10,000 North Korean troops", text="Zelensky spoke.",
              link="https://wire.example/a", published=T0),
        Entry(uid="b", title="Budanov gives two counts", text="2,600 then 11,000.",
              link="https://wire.example/b", published=T0 + timedelta(days=5)),
        Entry(uid="c", title="Seoul: 12,000 soldiers in four brigades", text="NIS briefing.",
              link="https://wire.example/c", published=T0 + timedelta(days=10)),
        Entry(uid="d", title="Markets calm", text="Nothing about troops.", link="https://wire.example/d",
              published=T0 + timedelta(days=11)),
    ]
    stored = {e.uid: e for e in await store.add_entries(feed, entries)}
    topic = await store.add_topic(Topic(name="nk-troops", query='"north korea*" OR soldiers OR troops',
                                        guild=topic_guild))
    figs = {
        "a": (Figure(10000, None, None, True, "troops", "Zelensky", "About 10,000 troops.", 6, 12),),
        "b": (Figure(2600, None, None, False, "troops", "Budanov", "2,600 troops first.", 0, 5),
              Figure(11000, None, None, True, "troops", "Budanov", "Close to 11,000 troops.", 20, 26)),
        "c": (Figure(12000, None, None, False, "soldiers", "NIS", "12,000 soldiers.", 0, 6),
              Figure(1500, None, None, False, "special forces", "NIS", "1,500 special forces.", 30, 35)),
    }
    for uid, fs in figs.items():
        e = stored[uid]
        await store.add_alert(Alert(entry=e, feed_name=feed.name, topic=topic, why={"title": ["troops"]},
                                    summary="summary of " + uid, figures=fs, created_at=e.published))
