"""`newsbot demo`: the whole pipeline on bundled feeds, no tokens, nothing beyond loopback."""

from __future__ import annotations

import asyncio
import re
import tempfile
import time
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.rule import Rule

from bot.app.caller import OPERATOR
from bot.app.claims import claims
from bot.app.context import Context
from bot.commands.claims import render_claims
from bot.commands.common import run_async
from bot.delivery import outbox
from bot.demo_server import SeedServer
from bot.pipeline import refresh_due
from bot.runtime import open_runtime
from bot.settings import Settings, load_settings

REPO_ROOT = Path(__file__).resolve().parents[2]


def _find(name: str) -> Path:
    for base in (Path.cwd(), REPO_ROOT):
        if (base / name).exists():
            return base / name
    raise FileNotFoundError(f"cannot find {name}/ (run the demo from the newsbot checkout)")


def _demo_settings(config: Path, db_path: Path, port: int) -> Settings:
    settings = load_settings(config)
    feeds = [f.model_copy(update={"url": re.sub(r"^http://127\.0\.0\.1:\d+", f"http://127.0.0.1:{port}", f.url)})
             for f in settings.feeds]
    return settings.model_copy(update={
        "feeds": feeds,
        "database": settings.database.model_copy(update={"url": f"sqlite+aiosqlite:///{db_path}"}),
    })


async def _demo(console: Console, keep: Path | None) -> None:
    seeds = _find("seeds")
    config = _find("config") / "demo.toml"
    server = SeedServer(seeds / "round1")
    port = await server.start()
    tmp = tempfile.TemporaryDirectory(prefix="newsbot-demo-")
    db_path = keep or Path(tmp.name) / "demo.db"
    if db_path.exists():
        db_path.unlink()
    settings = _demo_settings(config, db_path, port)
    started = time.perf_counter()
    try:
        with Progress(SpinnerColumn(), TextColumn("{task.description}"), TimeElapsedColumn(),
                      console=console, transient=True) as progress:
            task = progress.add_task("Loading the language model (first run takes a few seconds)…")
            from bot.analysis.figures.extract import load_nlp

            await asyncio.to_thread(load_nlp)
            progress.update(task, description="Opening a fresh SQLite store…")
            async with open_runtime(settings, console=console) as rt:
                rounds = [("Round 1 — first poll of three outlets", seeds / "round1"),
                          ("Round 2 — the same feeds a few days later", seeds / "round2")]
                for title, folder in rounds:
                    server.switch(folder)
                    progress.update(task, description=f"{title}: fetching, matching, extracting…")
                    stats = await refresh_due(rt, only_due=False)
                    progress.stop()
                    console.print(Rule(f"[bold]{title}"))
                    console.print(stats.summary(), highlight=False)
                    await outbox.drain(rt.store, rt.router, rt.clock(), limit=1000)
                    progress.start()
                progress.update(task, description="Answering /claims…")
                groups = await claims(Context(rt.store, rt.settings), OPERATOR)
                progress.stop()
                console.print(Rule("[bold]What `newsbot claims` (and /claims) would answer"))
                render_claims(console, groups)
    finally:
        await server.stop()
        if keep is None:
            tmp.cleanup()
    console.print(f"\n[dim]Demo finished in {time.perf_counter() - started:.1f} s. "
                  "Next: copy config/newsbot.example.toml, add your feeds and topics, run `newsbot run`.[/]")


def register(app: typer.Typer) -> None:
    @app.command()
    def demo(
        keep_db: Path = typer.Option(None, "--keep-db", help="Write the demo database here instead of a temporary file."),
    ) -> None:
        """Run the whole pipeline on the bundled seed feeds and print the alerts. No tokens needed.

        Serves seeds/ on 127.0.0.1, polls it twice (the second time one story has moved on), prints each
        alert as a panel in this terminal (the console destination: the same title, summary, figures
        and link a Discord embed or Slack message carries), then what /claims answers.
        """
        run_async(_demo(Console(), keep_db))
