"""Feeds: which a caller can see, their status, and following or dropping one from chat."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from bot.app.caller import Caller
from bot.app.context import Context
from bot.app.errors import NotFound, Refused
from bot.app.message import Message, Name, say
from bot.app.topics import must_change, visible_topics
from bot.app.urls import checked_feed_url, host_of
from bot.models import Feed, Subscription
from bot.reader.adaptive import effective_interval

NAME_MAX = 100


@dataclass(frozen=True)
class FeedStatus:
    name: str
    url: str
    last_fetched_at: datetime | None
    next_check_at: datetime | None
    error_count: int
    last_error: str | None
    enabled: bool = True
    guild: str | None = None
    interval_s: int = 300
    effective_interval_s: int = 300      # longer than interval_s when adaptive polling says so
    failing_since: datetime | None = None
    moved_from: str | None = None       # the address it had before a permanent redirect moved it
    moved_at: datetime | None = None


@dataclass(frozen=True)
class FeedsStatus:
    feeds: list[FeedStatus]        # failing feeds first (the longest failing first), then by name
    paused: list[Subscription]     # routes of visible topics paused after a 401/403/404, with the reason


def _status(f: Feed) -> FeedStatus:
    return FeedStatus(name=f.name, url=f.url, last_fetched_at=f.last_fetched_at, next_check_at=f.next_check_at,
                      error_count=f.error_count, last_error=f.last_error, enabled=f.enabled, guild=f.guild,
                      interval_s=f.interval_s, effective_interval_s=effective_interval(f),
                      failing_since=f.failing_since, moved_from=f.moved_from, moved_at=f.moved_at)


async def visible_feeds(ctx: Context, caller: Caller) -> list[Feed]:
    """The config file's feeds and the caller's tenant's own, never another tenant's."""
    return [f for f in await ctx.store.list_feeds(None) if caller.sees(f.guild)]


async def feeds_status(ctx: Context, caller: Caller) -> FeedsStatus:
    """Last fetch, next check, errors of each visible feed, and the paused routes of visible topics."""
    rows = [_status(f) for f in await visible_feeds(ctx, caller)]
    never = datetime.max.replace(tzinfo=timezone.utc)
    failing = sorted((r for r in rows if r.error_count), key=lambda r: r.failing_since or never)
    feeds = failing + [r for r in rows if not r.error_count]
    mine = {t.name for t in await visible_topics(ctx, caller)}
    paused = [s for s in await ctx.store.list_subscriptions() if s.paused_reason and s.topic in mine]
    return FeedsStatus(feeds=feeds, paused=paused)


async def add_feed(ctx: Context, caller: Caller, url: str, name: str | None = None, *, interval_s: int = 300,
                   backfill: int = 0, fulltext: bool = False) -> Message:
    """Follow a feed: public http(s) only, once, within the tenant's quota. Its old entries never alert."""
    must_change(caller)
    url = checked_feed_url(url, allow_private=ctx.settings.fetch.allow_private_addresses)
    known = next((f for f in await ctx.store.list_feeds(None) if f.url == url), None)
    if known is not None:
        raise Refused("That feed is already followed.")
    if caller.quota is not None and await ctx.store.count_feeds(caller.tenant) >= caller.quota.feeds:
        raise Refused("This {place} already has {limit} feeds, the most allowed. Remove one first.",
                      place=caller.place, limit=caller.quota.feeds)
    label = ((name or "").strip() or host_of(url))[:NAME_MAX]
    feed = await ctx.store.add_feed(Feed(url=url, name=label, guild=caller.tenant, interval_s=interval_s,
                                         backfill=backfill, fulltext=fulltext))
    return say("Added feed {name} from {url}; its current entries are not alerted, only new ones.",
               name=Name(feed.name), url=Name(feed.url))


async def remove_feed(ctx: Context, caller: Caller, url: str) -> Message:
    """Stop following one of the tenant's feeds; its stored entries and alerts go with it."""
    must_change(caller)
    url = url.strip()
    if not await ctx.store.remove_feed(url, guild=None if caller.operator else caller.tenant):
        raise NotFound("This {place} has no feed {url} (feeds from the config file are changed there).",
                       place=caller.place, url=Name(url[:300]))
    return say("Removed the feed {url} and its entries.", url=Name(url))
