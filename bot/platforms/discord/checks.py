"""Who is asking, as the use cases see them: a `Caller` built from the interaction.

Changing commands are checked inside each handler, never left to Discord alone:
`default_member_permissions` is only a default an admin can widen in Server Settings ->
Integrations, and DMs carry no guild; so the handler checks the guild and the member's
permissions as Discord resolved them for this interaction.
"""

from __future__ import annotations

import discord

from bot.app.caller import Caller, Quota
from bot.platforms.discord.errors import NotAllowed
from bot.settings import Settings


def caller_of(interaction: discord.Interaction, settings: Settings) -> Caller:
    """The caller's server (None in DMs: config topics and feeds only), rights and channel."""
    in_guild = interaction.guild_id is not None and isinstance(interaction.user, discord.Member)
    return Caller(
        tenant=str(interaction.guild_id) if interaction.guild_id is not None else None,
        user=f"discord:{interaction.user.id}",
        may_change=in_guild and interaction.permissions.manage_guild,
        channel=f"discord:{interaction.channel_id}" if interaction.channel_id is not None else None,
        quota=Quota(feeds=settings.discord.max_feeds_per_guild, topics=settings.discord.max_topics_per_guild),
        place="server",
    )


def require_manager(interaction: discord.Interaction) -> None:
    """Refuse, in Discord's terms, unless the user has Manage Server in this server."""
    if interaction.guild_id is None or not isinstance(interaction.user, discord.Member):
        raise NotAllowed("This command works only inside a server, not in direct messages.")
    if not interaction.permissions.manage_guild:
        raise NotAllowed("You need the **Manage Server** permission to change feeds, topics and subscriptions.")
