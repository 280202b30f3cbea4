"""Read-side answers (claims, recent alerts, topics, feeds) -> Slack blocks, pure.

Our own structure is mrkdwn (bold names, article links); every piece of feed or user text inside it
is escaped (`&`, `<`, `>`) and every mrkdwn object is `verbatim` so Slack links or mentions nothing
by itself. Links are built only from http(s) URLs that pass `safe_link`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Iterable

from bot.app.claims import ClaimGroup
from bot.app.feeds import FeedsStatus
from bot.app.message import Message
from bot.app.topic_test import TopicTest
from bot.models import Alert, Topic
from bot.app.durations import format_interval
from bot.figure_text import figure_line, source_of, value_of
from bot.platforms.slack.blocks import BLOCKS_MAX, HEADER_MAX, SECTION_MAX, clip, escape, plain, safe_link

LINES_PER_GROUP = 15


@dataclass
class Answer:
    """What a command replies: fallback text, blocks, and whether only the caller sees it."""

    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    ephemeral: bool = True

    def payload(self) -> dict[str, Any]:
        out: dict[str, Any] = {"text": self.text, "response_type": "ephemeral" if self.ephemeral else "in_channel"}
        if self.blocks:
            out["blocks"] = self.blocks[:BLOCKS_MAX]
        return out


def md(text: str) -> dict[str, Any]:
    """A mrkdwn object whose text the caller has already escaped; `verbatim` stops auto-linking."""
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def cut_md(lines: Iterable[str], limit: int = SECTION_MAX) -> str:
    """Join escaped lines, dropping whole lines (never half an entity or link) past `limit`."""
    out: list[str] = []
    size = 0
    for line in lines:
        if size + len(line) + 1 > limit - 2:
            out.append("…")
            break
        out.append(line)
        size += len(line) + 1
    return "\n".join(out)


def link(url: str | None, label: str, limit: int = 200) -> str:
    """`<url|label>` with the label escaped, or just the escaped label when the URL is not safe."""
    text = clip(label, limit)
    safe = safe_link(url)
    return f"<{safe}|{text}>" if safe else text


def day(t: datetime | None) -> str:
    return t.strftime("%Y-%m-%d") if t else "?"


def error(message: str) -> Answer:
    return Answer(text=clip(message, SECTION_MAX), blocks=[{"type": "section", "text": plain(message, SECTION_MAX)}])


def message_text(message: Message) -> str:
    """A use case's sentence as mrkdwn: values escaped, names quoted, Slack channels as channel links."""
    return message.render(escape, _destination)


def done(message: Message) -> Answer:
    """A change the caller made: only they see the confirmation."""
    text = message_text(message)
    return Answer(text=text, blocks=[{"type": "section", "text": md(text[:SECTION_MAX])}])


def refused(message: Message) -> Answer:
    return done(message)


def header(title: str) -> dict[str, Any]:
    return {"type": "header", "text": plain(title, HEADER_MAX)}


def claims_answer(groups: list[ClaimGroup], title: str, notes: list[str] = ()) -> Answer:
    if not groups:
        return Answer(text=clip(f"{title}: no figures found", SECTION_MAX), blocks=[header(title), {
            "type": "section", "text": plain("No figures found for that question.", SECTION_MAX)}], ephemeral=False)
    blocks: list[dict[str, Any]] = [header(title)]
    for g in groups[: BLOCKS_MAX - 3]:
        lines = [f"*{escape(g.what)}* ({len(g.claims)} claim{'s' if len(g.claims) != 1 else ''})"]
        for c in g.claims[:LINES_PER_GROUP]:
            what = f" {escape(c.what)}" if c.what else ""
            lines.append(f"• {escape(value_of(c))}{what} — {escape(source_of(c))} · {link(c.link, c.outlet)} · "
                         f"{day(c.published)}")
        if len(g.claims) > LINES_PER_GROUP:
            lines.append(f"…and {len(g.claims) - LINES_PER_GROUP} older claims")
        blocks.append({"type": "section", "text": md(cut_md(lines))})
    if len(groups) > BLOCKS_MAX - 3:
        notes = [*notes, f"{len(groups) - (BLOCKS_MAX - 3)} more groups not shown: narrow with what: or since:"]
    if notes:
        blocks.append({"type": "context", "elements": [plain(n, 300) for n in notes[:10]]})
    text = f"{title}: " + "; ".join(
        f"{g.what}: " + ", ".join(f"{value_of(c)} ({source_of(c)})" for c in g.claims[:5]) for g in groups[:5])
    return Answer(text=clip(text, SECTION_MAX), blocks=blocks, ephemeral=False)


