"""Watch topics: which a caller can see, adding, removing and dry-running one."""

from __future__ import annotations

from bot.analysis.topics.query import CompiledQuery, QueryError, compile_query
from bot.app.caller import Caller
from bot.app.context import Context
from bot.app.errors import BadQuery, NotAllowed, NotFound, Refused
from bot.app.message import Message, Name, Place, say
from bot.models import Topic

NAME_MAX = 100
QUERY_MAX = 1000


async def visible_topics(ctx: Context, caller: Caller) -> list[Topic]:
    """The config file's topics and the caller's tenant's own, never another tenant's."""
    return [t for t in await ctx.store.list_topics(None) if caller.sees(t.guild)]


async def visible_topic(ctx: Context, caller: Caller, name: str) -> Topic:
    for t in await visible_topics(ctx, caller):
        if t.name == name:
            return t
    raise NotFound("There is no topic named {name}.", name=Name(name[:NAME_MAX]))


def compiled(query: str) -> CompiledQuery:
    """The compiled query, or BadQuery pointing at the column that is wrong."""
    if len(query) > QUERY_MAX:
        raise BadQuery("A topic query has at most {limit} characters.", column=QUERY_MAX + 1, query=query,
                       limit=QUERY_MAX)
    try:
        return compile_query(query)
    except QueryError as exc:   # its message ends "at column N"
        raise BadQuery("That query does not parse: {reason}", column=exc.column, query=query,
                       reason=str(exc)) from None


def must_change(caller: Caller) -> None:
    if not caller.may_change:
        raise NotAllowed("Only admins can change feeds, topics and subscriptions.")
    if caller.tenant is None and not caller.operator:
        raise NotAllowed("This command works only inside a {place}, not in direct messages.", place=caller.place)


async def add_topic(ctx: Context, caller: Caller, name: str, query: str, *, mention_role: str | None = None,
                    channels: tuple[str, ...] | None = None) -> Message:
    """Add a topic (or change the query of the caller's own topic of that name).

    Its alerts go to `channels`, by default the channel the command was typed in.
    """
    must_change(caller)
    name, query = name.strip(), query.strip()
    if not name or len(name) > NAME_MAX:
        raise Refused("A topic name has 1 to {limit} characters.", limit=NAME_MAX)
    if not query:
        raise Refused("Give the topic a query, e.g. \"north korea*\" AND troops.")
    compiled(query)
    existing = await ctx.store.get_topic(name)
    if existing is not None and (existing.guild != caller.tenant or not caller.sees(existing.guild)):
        raise Refused("A topic named {name} already exists and is not this {place}'s; pick another name.",
                      name=Name(name), place=caller.place)
    if existing is None and caller.quota is not None \
            and len(await ctx.store.list_topics(caller.tenant)) >= caller.quota.topics:
        raise Refused("This {place} already has {limit} topics, the most allowed. Remove one first.",
                      place=caller.place, limit=caller.quota.topics)
    routes = channels if channels is not None else ((caller.channel,) if caller.channel else ())
    await ctx.store.add_topic(Topic(name=name, query=query, channels=tuple(routes), mention_role=mention_role,
                                    guild=caller.tenant))
    verb = "Updated" if existing else "Added"
    if not routes:
        return say(verb + " topic {name}. Route it to a channel with subscribe.", name=Name(name))
    where = ", ".join("{to%d}" % i for i in range(len(routes)))
    return say(verb + " topic {name}; its alerts go to " + where + ".", name=Name(name),
               **{f"to{i}": Place(r) for i, r in enumerate(routes)})


async def remove_topic(ctx: Context, caller: Caller, name: str) -> Message:
    """Remove one of the caller's tenant's topics, with its alerts (config topics are changed there)."""
    must_change(caller)
    name = name.strip()
    if not await ctx.store.remove_topic(name, guild=None if caller.operator else caller.tenant):
        raise NotFound("This {place} has no topic named {name} (topics from the config file are changed there).",
                       place=caller.place, name=Name(name[:NAME_MAX]))
    return say("Removed topic {name} and its alerts.", name=Name(name))
