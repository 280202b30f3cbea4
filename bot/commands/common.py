"""Helpers every subcommand shares: config loading and turning known errors into one clear line."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from bot import runtime
from bot.app.context import Context
from bot.app.errors import BadQuery, Refused
from bot.database_check import DatabaseProblem, sqlite_file
from bot.redact import redact
from bot.settings import ConfigError, Settings, find_config, load_settings

T = TypeVar("T")
err_console = Console(stderr=True)

ConfigOption = typer.Option(None, "--config", "-c", metavar="PATH", help="Config file (TOML). Default: $NEWSBOT_CONFIG or ./newsbot.toml.")


def fail(message: str, code: int = 1) -> typer.Exit:
    # soft_wrap: the terminal wraps a long error, Rich does not cut it into lines at column 80
    err_console.print("[bold red]error:[/] " + escape(message), highlight=False, markup=True, soft_wrap=True)
    return typer.Exit(code)


def settings_or_exit(path: str | None, *, need_file: bool = True) -> Settings:
    """The settings, or one clear error and exit 1. Commands that poll or store need a config file."""
    try:
        return load_settings(path, require_file=need_file)
    except ConfigError as e:
        raise fail(f"bad config: {e}" if find_config(path) else str(e)) from None


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Known failure types become one readable line and exit code 1, never a traceback."""
    try:
        yield
    except BadQuery as e:
        caret = f"\n  {e.query}\n  {' ' * (max(1, e.column) - 1)}^" if e.query and "\n" not in e.query else ""
        raise fail(e.message.plain() + caret) from None
    except Refused as e:
        raise fail(e.message.plain()) from None
    except ConfigError as e:
        raise fail(f"bad config: {e}") from None
    except DatabaseProblem as e:
        raise fail(redact(str(e))) from None
    except (OSError, ValueError) as e:
        raise fail(redact(str(e)) or type(e).__name__) from None


def fresh_database(settings: Settings) -> Path | None:
    """The SQLite file about to be created, if any: said once, so a wrong path shows at once."""
    file = sqlite_file(settings.database.url)
    return file.absolute() if file is not None and not file.exists() else None


def say_new_database(file: Path | None) -> None:
    if file is not None:
        err_console.print(f"new database: {file}", style="dim", highlight=False, markup=False, soft_wrap=True)


@contextlib.asynccontextmanager
async def open_store(settings: Settings) -> AsyncIterator[Any]:
    """The store for a CLI command (migrated, config synced), saying so when it is a new file."""
    fresh = fresh_database(settings)
    async with runtime.open_store(settings) as store:
        say_new_database(fresh)
        yield store


def run_async(coro: Coroutine[Any, Any, T]) -> T:
    with user_errors():
        return asyncio.run(coro)


@contextlib.asynccontextmanager
async def app_context(settings: Settings) -> AsyncIterator[Context]:
    """The store (migrated, config synced) wrapped for the use cases, as the chat front ends have it."""
    async with open_store(settings) as store:
        yield Context(store=store, settings=settings)
