"""Every kind of destination a topic can route to, in one table: how its string is spelled (checked by
the settings) and how its sender is built (by the router).

`discord:<channel id>`, `slack:<channel id>`, `webhook:<name>`, `apprise:<url>`, `console`. The
Discord, Slack and Apprise senders are imported only when a destination of their kind is first used,
so a process that never posts to Slack never loads the Slack SDK.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from bot.delivery.base import Destination
from bot.platforms.console import ConsoleDestination
from bot.platforms.webhook import webhook_destination

log = logging.getLogger(__name__)


class Senders(Protocol):
    """What a builder may use: the router's clients and settings (see bot/delivery/router.py)."""

    settings: Any
    console: Any
    discord_client: Any
    slack_client: Any

    def keep_for_closing(self, sender: Any) -> None: ...


@dataclass(frozen=True)
class DestinationKind:
    name: str
    rest: re.Pattern[str] | None        # what follows "name:"; None: the bare name, nothing after it
    spelling: str                       # how users write it, for error messages
    build: Callable[[str, Senders], Destination | None]


def _console(_rest: str, senders: Senders) -> Destination:
    return ConsoleDestination(senders.console)


def _discord(rest: str, senders: Senders) -> Destination | None:
    if senders.discord_client is None:      # Discord is not running in this process
        return None
    from bot.platforms.discord.sender import DiscordDestination

    return DiscordDestination(senders.discord_client, int(rest))   # the role comes with each alert's topic


def _slack(rest: str, senders: Senders) -> Destination | None:
    if senders.slack_client is None:
        return None
    from bot.platforms.slack.sender import SlackDestination

    return SlackDestination(senders.slack_client, rest)


def _webhook(rest: str, senders: Senders) -> Destination | None:
    hook = next((w for w in senders.settings.webhooks if w.name == rest), None)
    if hook is None:
        log.error("no [[webhooks]] entry named %r", rest)
        return None
    sender = webhook_destination(hook)
    senders.keep_for_closing(sender)
    return sender


def _apprise(rest: str, _senders: Senders) -> Destination:
    from bot.platforms.apprise import AppriseDestination

    return AppriseDestination(rest)


KINDS: dict[str, DestinationKind] = {k.name: k for k in (
    DestinationKind("discord", re.compile(r"\d{5,25}"), "discord:<channel id>", _discord),
    DestinationKind("slack", re.compile(r"[A-Za-z0-9]+"), "slack:<channel id>", _slack),
    DestinationKind("webhook", re.compile(r"[\w.-]+"), "webhook:<name>", _webhook),
    DestinationKind("apprise", re.compile(r"\S+"), "apprise:<apprise url>", _apprise),
    DestinationKind("console", None, "console", _console),
)}


def parse(destination: str) -> tuple[DestinationKind, str] | None:
    """(kind, the part after the colon) for a well-formed destination string, else None."""
    name, colon, rest = destination.partition(":")
    kind = KINDS.get(name)
    if kind is None:
        return None
    if kind.rest is None:
        return (kind, "") if not colon else None
    return (kind, rest) if colon and kind.rest.fullmatch(rest) else None


def spellings() -> str:
    """"discord:<channel id>, slack:<channel id>, ... or console", for error messages."""
    names = [k.spelling for k in KINDS.values()]
    return ", ".join(names[:-1]) + " or " + names[-1]
