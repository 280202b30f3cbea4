"""Answers as Discord message text: escaped feed and user text, Discord timestamps, 2000 characters max."""

from __future__ import annotations

from datetime import datetime
from typing import Sequence

from discord.utils import format_dt

from bot.app.claims import ClaimGroup
from bot.app.feeds import FeedsStatus
from bot.app.durations import format_interval
from bot.app.message import Message
from bot.app.topic_test import TopicTest
from bot.models import Alert, Feed, Topic
from bot.platforms.discord.embed import CONTENT_MAX, safe_url
from bot.platforms.discord.text import cut, discord_escape, join_within, one_line, why_text
from bot.figure_text import figure_line, source_of, value_of
from bot.reader.adaptive import effective_interval


def esc(text: str | None, limit: int = 200) -> str:
    return cut(discord_escape(one_line(text)), limit)


def when(dt: datetime | None, style: str = "d") -> str:
    """A Discord timestamp: every reader sees it in their own time zone."""
    return format_dt(dt, style) if dt is not None else "never"


def link(url: str | None) -> str:
    """<url> (no preview) when it is a plain http(s) URL; otherwise nothing."""
    url = safe_url(url)
    return f"<{url}>" if url and len(url) < 400 else ""


def destination_text(destination: str) -> str:
    kind, _, rest = destination.partition(":")
    return f"<#{rest}>" if kind == "discord" and rest.isdigit() else esc(kind, 20)


def message_text(message: Message) -> str:
    """A use case's sentence: values escaped, names quoted, Discord channels as channel mentions."""
    return cut(message.render(lambda text: esc(text, 300), destination_text), CONTENT_MAX)


def claims_text(groups: Sequence[ClaimGroup], topic: str | None, since: str | None) -> str:
    scope = f" for **{esc(topic, 100)}**" if topic else ""
    scope += f" in the last {esc(since, 20)}" if since else ""
    if not groups:
        return f"No figures found{scope}."
    lines = [f"**Claims**{scope}, newest first"]
    for g in groups:
        lines.append(f"__{esc(g.what, 100)}__ ({len(g.claims)} claim{'s' if len(g.claims) != 1 else ''})")
        for c in g.claims:
            value = f"**{value_of(c)}**" + (f" {esc(c.what, 60)}" if c.what else "")
            tail = " · ".join((esc(c.outlet, 60), when(c.published)))
            lines.append(f"• {value} — {esc(source_of(c), 80)} · {tail}" + (f" {link(c.link)}" if link(c.link) else ""))
    return join_within(lines, CONTENT_MAX, "… and {n} more lines (narrow with `what:` or `since:`)")


def alerts_text(alerts: Sequence[Alert], topic: str | None) -> str:
    if not alerts:
        return "No alerts yet" + (f" for **{esc(topic, 100)}**." if topic else ".")
    lines = []
    for a in alerts:
        e = a.entry
        lines.append(f"• **{esc(e.title, 200)}** — {esc(a.feed_name, 60)} · {when(e.published or a.created_at)}"
                     f" · topic {esc(a.topic.name, 60)} {link(e.link)}".rstrip())
        for f in a.figures[:5]:
            lines.append(f"  ↳ {cut(discord_escape(figure_line(f)), 200)}")
        if len(a.figures) > 5:
            lines.append(f"  ↳ … {len(a.figures) - 5} more figures (see /claims)")
    return join_within(lines, CONTENT_MAX)


def topics_text(topics: Sequence[Topic]) -> str:
    if not topics:
        return "No topics yet. Add one with `/topics add`."
    lines = []
    for t in topics:
        where = "config file" if t.guild is None else "this server"
        chans = ", ".join(destination_text(c) for c in t.channels) or "no channel yet"
        lines.append(f"• **{esc(t.name, 100)}** ({where}) → {chans}\n  `{cut(one_line(t.query).replace('`', 'ˋ'), 300)}`")
    return join_within(lines, CONTENT_MAX)


def topic_test_text(test: TopicTest) -> str:
    lines = [message_text(test.headline())]
    for entry, why in test.hits:
        lines.append(f"• {esc(entry.title, 150)} — {esc(why_text(why), 150) or 'match'} {link(entry.link)}".rstrip())
    return join_within(lines, CONTENT_MAX)


def feeds_text(feeds: Sequence[Feed]) -> str:
    if not feeds:
        return "No feeds yet. Add one with `/feeds add`."
    lines = [f"• **{esc(f.name, 100)}** {link(f.url) or esc(f.url, 200)} — every {format_interval(effective_interval(f))}"
             + (" (config file)" if f.guild is None else "") + ("" if f.enabled else " (disabled)")
             + (f"\n  moved from {esc(f.moved_from, 200)} {when(f.moved_at)} (the server redirected it for good)"
                if f.moved_from else "")
             for f in feeds]
    return join_within(lines, CONTENT_MAX)


def feeds_status_text(status: FeedsStatus) -> str:
    lines = []
    for sub in status.paused:
        lines.append(f"⏸️ alerts for **{esc(sub.topic, 100)}** → {destination_text(sub.destination)} are paused: "
                     f"{esc(sub.paused_reason, 300)} (fix it, then `/subscribe` again)")
    if not status.feeds:
        return join_within(lines + ["No feeds yet. Add one with `/feeds add`."], CONTENT_MAX)
    for f in status.feeds:
        mark = "⏸️" if not f.enabled else ("⚠️" if f.error_count else "✅")
        line = (f"{mark} **{esc(f.name, 100)}** — last fetch {when(f.last_fetched_at, 'R')}, "
                f"next check {when(f.next_check_at, 'R')}, errors {f.error_count}")
        if f.failing_since:
            line += f", failing since {when(f.failing_since, 'R')}"
        if f.last_error:
            line += f"\n  last error: {esc(f.last_error, 300)}"
        lines.append(line)
    return join_within(lines, CONTENT_MAX)
