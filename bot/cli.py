"""`newsbot` command line (also `python -m bot`). Each subcommand lives in bot/commands/."""

from __future__ import annotations

import importlib
import logging

import typer

app = typer.Typer(
    name="newsbot",
    help="Watch RSS/Atom feeds for topics, pull out who claims which figures, and alert Discord/Slack.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

COMMANDS = ("demo", "run", "poll", "extract", "match", "stories", "claims", "feeds", "topics", "db", "discord",
            "slack", "doctor")


@app.callback()
def _root(verbose: bool = typer.Option(False, "--verbose", "-v", help="Log at DEBUG level.")) -> None:
    from bot.redact import install_logging

    install_logging(logging.DEBUG if verbose else logging.WARNING)


for _name in COMMANDS:
    try:
        _module = importlib.import_module(f"bot.commands.{_name}")
    except ModuleNotFoundError as _e:   # a front end not built yet must not take the CLI down
        if _e.name and _e.name.startswith("bot.commands"):
            continue
        raise
    _module.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
