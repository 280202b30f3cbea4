"""Helpers every subcommand shares: config loading and turning known errors into one clear line."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Coroutine, Iterator
from typing import Any, TypeVar

import typer
from rich.console import Console

from bot.runtime import open_store  # noqa: F401  (re-exported for the subcommands)
from bot.settings import ConfigError, Settings, load_settings

T = TypeVar("T")
err_console = Console(stderr=True)

ConfigOption = typer.Option(None, "--config", "-c", help="Config file (TOML). Default: $NEWSBOT_CONFIG or ./newsbot.toml.")


def fail(message: str, code: int = 1) -> typer.Exit:
    err_console.print(f"[bold red]error:[/] {message}", highlight=False, markup=True)
    return typer.Exit(code)


def settings_or_exit(path: str | None) -> Settings:
    try:
        return load_settings(path)
    except ConfigError as e:
        raise fail(f"bad config: {e}") from None


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Known failure types become one readable line and exit code 1, never a traceback."""
    from bot.redact import redact

    try:
        yield
    except ConfigError as e:
        raise fail(f"bad config: {e}") from None
    except (OSError, ValueError) as e:
        raise fail(redact(str(e)) or type(e).__name__) from None


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    with user_errors():
        return asyncio.run(coro)
