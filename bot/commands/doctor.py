"""`newsbot doctor`: check config, tokens, chat permissions, feeds and database; exit 1 when wrong."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from bot.commands.common import ConfigOption, run_async
from bot.ops.doctor.checks import Check
from bot.ops.doctor.run import run_checks
from bot.settings import ConfigError, find_config, load_settings


def _table(rows: list[Check]) -> Table:
    table = Table(title="newsbot doctor", show_lines=False, expand=False)
    for column in ("", "area", "checked", "result", "how to fix it"):
        table.add_column(column, overflow="fold")
    for r in rows:
        table.add_row("[green]ok[/]" if r.ok else "[bold red]FAIL[/]", r.area, r.subject, r.detail, r.fix)
    return table


def register(app: typer.Typer) -> None:
    @app.command()
    def doctor(config: str = ConfigOption) -> None:
        """Check the config, each token (a harmless authenticated call), the bot's permissions in every
        configured Discord channel, its membership of every Slack channel, each feed (fetched and
        parsed), and the database. Prints a table with a fix for each problem; exits 1 if any."""
        console = Console()
        path = find_config(config)
        if path is None:
            rows = [Check.bad("config", "newsbot.toml", "no config file found (looked for --config, "
                              "$NEWSBOT_CONFIG, ./newsbot.toml)",
                              "copy config/newsbot.example.toml to newsbot.toml, or pass --config PATH")]
        else:
            try:
                settings = load_settings(path)
            except ConfigError as e:
                rows = [Check.bad("config", str(path), str(e), "correct the key named above "
                                  "(every key is documented in config/newsbot.example.toml)")]
            else:
                n_feeds, n_topics = len(settings.feeds), len(settings.topics)
                rows = [Check.good("config", str(path), f"valid: {n_feeds} feed{'s' * (n_feeds != 1)}, "
                                   f"{n_topics} topic{'s' * (n_topics != 1)}")]
                rows += run_async(run_checks(settings))
        console.print(_table(rows))
        failed = sum(not r.ok for r in rows)
        console.print(f"{failed} problem{'s' if failed != 1 else ''} found." if failed else "Everything checked is fine.",
                      highlight=False)
        raise typer.Exit(1 if failed else 0)
