"""Slash-command text -> arguments, pure. Slack gives one free-text string; this gives it shape.

Grammar (documented in the README, "Run it on Slack"): words and "quoted phrases"; `key:value` options
(`since:7d`, `what:"special forces"`, `limit:5`, `topic:nk-troops`); a channel as Slack sends it
when the command escapes channels (`<#C0123|general>`) or a raw id (`C0123ABCD`).
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field

_OPTION = re.compile(r"^([a-z_]+):(.*)$", re.DOTALL)
_CHANNEL = re.compile(r"^<#([CGD][A-Z0-9]{1,30})(?:\|[^>]*)?>$")
_CHANNEL_ID = re.compile(r"^[CGD][A-Z0-9]{6,30}$")
_DURATION = re.compile(r"^\d+\s*[smhdw]$", re.IGNORECASE)


class UsageError(ValueError):
    """Readable reason a command's text could not be understood; shown to the user as is."""


@dataclass
class Args:
    words: list[str] = field(default_factory=list)
    options: dict[str, str] = field(default_factory=dict)


def split(text: str, known: tuple[str, ...] = ()) -> Args:
    """Words and `key:value` options (only keys in `known` are options; others stay words, e.g. URLs)."""
    try:
        tokens = shlex.split(text or "")
    except ValueError as e:
        raise UsageError(f"cannot read the command: {e} (check the quotes)") from None
    args = Args()
    for tok in tokens:
        m = _OPTION.match(tok)
        if m and m.group(1) in known:
            args.options[m.group(1)] = m.group(2)
        else:
            args.words.append(tok)
    return args


def head_and_rest(text: str) -> tuple[str, str]:
    """`"add nk  \"north korea*\" AND troops"` -> ("add", "nk  \"north korea*\" AND troops")."""
    parts = (text or "").strip().split(None, 1)
    if not parts:
        return "", ""
    return parts[0].lower(), (parts[1] if len(parts) > 1 else "")


def unescape(text: str) -> str:
    """Slack sends a typed `&`, `<`, `>` as entities; give the user's characters back."""
    return (text or "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def channel_id(word: str) -> str:
    """`<#C0123|general>` or `C0123ABCD` -> `C0123ABCD`."""
    m = _CHANNEL.match(word)
    if m:
        return m.group(1)
    if _CHANNEL_ID.match(word):
        return word
    raise UsageError(f"{word!r} is not a channel: pick it from Slack's #-autocomplete "
                     "(the command must have \"Escape channels\" on) or give its id")


def is_duration(word: str) -> bool:
    return bool(_DURATION.match(word))