def recent_answer(alerts: list[Alert], title: str) -> Answer:
    if not alerts:
        return Answer(text=clip(f"{title}: no alerts yet", SECTION_MAX), blocks=[header(title), {
            "type": "section", "text": plain("No alerts yet.", 100)}], ephemeral=False)
    blocks: list[dict[str, Any]] = [header(title)]
    for a in alerts[: BLOCKS_MAX - 1]:
        e = a.entry
        when = (e.published or a.created_at)
        lines = [f"*{link(e.link, e.title or '(untitled)', 250)}*",
                 f"{escape(a.feed_name)} · {when.strftime('%Y-%m-%d %H:%M UTC') if when else '?'} · "
                 f"topic {escape(a.topic.name)}"]
        lines += [f"• {escape(figure_line(f))}" for f in a.figures[:10]]
        blocks.append({"type": "section", "text": md(cut_md(lines))})
    text = f"{title}: " + "; ".join(a.entry.title for a in alerts[:10])
    return Answer(text=clip(text, SECTION_MAX), blocks=blocks, ephemeral=False)


def topics_answer(topics: list[Topic]) -> Answer:
    if not topics:
        return Answer(text="No topics yet. An admin can add one with /topics add NAME QUERY.", ephemeral=False)
    lines = []
    for t in topics:
        where = ", ".join(_destination(d) for d in t.channels) or "no channels"
        lines.append(f"• *{escape(t.name)}* — {escape(t.query)} → {where}")
    return Answer(text=clip("Topics: " + ", ".join(t.name for t in topics), SECTION_MAX),
                  blocks=[header("Topics")] + _sections(lines), ephemeral=False)


def _destination(d: str) -> str:
    """Slack channels as channel links (ids we stored), everything else by kind only (URLs are secret)."""
    kind, _, rest = d.partition(":")
    if kind == "slack" and rest.isalnum():
        return f"<#{rest}>"
    if kind in ("webhook", "discord"):
        return escape(d)
    return escape(kind)


def topic_test_answer(test: TopicTest) -> Answer:
    headline = message_text(test.headline())
    lines = [headline]
    for e, why in test.hits[:10]:
        terms = "; ".join(f"{k}: {', '.join(v)}" for k, v in why.items() if v)
        lines.append(f"• {link(e.link, e.title or '(untitled)', 200)} — {escape(terms)}")
    return Answer(text=headline, blocks=[{"type": "section", "text": md(cut_md(lines))}])


def feeds_answer(state: FeedsStatus, status: bool) -> Answer:
    lines = [f"⏸️ alerts for *{escape(s.topic)}* → {_destination(s.destination)} are paused: "
             f"{escape(s.paused_reason or '')} (fix it, then /subscribe again)" for s in state.paused] if status else []
    if not state.feeds and not lines:
        return Answer(text="No feeds yet. An admin can add one with /feeds add URL [NAME].", ephemeral=False)
    for f in state.feeds:
        line = f"• *{escape(f.name)}* — {escape(f.url)} — every {format_interval(f.effective_interval_s)}"
        if f.moved_from:
            line += f"\n   moved from {escape(f.moved_from)} on {_when(f.moved_at)} (the server redirected it for good)"
        if status:
            line += (f"\n   last fetch {_when(f.last_fetched_at)} · next check {_when(f.next_check_at)}"
                     f" · errors {f.error_count}" + ("" if f.enabled else " · disabled")
                     + (f" · failing since {_when(f.failing_since)}" if f.failing_since else ""))
            if f.last_error:
                line += f"\n   last error: {clip(f.last_error, 300)}"
        lines.append(line)
    title = "Feed status" if status else "Feeds"
    return Answer(text=f"{title}: {len(state.feeds)} feeds", blocks=[header(title)] + _sections(lines), ephemeral=False)


def _when(t: datetime | None) -> str:
    return t.strftime("%Y-%m-%d %H:%M UTC") if t else "never"


def _sections(lines: list[str]) -> list[dict[str, Any]]:
    """Pack escaped lines into as few sections as fit (3000 chars each, at most 45 sections)."""
    out: list[list[str]] = [[]]
    size = 0
    for line in lines:
        line = line if len(line) <= SECTION_MAX - 10 else line[: SECTION_MAX - 10].rsplit(" ", 1)[0] + " …"
        if size + len(line) + 1 > SECTION_MAX - 10 and out[-1]:
            out.append([])
            size = 0
        out[-1].append(line)
        size += len(line) + 1
    return [{"type": "section", "text": md("\n".join(chunk))} for chunk in out[: BLOCKS_MAX - 5]]
