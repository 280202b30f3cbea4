"""`apprise:<url>` destinations: Telegram, Teams, Matrix, Mattermost, email, ntfy... through Apprise.

The alert is rendered as Markdown when the Apprise plugin for the URL says it takes Markdown, and as
plain text otherwise (Apprise itself converts plain text to HTML, escaped, for HTML targets). Feed
text is neutralised for both: Markdown control characters are backslash-escaped so a feed cannot
forge links or formatting, and `@` is followed by a zero-width space so `@channel`/`@all`/`@here`
cannot ping anyone. The URL holds credentials: errors name only its scheme.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, unquote, urlsplit

import apprise

from bot.delivery.base import DeliveryError
from bot.figure_text import figure_line
from bot.platforms.slack.blocks import safe_link, when
from bot.models import Alert
from bot.redact import register_secret

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~<>])")
ZWSP = "\u200b"


def defang(text: str) -> str:
    """No mentions: `@everyone` -> `@\u200beveryone` (shown the same, pings nobody)."""
    return text.replace("@", "@" + ZWSP)


def md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", defang(text))


def render(alert: Alert, markdown: bool) -> tuple[str, str]:
    """(title, body) for Apprise; title and all feed text escaped for the chosen format."""
    esc = md_escape if markdown else defang
    e = alert.entry
    title = defang(f"[{alert.topic.name}] {e.title}")[:250]
    lines = [esc(" · ".join(x for x in (alert.feed_name, when(alert)) if x)), ""]
    if alert.summary or e.text:
        lines += [esc(alert.summary or e.text), ""]
    for f in alert.figures:
        lines.append(("- " if markdown else "• ") + esc(figure_line(f)))
    link = safe_link(e.link)
    if link:
        lines += ["", f"<{link}>" if markdown else link]
    return title, "\n".join(lines).strip()


def _register_url_secrets(url: str) -> None:
    """An Apprise URL is a credential, and plugins log pieces of it (tokens in paths, passwords):
    register the URL and each long component with the log redactor."""
    register_secret(url)
    try:
        parts = urlsplit(url)
    except ValueError:
        return
    pieces = [*re.split(r"[:@]", parts.netloc), *parts.path.split("/"),
              *(v for _, v in parse_qsl(parts.query))]
    for piece in pieces:
        if piece and len(piece) >= 8 and "." not in piece:   # host names and IPs are not secrets
            register_secret(piece)
            register_secret(unquote(piece))


class AppriseDestination:
    """One Apprise URL; `send` runs Apprise's async notify and fails loudly when it reports failure."""

    def __init__(self, url: str):
        self._url = url
        _register_url_secrets(url)
        self.scheme = url.split("://", 1)[0].lower() if "://" in url else "apprise"
        self._apprise = apprise.Apprise()
        plugin = apprise.Apprise.instantiate(url)
        self.problem: str | None = None
        if plugin is None:   # refused at send time, as a pause with this reason (not a crash of the outbox)
            self.problem = f"apprise {self.scheme}: the URL is not valid or the service is not supported"
            self.markdown, self.body_max = False, 32768
            return
        self.markdown = plugin.notify_format == apprise.NotifyFormat.MARKDOWN
        self.body_max = int(getattr(plugin, "body_maxlen", 0) or 32768)
        self._apprise.add(plugin)

    def __repr__(self) -> str:
        return f"AppriseDestination(scheme={self.scheme!r})"

    async def send(self, alert: Alert, nonce: str) -> str | None:
        if self.problem:
            raise DeliveryError(self.problem, kind="pause")
        title, body = render(alert, self.markdown)
        if len(body) > self.body_max:
            body = body[: self.body_max - 1] + "…"
        fmt = apprise.NotifyFormat.MARKDOWN if self.markdown else apprise.NotifyFormat.TEXT
        try:
            ok = await self._apprise.async_notify(body=body, title=title, body_format=fmt)
        except Exception as err:   # Apprise plugins raise anything; the outbox needs a value
            raise DeliveryError(f"apprise {self.scheme}: {type(err).__name__}", kind="retry") from None
        if not ok:
            raise DeliveryError(f"apprise {self.scheme}: the service refused or could not be reached",
                                kind="retry")
        return None
