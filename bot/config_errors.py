"""Turning what pydantic says about a bad config into lines a user can act on.

Each line says where the value came from (the file, or which NEWSBOT_* environment variable), names
a feed by its URL and a topic by its name rather than only by position, and offers the closest known
key for a misspelt one ("did you mean `interval`?").
"""

from __future__ import annotations

import difflib
import os
import re
import typing
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from bot.redact import redact

ENV_PREFIX = "NEWSBOT_"
NOT_SETTINGS = {"config"}          # NEWSBOT_CONFIG names the file; it is not a setting itself


def env_settings() -> dict[tuple[str, ...], str]:
    """The settings the environment provides: key path (lower case) -> variable name."""
    out: dict[tuple[str, ...], str] = {}
    for name in os.environ:
        if not name.upper().startswith(ENV_PREFIX):
            continue
        path = tuple(name[len(ENV_PREFIX):].lower().split("__"))
        if path and path[0] and path[0] not in NOT_SETTINGS:
            out[path] = name
    return out


def misspelt_env_names(model: type[BaseModel], env: Mapping[tuple[str, ...], str]) -> list[str]:
    """NEWSBOT_DATABSE__URL is silently ignored by pydantic-settings; say so when a section is close.

    Only names with a `__` whose first part resembles a section count: users name their own
    variables NEWSBOT_SOMETHING for `url_env`/`secret_env`, and those must stay allowed.
    """
    sections = list(model.model_fields)
    lines = []
    for path, name in sorted(env.items(), key=lambda p: p[1]):
        if len(path) < 2 or path[0] in sections:
            continue
        guess = difflib.get_close_matches(path[0], sections, n=1, cutoff=0.75)
        if guess:
            fixed = ENV_PREFIX + "__".join((guess[0], *path[1:])).upper()
            lines.append(f"environment variable {name}: no section {path[0]!r}; did you mean {fixed}?")
    return lines


def explain_env_parse_error(message: str, env: Mapping[tuple[str, ...], str]) -> str:
    """pydantic-settings' SettingsError for a value that is not JSON where JSON is needed."""
    m = re.search(r'field "([^"]+)"', message)
    field = m.group(1) if m else ""
    name = env.get((field,), f"{ENV_PREFIX}{field.upper()}")
    return (f"environment variable {name}: not valid JSON (a section or list set from the environment "
            f"must be JSON, e.g. {name}='[{{\"url\": \"https://…\"}}]')")


def explain_validation(e: ValidationError, data: Mapping[str, Any], cfg: Path | None,
                       model: type[BaseModel], env: Mapping[tuple[str, ...], str]) -> str:
    """All problems of one validation, one line each, each saying where it came from."""
    lines = []
    for err in e.errors():
        loc = tuple(p for p in err["loc"] if not _internal(p))
        var = _env_source(loc, env)
        where = f"environment variable {var}" if var else (str(cfg) if cfg else "config")
        lines.append(redact(f"{where}: {_place(loc, data) or '(top level)'}: {_message(err, loc, model)}"))
    return lines[0] if len(lines) == 1 else f"{len(lines)} problems:\n  " + "\n  ".join(lines)


def _internal(part: Any) -> bool:
    return isinstance(part, str) and (part.startswith(("function-", "constrained")))


def _env_source(loc: tuple[Any, ...], env: Mapping[tuple[str, ...], str]) -> str | None:
    """The variable that set this value (or the section or list holding it), if any did."""
    keys = tuple(str(p).lower() for p in loc if not isinstance(p, int))
    for n in range(len(keys), 0, -1):
        if keys[:n] in env:
            return env[keys[:n]]
    return None


def _place(loc: tuple[Any, ...], data: Mapping[str, Any]) -> str:
    """`feeds[31] (https://…/world.xml).intervall`: a list item is named by its URL or name."""
    out, node = "", data
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
            item = node[part] if isinstance(node, list) and part < len(node) else None
            label = _label(item)
            out += f" ({label})" if label else ""
            node = item
        else:
            out += ("." if out else "") + str(part)
            node = node.get(part) if isinstance(node, Mapping) else None
    return out


def _label(item: Any) -> str | None:
    if not isinstance(item, Mapping):
        return None
    if isinstance(item.get("url"), str) and item.get("url"):
        return item["url"]
    if isinstance(item.get("name"), str) and item.get("name"):
        return repr(item["name"])
    return None


def _message(err: dict[str, Any], loc: tuple[Any, ...], model: type[BaseModel]) -> str:
    msg = err.get("msg", "invalid")
    for prefix in ("Value error, ", "Assertion failed, "):
        if msg.startswith(prefix):
            msg = msg[len(prefix):]
    if err.get("type") == "missing":
        return "required"
    if err.get("type") == "extra_forbidden" and loc:
        known = _keys_at(model, loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]).lower(), known, n=1, cutoff=0.6) if known else []
        if guess:
            return f"unknown key; did you mean `{guess[0]}`?"
        return "unknown key (every key is listed in config/newsbot.example.toml)"
    return msg


def _keys_at(model: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """The field names allowed at `loc` (walking nested sections and list items)."""
    current: Any = model
    for part in loc:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)) or part not in current.model_fields:
            return []
        current = _inner(current.model_fields[part].annotation)
    return list(current.model_fields) if isinstance(current, type) and issubclass(current, BaseModel) else []


def _inner(annotation: Any) -> Any:
    """list[FeedSettings] -> FeedSettings; Optional[X] -> X; a model stays itself."""
    for arg in typing.get_args(annotation) or ():
        if isinstance(arg, type) and issubclass(arg, BaseModel):
            return arg
    return annotation
