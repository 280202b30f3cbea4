"""`newsbot discord sync [--guild ID]`: register the slash commands with Discord.

Commands are registered explicitly, not at every start: a global sync can take up to an hour to
reach every client, a guild sync is instant (use it while trying things out).
"""

from __future__ import annotations

import typer

from bot.commands.common import ConfigOption, fail, run_async, settings_or_exit

discord_app = typer.Typer(help="Discord helpers: register the slash commands.", no_args_is_help=True)


async def _sync(settings, guild: int | None, clear: bool) -> list[str]:
    import discord

    from bot.platforms.discord import build_discord_bot, require_token, sync_commands

    token = require_token()
    bot = build_discord_bot(settings, store=None)
    async with bot:
        await bot.login(token)  # REST only: syncing needs no gateway connection
        if clear:
            where = discord.Object(id=guild) if guild else None
            bot.tree.clear_commands(guild=where)
            synced = await bot.tree.sync(guild=where)
        else:
            synced = await sync_commands(bot, guild)
    return [c.name for c in synced]


@discord_app.command("sync")
def sync(guild: int = typer.Option(None, "--guild", "-g", help="Server id: sync only there (instant)."),
         clear: bool = typer.Option(False, "--clear", help="Remove the commands instead (e.g. a guild copy "
                                    "left over from testing, which shows every command twice)."),
         config: str = ConfigOption) -> None:
    """Register /claims, /recent, /topics, /feeds, /subscribe, /unsubscribe with Discord."""
    settings = settings_or_exit(config, need_file=False)
    import discord

    try:
        names = run_async(_sync(settings, guild, clear))
    except discord.LoginFailure:
        raise fail("Discord rejected DISCORD_TOKEN (401): reset the token in the Developer Portal") from None
    except discord.HTTPException as exc:
        raise fail(f"Discord answered HTTP {exc.status} while syncing commands") from None
    where = f"server {guild}" if guild else "all servers (may take up to an hour to appear)"
    if clear:
        typer.echo(f"removed the commands from {where.split(' (')[0]}")
        return
    typer.echo(f"synced {len(names)} commands to {where}: /" + ", /".join(sorted(names)))


def register(app: typer.Typer) -> None:
    app.add_typer(discord_app, name="discord")
