"""`newsbot` command line (also `python -m bot`). Each subcommand lives in bot/commands/."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

import typer

from bot.commands import claims, db, demo, discord, doctor, extract, feeds, init, match, poll, run, slack, stories, topics
from bot.log_setup import set_verbose

app = typer.Typer(
    name="newsbot",
    help="Watch RSS/Atom feeds for topics, pull out who claims which figures, and alert Discord/Slack.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

COMMANDS = (init, demo, run, poll, extract, match, stories, claims, feeds, topics, db, discord, slack, doctor)


def _show_version(value: bool) -> None:
    if value:
        try:
            typer.echo(f"newsbot {version('newsbot')}")
        except PackageNotFoundError:        # run from a checkout that was never installed
            typer.echo("newsbot (not installed: run `pip install -e .`)")
        raise typer.Exit()


@app.callback()
def _root(
    verbose: bool = typer.Option(False, "--verbose", "-v",
                                 help="Log everything, at DEBUG level (every library)."),
    version: bool = typer.Option(False, "--version", callback=_show_version, is_eager=True,
                                 help="Print the version and exit."),
) -> None:
    set_verbose(verbose)


for _command in COMMANDS:
    _command.register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
