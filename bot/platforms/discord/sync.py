"""Registering the slash commands with Discord (`newsbot discord sync`): REST only, no gateway.

Commands are registered explicitly, not at every start: a global sync can take up to an hour to
reach every client, a guild sync is instant (use it while trying things out).
"""

from __future__ import annotations

import discord

from bot.platforms.discord.client import build_discord_bot, require_token, sync_commands
from bot.settings import Settings


class SyncFailed(Exception):
    """Discord refused the sync; str() says why, without the token."""


async def sync(settings: Settings, guild: int | None, clear: bool) -> list[str]:
    """The names of the commands now registered (none after `clear`)."""
    token = require_token()
    bot = build_discord_bot(settings, store=None)
    try:
        async with bot:
            await bot.login(token)
            if clear:
                where = discord.Object(id=guild) if guild else None
                bot.tree.clear_commands(guild=where)
                synced = await bot.tree.sync(guild=where)
            else:
                synced = await sync_commands(bot, guild)
    except discord.LoginFailure:
        raise SyncFailed("Discord rejected DISCORD_TOKEN (401): reset the token in the Developer Portal") from None
    except discord.HTTPException as exc:
        raise SyncFailed(f"Discord answered HTTP {exc.status} while syncing commands") from None
    return [c.name for c in synced]
