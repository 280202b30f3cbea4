"""The one place tests build figures, claims, entries, topics and alerts.

Defaults tell the project's story (North Korean troops sent to Russia, counted differently by
Zelensky, Budanov and Seoul's NIS); every field can be overridden by keyword.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from bot.app.claims import Claim
from bot.models import Alert, Entry, Feed, Figure, Topic

T0 = datetime(2024, 10, 18, 9, 30, tzinfo=timezone.utc)
HOSTILE_TITLE = "<!channel> <!here> <!everyone> <@U123> <https://evil.example|bank> & more"
NIS = "South Korea's National Intelligence Service (NIS)"


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=timezone.utc)


def figure(value: float, what: str | None = "soldiers", source: str | None = None, *, approx: bool = False,
           value_max: float | None = None, unit: str | None = None, bound: str | None = None,
           sentence: str = "", start: int = 0, end: int | None = None) -> Figure:
    """A figure; `bound` defaults to what the extractor writes (range, about or exact)."""
    if bound is None:
        bound = "range" if value_max is not None else ("about" if approx else "exact")
    return Figure(value=value, value_max=value_max, unit=unit, approx=approx, what=what, source=source,
                  sentence=sentence, start=start, end=start + 5 if end is None else end, bound=bound)


TROOP_FIGURES = (
    figure(10000, "soldiers", "Zelensky", approx=True),
    figure(2600, "soldiers in the first group", "Budanov"),
    figure(11000, "soldiers by Nov. 1", "Budanov", approx=True),
    figure(12000, "soldiers in four brigades", NIS),
    figure(1500, "special forces", NIS),
)


def claim(value: float, source: str | None = "NIS", *, day: int = 0, what: str | None = "troops",
          unit: str | None = None, value_max: float | None = None, approx: bool = False,
          bound: str | None = None, outlet: str = "Example Wire", link: str | None = None) -> Claim:
    f = figure(value, what, source, approx=approx, value_max=value_max, unit=unit, bound=bound)
    return Claim(value=f.value, value_max=f.value_max, unit=f.unit, approx=f.approx, what=f.what, source=f.source,
                 outlet=outlet, published=T0 + timedelta(days=day), link=link, title="t", bound=f.bound)


def entry(n: int = 1, *, published: datetime | None = None, **kw) -> Entry:
    """Entry number n with distinct uid, link and content unless overridden."""
    values = {"uid": f"uid-{n}", "title": f"Title {n}", "text": f"Body {n}",
              "link": f"https://news.example/{n}", "published": published, "content_hash": f"h{n}"}
    values.update(kw)
    return Entry(**values)


def topic(name: str = "nk-troops", query: str = '"north korea*" AND troops', *, channels: tuple[str, ...] = (),
          **kw) -> Topic:
    return Topic(name=name, query=query, channels=channels, **kw)


def alert(title: str = "North Korean troops reach Russia's Kursk region", *,
          summary: str = "Officials gave differing counts of the deployment.",
          figures: tuple[Figure, ...] = TROOP_FIGURES, link: str | None = "https://news.example/nk-troops",
          channels: tuple[str, ...] = ("slack:C1",), mention_role: str | None = None,
          feed_name: str = "Example Wire", published: datetime | None = T0,
          created_at: datetime | None = None) -> Alert:
    """An alert as the outbox hands it to a sender (not stored)."""
    e = Entry(uid="u1", title=title, text=summary, link=link, published=published)
    t = topic(channels=channels, mention_role=mention_role)
    return Alert(entry=e, feed_name=feed_name, topic=t, why={"title": ["north korea*", "troops"]}, summary=summary,
                 figures=figures, created_at=created_at or datetime.now(timezone.utc))


async def stored_feed(store, url: str = "https://news.example/feed", **kw) -> Feed:
    return await store.add_feed(Feed(url=url, name=kw.pop("name", "Example News"), **kw))


async def polled_feed(store, **kw) -> Feed:
    """A feed that has been fetched before (so new entries alert)."""
    feed = await stored_feed(store, **kw)
    await store.record_fetch_ok(feed.id, etag=None, last_modified=None,
                                next_check_at=utc(2026, 1, 1), fetched_at=utc(2026, 1, 1))
    return await store.get_feed(feed.id)
