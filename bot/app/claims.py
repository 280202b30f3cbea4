"""The read side: who claims how many of what (`/claims`), and the newest alerts (`/recent`)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.app.caller import Caller
from bot.app.context import Context
from bot.app.errors import Refused
from bot.app.topics import visible_topic
from bot.models import Alert
from bot.analysis.figures.grouping import normalize_what

UNSPECIFIED = "unspecified"
RECENT_MAX = 20


@dataclass(frozen=True)
class Claim:
    """One figure as a claim: who says how many of what, where and when."""

    value: float
    value_max: float | None
    unit: str | None
    approx: bool
    what: str | None
    source: str | None          # None: the outlet states it in its own voice
    outlet: str                 # the feed's name
    published: datetime         # entry's published time, else when we first saw it (aware UTC)
    link: str | None
    title: str
    sentence: str = ""
    bound: str = "exact"


@dataclass(frozen=True)
class ClaimGroup:
    """Claims about the same thing (normalised `what`), newest first."""

    what: str
    claims: tuple[Claim, ...]

    @property
    def latest(self) -> datetime:
        return self.claims[0].published


async def claims(ctx: Context, caller: Caller, topic: str | None = None, what: str | None = None,
                 since: timedelta | None = None, limit: int = 200) -> list[ClaimGroup]:
    """Figures of entries that alerted for `topic` (or any), grouped by what they count.

    Groups are ordered by their most recent claim; `what` matches after the same normalisation
    (so "soldiers" finds the "troops" group); at most `limit` claims in all, the newest.
    """
    if topic is not None:
        topic = (await visible_topic(ctx, caller, topic)).name
    cutoff = ctx.clock() - since if since is not None else None
    wanted = normalize_what(what) if what else None
    rows = await ctx.store.claim_rows(topic=topic, what_norm=wanted, since=cutoff, limit=limit)
    groups: dict[str, list[Claim]] = {}
    for r in rows:
        groups.setdefault(r.what_norm or UNSPECIFIED, []).append(Claim(
            value=r.value, value_max=r.value_max, unit=r.unit, approx=bool(r.approx), what=r.what,
            source=r.source, outlet=r.outlet, published=r.when, link=r.link, title=r.title,
            sentence=r.sentence, bound=r.bound,
        ))
    return [ClaimGroup(what=k, claims=tuple(v)) for k, v in groups.items()]


async def recent(ctx: Context, caller: Caller, topic: str | None = None, limit: int = 5) -> list[Alert]:
    """The newest alerts (of one topic, or all), newest first; 1 to 20 of them."""
    if not 1 <= limit <= RECENT_MAX:
        raise Refused("limit must be a number between 1 and {most}", most=RECENT_MAX)
    if topic is not None:
        topic = (await visible_topic(ctx, caller, topic)).name
    return await ctx.store.recent_alerts(topic=topic, limit=limit)
