"""Alerts as Rich panels on a terminal: the demo's destination and a debugging aid."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from bot.models import Alert
from bot.figure_text import figure_line


def render_alert(alert: Alert) -> Panel:
    e = alert.entry
    when = e.published.strftime("%Y-%m-%d %H:%M UTC") if e.published else "undated"
    why = "; ".join(f"{where}: {', '.join(terms)}" for where, terms in alert.why.items() if terms)
    head = Text.assemble((alert.feed_name, "bold"), f" · {when} · ", ("topic: ", "dim"), (alert.topic.name, "cyan"))
    parts: list = [head, Text(f"why: {why}", style="dim"), Text(""), Text(alert.summary or "")]
    if alert.figures:
        table = Table.grid(padding=(0, 1))
        for f in alert.figures:
            table.add_row("•", Text(figure_line(f, what_limit=None, source_limit=None)))
        parts += [Text(""), Text("Figures", style="bold"), table]
    if e.link:
        parts += [Text(""), Text(e.link, style="underline blue")]
    return Panel(Group(*parts), title=Text(e.title or "(untitled)", style="bold"), title_align="left",
                 border_style="green")


class ConsoleDestination:
    def __init__(self, console: Console | None = None):
        self.console = console or Console()

    async def send(self, alert: Alert, nonce: str) -> str | None:
        self.console.print(render_alert(alert))
        return nonce


__all__ = ["ConsoleDestination", "render_alert"]
