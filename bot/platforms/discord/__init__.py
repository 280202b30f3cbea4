"""Discord front end: slash commands over the stored claims, and the client alerts are posted with."""

from bot.platforms.discord.client import (
    NewsBot,
    build_discord_bot,
    intents,
    require_token,
    rest_client,
    run_discord,
    start_discord,
    sync_commands,
)

__all__ = ["NewsBot", "build_discord_bot", "intents", "require_token", "rest_client", "run_discord", "start_discord",
           "sync_commands"]
