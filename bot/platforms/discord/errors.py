"""Errors a user can act on, and the tree's handler that answers every failure ephemerally."""

from __future__ import annotations

import logging

import discord
from discord import app_commands

from bot.app.errors import Refused
from bot.platforms.discord.messages import message_text
from bot.platforms.discord.replies import send

log = logging.getLogger(__name__)


class UserError(app_commands.AppCommandError):
    """A refusal or bad input; `str()` is shown to the user as is (ephemeral)."""


class NotAllowed(app_commands.CheckFailure):
    """The user may not run this here (no Manage Server, in a DM); shown as is (ephemeral)."""


async def on_tree_error(interaction: discord.Interaction, error: app_commands.AppCommandError) -> None:
    """Known errors become their message; anything else is logged and answered briefly."""
    original = getattr(error, "original", error)
    if isinstance(original, Refused):
        text = message_text(original.message)
    elif isinstance(original, (UserError, NotAllowed)):
        text = str(original)
    elif isinstance(error, app_commands.CheckFailure):
        text = "You cannot use this command here."
    elif isinstance(error, app_commands.TransformerError):
        text = f"I could not read {error.value!r} as a {error.type.name.lower()}."
    else:
        cmd = interaction.command.qualified_name if interaction.command else "?"
        log.error("/%s failed: %s", cmd, type(original).__name__, exc_info=original)
        text = "Something went wrong while answering; it has been logged. Please try again later."
    try:
        await send(interaction, "⚠️ " + text, ephemeral=True)
    except discord.HTTPException as exc:  # the interaction may have expired
        log.warning("could not send the error reply: HTTP %s", exc.status)
