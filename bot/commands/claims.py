"""`newsbot claims [TOPIC]`: the figures stored for a topic, grouped by what they count (as /claims)."""

from __future__ import annotations

import json
from collections.abc import Sequence

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from bot.app import claims as reads
from bot.app.caller import OPERATOR
from bot.app.claims import ClaimGroup
from bot.app.durations import parse_since
from bot.app.errors import Refused
from bot.commands.common import ConfigOption, app_context, fail, run_async, settings_or_exit
from bot.figure_text import NO_SOURCE, source_of, value_of


def render_claims(console: Console, groups: Sequence[ClaimGroup], topic: str | None = None) -> None:
    """One table, a section per group; feed text goes in as Text so it is never read as markup."""
    if not groups:
        console.print(f"No claims stored yet{f' for {topic!r}' if topic else ''}.")
        return
    table = Table(title=f"Claims: {topic}" if topic else "Claims", expand=True)
    table.add_column("what", style="bold", min_width=6)
    table.add_column("figure", justify="right", no_wrap=True)
    table.add_column("source", min_width=10)
    table.add_column("outlet", min_width=8)
    table.add_column("date", no_wrap=True)
    wide = console.width >= 110      # on a narrow terminal the article title would be cut to nothing
    if wide:
        table.add_column("article", ratio=1, min_width=10, no_wrap=True, overflow="ellipsis")
    for group in groups:
        for i, c in enumerate(group.claims):
            cells = [
                Text(group.what) if i == 0 else "",
                Text(value_of(c)),
                Text(source_of(c), style="dim" if source_of(c) == NO_SOURCE else ""),
                Text(c.outlet),
                c.published.strftime("%Y-%m-%d"),
            ]
            if wide:
                cells.append(Text(c.title or c.link or "", style=f"link {c.link}" if c.link else ""))
            table.add_row(*cells)
        table.add_section()
    console.print(table)


def claim_json(group: ClaimGroup, c) -> dict:
    def num(v):
        return int(v) if v is not None and float(v).is_integer() else v

    return {"group": group.what, "value": num(c.value), "value_max": num(c.value_max), "unit": c.unit,
            "approx": c.approx, "bound": c.bound, "what": c.what, "source": c.source, "outlet": c.outlet,
            "published": c.published.isoformat(), "link": c.link, "title": c.title,
            "sentence": c.sentence}


def register(app: typer.Typer) -> None:
    @app.command()
    def claims(
        topic: str = typer.Argument(None, help="Topic name (default: every topic)."),
        since: str = typer.Option(None, "--since", help="Only claims newer than this: 30m, 12h, 7d, 2w."),
        what: str = typer.Option(None, "--what", help="Only this kind of figure, e.g. troops (synonyms count)."),
        as_json: bool = typer.Option(False, "--json", help="One JSON object per claim, newest group first."),
        limit: int = typer.Option(200, min=1, max=10_000, help="At most this many claims."),
        config: str = ConfigOption,
    ) -> None:
        """Who claims how many of what: stored figures grouped by what they count, newest first."""
        try:
            window = parse_since(since) if since else None
        except Refused as e:
            raise fail(f"--since: {e.message.plain()}") from None
        settings = settings_or_exit(config)

        async def go() -> list[ClaimGroup]:
            async with app_context(settings) as ctx:
                return await reads.claims(ctx, OPERATOR, topic, what=what, since=window, limit=limit)

        groups = run_async(go())
        if as_json:
            for group in groups:
                for c in group.claims:
                    typer.echo(json.dumps(claim_json(group, c), ensure_ascii=False))
            return
        render_claims(Console(), groups, topic)
