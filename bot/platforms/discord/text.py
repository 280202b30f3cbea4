"""Text for Discord: escape feed and user text, cut it to Discord's limits, join lines within a budget.

Feed text is hostile (docs/HOSTILE.md cases 12-14): everything taken from a feed goes through
`discord_escape` before it reaches a message, and through `cut` so it fits Discord's limits.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable

import discord.utils

ELLIPSIS = "…"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")
_SPACES = re.compile(r"\s+")


def clean(text: str | None) -> str:
    """Drop control and bidi-override characters (they reorder or hide text in chat)."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", text or ""))


def one_line(text: str | None) -> str:
    """Collapse all whitespace (titles, sources) to single spaces."""
    return _SPACES.sub(" ", clean(text)).strip()


def cut(text: str, limit: int, ellipsis: str = ELLIPSIS) -> str:
    """At most `limit` characters (code points, as Discord counts), ending in `ellipsis` when cut.

    Never leaves half of a surrogate-free grapheme pair such as a flag or a ZWJ emoji sequence
    dangling before the ellipsis: trailing joiners and variation selectors are dropped.
    """
    if limit <= 0:
        return ""
    if len(text) <= limit:
        return text
    if limit <= len(ellipsis):
        return ellipsis[:limit]
    head = text[: limit - len(ellipsis)]
    head = head.rstrip("\u200d\ufe0f\ufe0e")
    # A trailing lone backslash would escape the ellipsis; harmless, but ugly.
    if head.endswith("\\") and not head.endswith("\\\\"):
        head = head[:-1]
    return head + ellipsis


def why_text(why: dict[str, list[str]]) -> str:
    """ {"title": ["troops"], "text": ["north korea"]} -> "title: troops; text: north korea". """
    parts = [f"{where}: {', '.join(dict.fromkeys(terms))}" for where, terms in why.items() if terms]
    return "; ".join(parts)


_DISCORD_ANGLE = re.compile(r"<(?=[@#:/]|a:|t:|id:|sound:)")
_LINE_START = re.compile(r"^(\s*)(#{1,3} |-# |\d+\. )", re.MULTILINE)


def discord_escape(text: str | None) -> str:
    """Feed text as plain text in Discord: no markdown, no masked links, no mentions, no pings.

    escape_markdown covers ** _ ~ | ` > [ ] and lists; escape_mentions covers @everyone/@here and
    well-formed user/role ids. On top: every `<@`, `<#`, `<:`, `<t:` (any id length) and
    line-initial headings, which escape_markdown leaves alone.
    """
    text = clean(text)
    text = discord.utils.escape_markdown(text, ignore_links=False)
    # Both brackets escaped (after an even run of backslashes), so no masked link can form.
    text = re.sub(r"(?<!\\)((?:\\\\)*)\]", r"\1\\]", text)
    text = _DISCORD_ANGLE.sub(r"\\<", text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), text)
    text = discord.utils.escape_mentions(text)
    return re.sub(r"@(everyone|here)", "@\u200b\\1", text)


def join_within(lines: Iterable[str], limit: int, more: str = "… and {n} more") -> str:
    """Join lines with newlines, stopping before `limit`; say how many were left out."""
    lines = list(lines)
    out: list[str] = []
    used = 0
    for i, line in enumerate(lines):
        rest = len(lines) - i - 1
        tail = len(more.format(n=rest + 1)) + 1
        cost = len(line) + (1 if out else 0)
        if used + cost + (tail if rest else 0) > limit:
            out.append(more.format(n=len(lines) - i))
            break
        out.append(line)
        used += cost
    return cut("\n".join(out), limit)
