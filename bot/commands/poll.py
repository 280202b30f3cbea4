"""`newsbot poll --once`: one refresh of all due feeds, deliveries sent, then exit."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.text import Text

from bot.commands.common import (ConfigOption, err_console, fail, fresh_database, run_async, say_new_database,
                                 settings_or_exit)
from bot.delivery import outbox
from bot.delivery.senders import chat_senders
from bot.pipeline import refresh_due
from bot.runtime import open_runtime
from bot.settings import find_config


async def _poll_once(settings, console: Console, all_feeds: bool, config_path=None) -> int:
    fresh = fresh_database(settings)
    async with open_runtime(settings, console=console) as rt, chat_senders(settings, rt.router):
        say_new_database(fresh)
        with console.status("Polling due feeds…"):
            stats = await refresh_due(rt, only_due=not all_feeds)
            await rt.settle()   # full-text fetches handed off by the cycle
        console.print(stats.summary(), highlight=False)
        for m in stats.messages:
            console.print(Text("  ! ", style="yellow") + Text(m), highlight=False)
        sent = await outbox.drain(rt.store, rt.router, rt.clock(), limit=10_000, lease_s=settings.run.lease,
                                  leases=rt.leases)
        if sent:
            console.print(f"{sent} deliveries sent")
        if not settings.feeds and not stats.feeds:
            console.print(f"No feeds to poll: add [[feeds]] tables to {config_path or 'the config file'}.",
                          highlight=False, markup=False)
    if stats.feeds and stats.errors >= stats.feeds:
        err_console.print(f"error: every feed failed ({stats.errors} of {stats.feeds})", highlight=False)
        return 1
    return 0


def register(app: typer.Typer) -> None:
    @app.command()
    def poll(
        once: bool = typer.Option(False, "--once", help="Refresh all due feeds once, then exit."),
        all_feeds: bool = typer.Option(False, "--all", help="Poll every feed, due or not."),
        config: str = ConfigOption,
    ) -> None:
        """Refresh due feeds once: fetch, match, extract, alert. For cron jobs and debugging."""
        if not once:
            raise fail("use `newsbot poll --once` (for continuous polling run `newsbot run`)", 2)
        settings = settings_or_exit(config)
        raise typer.Exit(run_async(_poll_once(settings, Console(), all_feeds, find_config(config))))
