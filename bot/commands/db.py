"""`newsbot db upgrade`: bring the database schema to the newest migration (also done at start)."""

from __future__ import annotations

import typer
from rich.console import Console
from sqlalchemy.engine import make_url

from bot.commands.common import ConfigOption, open_store, run_async, settings_or_exit


def register(app: typer.Typer) -> None:
    db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)
    app.add_typer(db_app, name="db")

    @db_app.command("upgrade")
    def upgrade(config: str = ConfigOption) -> None:
        """Apply pending Alembic migrations (safe to run while other processes use the database)."""
        settings = settings_or_exit(config)

        async def go() -> None:
            async with open_store(settings):
                pass

        run_async(go())
        shown = make_url(settings.database.url).render_as_string(hide_password=True)
        Console().print(f"Database {shown} is up to date.", highlight=False)
