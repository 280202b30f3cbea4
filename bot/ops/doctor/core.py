"""The checks that need no chat platform: database and migrations, each feed's reachability and parse.

Every check is read-only: nothing is migrated, stored or posted. Feeds go through the same guarded
fetcher and isolated parser the service uses, so a feed that passes here is one the service can read.
"""

from __future__ import annotations

import asyncio

from sqlalchemy.engine import make_url

from bot.models import Feed
from bot.ops.doctor.checks import Check
from bot.ops.health import DB_TIMEOUT_S, head_revision
from bot.ops.metrics import reason_class
from bot.redact import redact
from bot.settings import Settings

FEED_FIXES = {
    "timeout": "the server did not answer in time: check the URL in a browser, or raise [fetch] timeout_s",
    "refused": "the address is private, loopback or not http(s): use the public feed URL "
               "(set [fetch] allow_private_addresses = true only for intranet feeds you trust)",
    "connect": "nothing answers at that host and port: check the URL, or whether the site is down",
    "dns": "the host name does not resolve: check the spelling of the URL",
    "http_4xx": "the server refuses or does not have this URL: find the feed's current address on the site",
    "http_429": "the server rate-limits newsbot: raise this feed's interval",
    "http_5xx": "the server has an error right now: try again later; newsbot backs off meanwhile",
    "too_large": "the body is bigger than [fetch] max_bytes: use a smaller feed (e.g. a category feed)",
    "parse": "the URL does not serve RSS, Atom or JSON Feed: look for the site's feed link "
             "(often /feed, /rss.xml or a <link rel=\"alternate\"> in the page)",
    "other": "open the URL in a browser and check that it serves a feed",
}


async def check_database(settings: Settings) -> list[Check]:
    from bot.store import Store

    shown = make_url(settings.database.url).render_as_string(hide_password=True)
    store = await Store.open(settings.database.url, schema=settings.database.schema_)
    try:
        async with asyncio.timeout(DB_TIMEOUT_S * 3):
            revision = await store.schema_revision()
    except Exception as e:      # the driver's words, redacted; never the password
        detail = "no answer in time" if isinstance(e, TimeoutError) else redact(str(e).splitlines()[0])[:200]
        return [Check.bad("database", shown, f"unreachable: {detail}",
                          "check [database] url, that the server runs and accepts this user from this host")]
    finally:
        await store.close()
    head = head_revision()
    if revision != head:
        return [Check.good("database", shown, "reachable"),
                Check.bad("database", "migrations", f"at {revision or 'none'}, this version needs {head}",
                          "run `newsbot db upgrade` (newsbot run also upgrades at start)")]
    return [Check.good("database", shown, f"reachable, migrations at {head}")]


async def check_feeds(settings: Settings, feeds: list[Feed]) -> list[Check]:
    from bot.reader.fetcher import Fetcher

    f = settings.fetch
    async with Fetcher(allow_private=f.allow_private_addresses, timeout_s=f.timeout_s, max_bytes=f.max_bytes,
                       per_host=f.per_host_concurrency, user_agent=f.user_agent) as fetcher:
        slots = asyncio.Semaphore(min(16, f.concurrency))

        async def one(feed: Feed) -> Check:
            async with slots:
                return await _check_feed(settings, fetcher, feed)

        return list(await asyncio.gather(*(one(feed) for feed in feeds)))


async def _check_feed(settings: Settings, fetcher, feed: Feed) -> Check:
    from bot.reader.errors import FeedParseError, FetchError
    from bot.reader.parse_isolated import parse_feed_isolated

    try:
        result = await fetcher.fetch_feed(feed.url)
        parsed = await parse_feed_isolated(result.body or b"", result.final_url or feed.url,
                                           timeout_s=settings.fetch.parse_timeout_s, content_type=result.content_type)
    except (FetchError, FeedParseError) as e:
        cls = reason_class(e.reason, getattr(e, "status", None), parse_error=isinstance(e, FeedParseError))
        return Check.bad("feed", feed.name, e.reason, FEED_FIXES[cls])
    return Check.good("feed", feed.name, f"HTTP {result.status}, {len(parsed.entries)} entries")
