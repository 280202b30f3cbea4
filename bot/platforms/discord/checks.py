"""Who may change feeds, topics and routes: checked inside each handler, never left to Discord alone.

`default_member_permissions` is only a default an admin can widen in Server Settings ->
Integrations, and DMs carry no guild; so the handler checks the guild and the member's
permissions as Discord resolved them for this interaction.
"""

from __future__ import annotations

import discord

from bot.platforms.discord.errors import NotAllowed


def guild_id_of(interaction: discord.Interaction) -> str:
    """The server's id as the store keys it; refuses DMs and user-installed contexts."""
    if interaction.guild_id is None or not isinstance(interaction.user, discord.Member):
        raise NotAllowed("This command works only inside a server, not in direct messages.")
    return str(interaction.guild_id)


def require_manager(interaction: discord.Interaction) -> str:
    """The guild id, if the user has Manage Server there; otherwise NotAllowed."""
    guild = guild_id_of(interaction)
    if not interaction.permissions.manage_guild:
        raise NotAllowed("You need the **Manage Server** permission to change feeds, topics and subscriptions.")
    return guild


def visible_guild(interaction: discord.Interaction) -> str | None:
    """The guild whose own topics and feeds this user may see (None in DMs: config ones only)."""
    return str(interaction.guild_id) if interaction.guild_id is not None else None
