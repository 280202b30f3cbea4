"""`newsbot extract [--json] [FILE|-]`: the figures in a plain-text article, who claims them."""

from __future__ import annotations

import json
import sys

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.commands.common import fail
from bot.figure_text import NO_SOURCE, value_of


def register(app: typer.Typer) -> None:
    @app.command()
    def extract(
        file: str = typer.Argument("-", help="Plain-text article; - (default) reads stdin."),
        as_json: bool = typer.Option(False, "--json", help="One JSON object per figure, per line."),
    ) -> None:
        """Print every figure in the article: value, unit, what it counts, who claims it, bound.

        A text that is not in English gets no figures; the reason goes to stderr (with --json, so
        that stdout stays JSON lines) or under the table."""
        text = _read(file)
        from bot.analysis.figures.extract import extract_texts

        [found] = extract_texts([text])
        if as_json:
            for f in found.figures:
                print(json.dumps(f.to_json(), ensure_ascii=False), flush=True)
            if found.skipped:
                print(f"newsbot extract: {found.skipped}", file=sys.stderr)
            return
        _print_table(found.figures, file, found.skipped)


def _read(file: str) -> str:
    try:
        if file == "-":
            return sys.stdin.read()
        with open(file, encoding="utf-8", errors="replace") as fh:
            return fh.read()
    except IsADirectoryError:
        raise fail(f"cannot read {file}: is a directory") from None
    except OSError as e:
        raise fail(f"cannot read {file}: {e.strerror or e}") from None


def _print_table(figures: list, name: str, skipped: str | None) -> None:
    console = Console()
    if not figures:
        reason = f": {skipped}" if skipped else ""
        console.print(f"no figures in {'stdin' if name == '-' else name}{reason}")
        return
    table = Table(title=f"{len(figures)} figures", show_lines=False)
    table.add_column("value", justify="right", no_wrap=True)
    table.add_column("what")
    table.add_column("source")
    table.add_column("at", justify="right", style="dim", no_wrap=True)
    for f in figures:
        source = Text(f.source) if f.source else Text(NO_SOURCE, style="dim")
        table.add_row(Text(value_of(f)), Text(f.what or ""), source, f"{f.start}-{f.end}")
    console.print(table)
