"""`newsbot init`: write a commented starter config, so the first `poll`/`run` has something to read."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import typer
from rich.console import Console

from bot.commands.common import fail
from bot.settings import DEFAULT_CONFIG_NAMES


def starter_text() -> str:
    return resources.files("bot").joinpath("data/starter.toml").read_text(encoding="utf-8")


def register(app: typer.Typer) -> None:
    @app.command()
    def init(
        path: Path = typer.Argument(Path(DEFAULT_CONFIG_NAMES[0]), metavar="PATH",
                                    help="Where to write the config file."),
        force: bool = typer.Option(False, "--force", help="Overwrite an existing file."),
    ) -> None:
        """Write a commented starter config (a console topic, no feeds yet) to PATH, ./newsbot.toml by default.

        Add your feeds and topics to it, then run `newsbot poll --once` to check them.
        """
        if path.is_dir():
            raise fail(f"{path} is a directory; give a file name, e.g. {path / DEFAULT_CONFIG_NAMES[0]}")
        if path.exists() and not force:
            raise fail(f"{path} already exists; edit it, or pass --force to replace it with the starter")
        if not path.parent.is_dir():
            raise fail(f"{path.parent} does not exist; create the folder first")
        path.write_text(starter_text(), encoding="utf-8")
        here = path.resolve()
        flag = "" if path == Path(DEFAULT_CONFIG_NAMES[0]) else f" --config {path}"
        Console().print(f"Wrote {here}.\nNext: add [[feeds]] and [[topics]] to it, then "
                        f"`newsbot poll{flag} --once` to check them, and `newsbot run{flag}` for the service.",
                        highlight=False, markup=False)
