"""`newsbot feeds list|add|remove`: manage feeds in the store from the terminal."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.text import Text

from bot.app import feeds as feed_cases
from bot.app.caller import OPERATOR
from bot.commands.common import ConfigOption, app_context, fail, run_async, settings_or_exit
from bot.models import MAX_BACKFILL
from bot.redact import redact
from bot.settings import parse_duration


def _when(dt) -> str:
    return dt.strftime("%m-%d %H:%M") if dt else "never"


def _every(seconds: int) -> str:
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


def feed_lines(feeds) -> Text:
    """Name and state on one line, the URL whole on the next, the last error under it: readable and
    copyable at 80 columns, where a seven-column table cut every cell to a few letters."""
    out = Text()
    for f in feeds:
        state, style = ("disabled", "dim") if not f.enabled else \
            (f"{f.error_count} error{'s' * (f.error_count != 1)}", "red") if f.error_count else \
            ("not polled yet", "dim") if f.last_fetched_at is None else ("ok", "green")
        out.append(f.name, style="bold")
        out.append(f"  every {_every(f.interval_s)} · last fetch {_when(f.last_fetched_at)} · "
                   f"next {_when(f.next_check_at)} · ")
        out.append(state + "\n", style=style)
        out.append(f"  {redact(f.url)}\n", style="dim")
        if f.moved_from:
            out.append(f"  moved from {redact(f.moved_from)} on {_when(f.moved_at)} (a permanent redirect)\n",
                       style="dim")
        if f.last_error and f.error_count:
            out.append(f"  {f.last_error}\n", style="red")
    out.append(f"{len(feeds)} feed{'s' * (len(feeds) != 1)}; times are UTC.", style="dim")
    return out


def register(app: typer.Typer) -> None:
    feeds_app = typer.Typer(help="List, add and remove feeds (config-file feeds are synced at start).",
                            no_args_is_help=True)
    app.add_typer(feeds_app, name="feeds")

    @feeds_app.command("list")
    def list_(config: str = ConfigOption) -> None:
        """Every feed with its polling state: last fetch, next check, errors."""
        settings = settings_or_exit(config)

        async def go():
            async with app_context(settings) as ctx:
                return await feed_cases.visible_feeds(ctx, OPERATOR)

        feeds = run_async(go())
        Console().print(feed_lines(feeds) if feeds else
                        "No feeds yet. Add [[feeds]] to the config file, or one with `newsbot feeds add URL`.",
                        highlight=False)

    @feeds_app.command("add")
    def add(
        url: str = typer.Argument(..., help="http(s) URL of an RSS/Atom/JSON feed."),
        name: str = typer.Option("", help="Outlet name shown in alerts (default: the host)."),
        interval: str = typer.Option("5m", help="Polling interval: seconds or 30s/5m/1h."),
        backfill: int = typer.Option(0, min=0, max=MAX_BACKFILL, metavar="N",
                                     help=f"Newest items allowed to alert on the first poll (0 to {MAX_BACKFILL})."),
        fulltext: bool = typer.Option(False, help="Fetch the linked page when the feed gives only a teaser."),
        config: str = ConfigOption,
    ) -> None:
        """Add a feed. It is polled by the next `run`/`poll`; its existing items do not alert."""
        try:
            seconds = int(parse_duration(interval))
        except ValueError as e:
            raise fail(f"--interval: {e}") from None
        settings = settings_or_exit(config)

        async def go():
            async with app_context(settings) as ctx:
                return await feed_cases.add_feed(ctx, OPERATOR, url, name or None, interval_s=seconds,
                                            backfill=backfill, fulltext=fulltext)

        typer.echo(run_async(go()).plain())

    @feeds_app.command("remove")
    def remove(url: str = typer.Argument(..., help="The feed's URL as listed."), config: str = ConfigOption) -> None:
        """Remove a feed and stop polling it, with its stored entries and alerts."""
        settings = settings_or_exit(config)

        async def go():
            async with app_context(settings) as ctx:
                return await feed_cases.remove_feed(ctx, OPERATOR, url)

        typer.echo(run_async(go()).plain())
