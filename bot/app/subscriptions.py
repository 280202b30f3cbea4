"""Routing a topic to a channel, and stopping it. Subscribing again resumes a paused route."""

from __future__ import annotations

from bot.app.caller import Caller
from bot.app.context import Context
from bot.app.errors import NotFound, Refused
from bot.app.message import Message, Name, Place, say
from bot.app.topics import must_change, visible_topic
from bot.platforms import registry


def _destination(caller: Caller, destination: str | None) -> str:
    chosen = destination or caller.channel
    if not chosen:
        raise Refused("Name a channel.")
    if registry.parse(chosen) is None:
        raise Refused("{where} is not a channel newsbot can post to.", where=Name(chosen[:200]))
    return chosen


async def subscribe(ctx: Context, caller: Caller, topic: str, destination: str | None = None) -> Message:
    """Post `topic`'s alerts to `destination` (default: where the command was typed)."""
    must_change(caller)
    t = await visible_topic(ctx, caller, topic)
    dest = _destination(caller, destination)
    store = ctx.store
    was_paused = any(s.paused_reason for s in await store.list_subscriptions(t.name) if s.destination == dest)
    await store.subscribe(t.name, dest)
    if was_paused:   # paused after a 401/403/404: subscribing again means "it is fixed, try again"
        await store.resume_destination(dest)
        return say("Resumed: alerts for {topic} will be posted in {to}.", topic=Name(t.name), to=Place(dest))
    return say("Alerts for {topic} will be posted in {to}.", topic=Name(t.name), to=Place(dest))


async def unsubscribe(ctx: Context, caller: Caller, topic: str, destination: str | None = None) -> Message:
    must_change(caller)
    t = await visible_topic(ctx, caller, topic)
    dest = _destination(caller, destination)
    if not await ctx.store.unsubscribe(t.name, dest):
        raise NotFound("{to} does not receive {topic}.", to=Place(dest), topic=Name(t.name))
    return say("{to} will no longer receive {topic}.", to=Place(dest), topic=Name(t.name))
