"""`newsbot topics list|add|remove|test`: manage watch topics and dry-run queries."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.app import topics
from bot.app.caller import OPERATOR
from bot.app.topic_test import SCAN, test_topic
from bot.commands.common import ConfigOption, app_context, fail, run_async, settings_or_exit
from bot.platforms import registry


def register(app: typer.Typer) -> None:
    topics_app = typer.Typer(help="List, add, remove and test watch topics.", no_args_is_help=True)
    app.add_typer(topics_app, name="topics")

    @topics_app.command("list")
    def list_(config: str = ConfigOption) -> None:
        """Every topic with its query and where its alerts go."""
        settings = settings_or_exit(config)

        async def go():
            async with app_context(settings) as ctx:
                return await topics.visible_topics(ctx, OPERATOR)

        found = run_async(go())
        table = Table("name", "query", "channels")
        for t in found:
            table.add_row(Text(t.name), Text(t.query), Text(", ".join(t.channels)))
        Console().print(table if found else "No topics yet. Add one with `newsbot topics add NAME QUERY`.")

    @topics_app.command("add")
    def add(
        name: str = typer.Argument(..., help="A short name, shown in alerts."),
        query: str = typer.Argument(..., help='Query, e.g. \'"north korea*" AND (troops OR soldiers)\'.'),
        channel: list[str] = typer.Option(["console"], "--channel", help="Destination; repeat for several."),
        config: str = ConfigOption,
    ) -> None:
        """Add a topic (the query is checked first; errors show the column)."""
        for destination in channel:
            if registry.parse(destination) is None:
                raise fail(f"--channel: {destination!r} is not a destination (use {registry.spellings()})")
        settings = settings_or_exit(config)

        async def go():
            async with app_context(settings) as ctx:
                return await topics.add_topic(ctx, OPERATOR, name, query, channels=tuple(channel))

        typer.echo(run_async(go()).plain())

    @topics_app.command("remove")
    def remove(name: str = typer.Argument(...), config: str = ConfigOption) -> None:
        """Remove a topic with its alerts."""
        settings = settings_or_exit(config)

        async def go():
            async with app_context(settings) as ctx:
                return await topics.remove_topic(ctx, OPERATOR, name)

        typer.echo(run_async(go()).plain())

    @topics_app.command("test")
    def test(
        query: str = typer.Argument(..., help="The query to try."),
        limit: int = typer.Option(SCAN, min=1, max=10_000, help="How many recent stored entries to try it on."),
        config: str = ConfigOption,
    ) -> None:
        """Dry-run a query against recent stored entries: what would have matched, and why."""
        settings = settings_or_exit(config)

        async def go():
            async with app_context(settings) as ctx:
                return await test_topic(ctx, OPERATOR, query, scan=limit)

        result = run_async(go())
        console = Console()
        if result.hits:
            table = Table("published", "title", "why")
            for e, why in result.hits:
                table.add_row(e.published.strftime("%Y-%m-%d") if e.published else "—", Text(e.title),
                              Text("; ".join(f"{k}: {', '.join(v)}" for k, v in why.items() if v)))
            console.print(table)
        console.print(Text(result.headline().plain()))
