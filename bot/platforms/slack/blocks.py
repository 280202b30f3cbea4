"""Alert -> Slack Block Kit, pure: feed text is escaped and cut so it can never ping or spoof a link.

Every piece of feed text goes into `plain_text` objects (no bold/code/link parsing) *and* has `&`, `<`,
`>` escaped, so `<!channel>` or `<https://evil|bank>` in a title shows as the literal characters.
Limits are Slack's: header 150, section text 3000, field 2000, 10 fields a section, 50 blocks.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from bot.models import Alert, Figure
from bot.figure_text import figure_line, source_of, what_of

HEADER_MAX = 150
SECTION_MAX = 3000
FIELD_MAX = 2000
FIELDS_PER_SECTION = 10
BLOCKS_MAX = 50
CONTEXT_MAX = 2000          # a context element's text (Slack allows 3000; context lines stay short)
BUTTON_URL_MAX = 3000
FIGURE_SECTIONS_MAX = 4     # 40 figures; the rest is summarised as "and N more"
_ESC = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def escape(text: str) -> str:
    """Escape Slack's three control characters (Slack decodes exactly these for display)."""
    return "".join(_ESC.get(c, c) for c in text)


def clip(text: str, limit: int) -> str:
    """Escape `text`, then cut it by characters so the *escaped* form fits `limit` (never mid-entity)."""
    out: list[str] = []
    size = 0
    ellipsis = "…"
    for c in text:
        piece = _ESC.get(c, c)
        if size + len(piece) > limit - len(ellipsis):
            rest = "".join(_ESC.get(ch, ch) for ch in text[len(out):])
            if size + len(rest) <= limit:
                out.append(rest)
                return "".join(out)
            return "".join(out) + ellipsis
        out.append(piece)
        size += len(piece)
    return "".join(out)


def plain(text: str, limit: int) -> dict[str, Any]:
    out = clip(text, limit)
    return {"type": "plain_text", "text": out if out.strip() else "–", "emoji": False}


def figure_field(f: Figure) -> str:
    """A figure as an alert field: what it counts on one line, who claims it on the next."""
    return f"{what_of(f)}\n— {source_of(f)}"


def when(alert: Alert) -> str | None:
    t = alert.entry.published or alert.created_at
    return t.strftime("%Y-%m-%d %H:%M UTC") if t else None


def why_text(why: dict[str, list[str]]) -> str:
    parts = [f"{where}: {', '.join(terms)}" for where, terms in why.items() if terms]
    return "Matched " + "; ".join(parts) if parts else ""


def safe_link(link: str | None) -> str | None:
    """Only http(s) links, within Slack's button URL limit; anything else is left out."""
    if not link or len(link) > BUTTON_URL_MAX or any(c in link for c in "<>|\"' \t\r\n"):
        return None
    try:
        scheme = urlsplit(link).scheme.lower()
    except ValueError:
        return None
    return link if scheme in ("http", "https") else None


def fallback_text(alert: Alert) -> str:
    """The plain `text` shown in notifications and by clients that cannot draw blocks."""
    head = f"[{alert.topic.name}] {alert.feed_name}: {alert.entry.title}"
    figs = "; ".join(figure_line(f) for f in alert.figures[:10])
    return clip(head + (f" — {figs}" if figs else ""), SECTION_MAX)


def alert_blocks(alert: Alert) -> list[dict[str, Any]]:
    e = alert.entry
    blocks: list[dict[str, Any]] = [{"type": "header", "text": plain(e.title or "(untitled)", HEADER_MAX)}]
    ctx = " · ".join(x for x in (alert.feed_name, when(alert), f"topic: {alert.topic.name}") if x)
    blocks.append({"type": "context", "elements": [plain(ctx, CONTEXT_MAX)]})
    summary = alert.summary or e.text
    if summary.strip():
        blocks.append({"type": "section", "text": plain(summary, SECTION_MAX)})
    figs = list(alert.figures)
    shown = figs[: FIELDS_PER_SECTION * FIGURE_SECTIONS_MAX]
    for i in range(0, len(shown), FIELDS_PER_SECTION):
        chunk = shown[i:i + FIELDS_PER_SECTION]
        blocks.append({"type": "section", "fields": [plain(figure_field(f), FIELD_MAX) for f in chunk]})
    notes = []
    if len(figs) > len(shown):
        notes.append(f"and {len(figs) - len(shown)} more figures")
    if w := why_text(alert.why):
        notes.append(w)
    if notes:
        blocks.append({"type": "context", "elements": [plain(n, CONTEXT_MAX) for n in notes]})
    if link := safe_link(e.link):
        blocks.append({"type": "actions", "elements": [{
            "type": "button", "text": plain("Read the article", 75), "url": link,
            "action_id": "newsbot_open_link"}]})
    return blocks[:BLOCKS_MAX]
