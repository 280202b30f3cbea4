"""`newsbot discord sync [--guild ID]`: register the slash commands with Discord (REST only)."""

from __future__ import annotations

import typer

from bot.commands.common import ConfigOption, fail, run_async, settings_or_exit

discord_app = typer.Typer(help="Discord helpers: register the slash commands.", no_args_is_help=True)


@discord_app.command("sync")
def sync(guild: int = typer.Option(None, "--guild", "-g", help="Server id: sync only there (instant)."),
         clear: bool = typer.Option(False, "--clear", help="Remove the commands instead (e.g. a guild copy "
                                    "left over from testing, which shows every command twice)."),
         config: str = ConfigOption) -> None:
    """Register /claims, /recent, /topics, /feeds, /subscribe, /unsubscribe with Discord."""
    settings = settings_or_exit(config, need_file=False)
    from bot.platforms.discord import sync as discord_sync   # loads discord.py: only this command needs it

    try:
        names = run_async(discord_sync.sync(settings, guild, clear))
    except discord_sync.SyncFailed as exc:
        raise fail(str(exc)) from None
    where = f"server {guild}" if guild else "all servers (may take up to an hour to appear)"
    if clear:
        typer.echo(f"removed the commands from {where.split(' (')[0]}")
        return
    typer.echo(f"synced {len(names)} commands to {where}: /" + ", /".join(sorted(names)))


def register(app: typer.Typer) -> None:
    app.add_typer(discord_app, name="discord")
