"""A feed whose server says it moved for good (301/308) moves once the move holds over consecutive polls.

Only a chain of permanent redirects counts (a 302 anywhere means "for now"), every hop of which
the fetcher's address guard already checked; and only when `MOVE_AFTER` polls in a row ended at
the same address. The move is logged and shown in /feeds ("moved from ...").
"""

from __future__ import annotations

import logging
from datetime import datetime

from bot.models import Feed
from bot.reader.fetcher import FetchResult
from bot.redact import redact
from bot.store import Store

log = logging.getLogger(__name__)
MOVE_AFTER = 2


async def follow_permanent_redirect(store: Store, feed: Feed, result: FetchResult, now: datetime) -> None:
    """Count this poll's permanent redirect, move the feed when it has held; a poll without one ends the run."""
    if feed.id is None:
        return
    target = result.final_url if result.permanent_redirect and result.final_url != feed.url else None
    if target is None:
        if feed.moved_to is not None:
            await store.forget_redirect(feed.id)
        return
    if await store.note_redirect(feed.id, target) < MOVE_AFTER:
        return
    if await store.move_feed(feed.id, target, now):
        log.warning("feed %s moved permanently to %s (%d polls in a row said so)",
                    redact(feed.url), redact(target), MOVE_AFTER)
    else:
        log.warning("feed %s redirects permanently to %s, which is already another feed; left as it is",
                    redact(feed.url), redact(target))
