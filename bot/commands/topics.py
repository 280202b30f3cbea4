"""`newsbot topics list|add|remove|test`: manage watch topics and dry-run queries."""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

from bot.commands.common import ConfigOption, fail, open_store, run_async, settings_or_exit


def _compile_or_exit(query: str):
    from bot.analysis.topics.query import QueryError, compile_query

    try:
        return compile_query(query)
    except QueryError as e:
        raise fail(f"query: {e}\n  {query}\n  {' ' * (max(1, e.column) - 1)}^") from None


def register(app: typer.Typer) -> None:
    topics_app = typer.Typer(help="List, add, remove and test watch topics.", no_args_is_help=True)
    app.add_typer(topics_app, name="topics")

    @topics_app.command("list")
    def list_(config: str = ConfigOption) -> None:
        """Every topic with its query and where its alerts go."""
        settings = settings_or_exit(config)

        async def go():
            async with open_store(settings) as store:
                return await store.list_topics(None)

        topics = run_async(go())
        table = Table("name", "query", "channels")
        for t in topics:
            table.add_row(t.name, t.query, ", ".join(t.channels))
        Console().print(table if topics else "No topics yet. Add one with `newsbot topics add NAME QUERY`.")

    @topics_app.command("add")
    def add(
        name: str = typer.Argument(..., help="A short name, shown in alerts."),
        query: str = typer.Argument(..., help='Query, e.g. \'"north korea*" AND (troops OR soldiers)\'.'),
        channel: list[str] = typer.Option(["console"], "--channel", help="Destination; repeat for several."),
        config: str = ConfigOption,
    ) -> None:
        """Add a topic (the query is checked first; errors show the column)."""
        from bot.models import Topic
        from bot.settings import TopicSettings

        _compile_or_exit(query)
        try:
            TopicSettings(name=name, query=query, channels=channel)
        except ValueError as e:
            raise fail(str(e).splitlines()[-1]) from None
        settings = settings_or_exit(config)

        async def go():
            async with open_store(settings) as store:
                return await store.add_topic(Topic(name=name, query=query, channels=tuple(channel)))

        run_async(go())
        Console().print(f"Added topic [bold]{name}[/] → {', '.join(channel)}")

    @topics_app.command("remove")
    def remove(name: str = typer.Argument(...), config: str = ConfigOption) -> None:
        """Remove a topic (stored alerts and claims stay)."""
        settings = settings_or_exit(config)

        async def go():
            async with open_store(settings) as store:
                return await store.remove_topic(name, None)

        if not run_async(go()):
            raise fail(f"no topic named {name!r}")
        Console().print(f"Removed topic {name}.")

    @topics_app.command("test")
    def test(
        query: str = typer.Argument(..., help="The query to try."),
        limit: int = typer.Option(500, help="How many recent stored entries to try it on."),
        config: str = ConfigOption,
    ) -> None:
        """Dry-run a query against recent stored entries: what would have matched, and why."""
        compiled = _compile_or_exit(query)
        settings = settings_or_exit(config)

        async def go():
            async with open_store(settings) as store:
                return await store.recent_entries(limit=limit)

        entries = run_async(go())
        hits = [(e, why) for e in entries if (why := compiled.match(e.title, e.text))]
        console = Console()
        table = Table("published", "title", "why")
        for e, why in hits:
            table.add_row(e.published.strftime("%Y-%m-%d") if e.published else "—", e.title,
                          "; ".join(f"{k}: {', '.join(v)}" for k, v in why.items() if v))
        console.print(table if hits else "No match.")
        console.print(f"{len(hits)} of {len(entries)} recent entries match.")
