"""`newsbot doctor` for Discord: the token works, and the bot may post in every configured channel.

REST only (no gateway): GET /users/@me for the token, then per channel GET /channels/{id},
/guilds/{id} and /guilds/{id}/members/{bot id}, and the permissions computed the way Discord does
(owner, @everyone and role permissions, administrator, then channel overwrites for @everyone,
roles and the member).
"""

from __future__ import annotations

import logging

import discord

from bot.ops.doctor.checks import Check
from bot.platforms.discord.endpoints import point_discord_at
from bot.settings import Settings, discord_token

ADMINISTRATOR = 1 << 3
NEEDED = {"View Channels": 1 << 10, "Send Messages": 1 << 11, "Embed Links": 1 << 14, "Attach Files": 1 << 15}
ALL = (1 << 53) - 1


async def check_discord(settings: Settings, channel_ids: list[int]) -> list[Check]:
    token = discord_token()
    if not token:
        return [Check.bad("discord", "DISCORD_TOKEN", "not set",
                          "copy the bot token (Developer Portal -> your application -> Bot -> Reset Token) "
                          "and export DISCORD_TOKEN")]
    point_discord_at(settings.discord.api_base, settings.discord.gateway_url)
    logging.getLogger("discord.client").setLevel(logging.ERROR)   # voice-support notices are noise here
    client = discord.Client(intents=discord.Intents(guilds=True), allowed_mentions=discord.AllowedMentions.none())
    async with client:
        try:
            await client.login(token)
        except discord.LoginFailure:
            return [Check.bad("discord", "DISCORD_TOKEN", "rejected by Discord (401)",
                              "the token was reset or mistyped: reset it in the Developer Portal and export it again")]
        except (discord.HTTPException, OSError) as e:
            return [Check.bad("discord", "DISCORD_TOKEN", f"cannot reach the Discord API ({type(e).__name__})",
                              "check the network, or [discord] api_base if you use a proxy")]
        rows = [Check.good("discord", "DISCORD_TOKEN", f"valid: logged in as {client.user}")]
        for channel_id in channel_ids:
            rows.append(await _check_channel(client, channel_id))
    return rows


async def _check_channel(client: discord.Client, channel_id: int) -> Check:
    subject = f"channel {channel_id}"
    try:
        channel = await client.http.get_channel(channel_id)
        guild_id = int(channel["guild_id"])
        guild = await client.http.get_guild(guild_id)
        member = await client.http.get_member(guild_id, client.user.id)  # type: ignore[union-attr]
    except discord.NotFound:
        return Check.bad("discord", subject, "not found",
                         "check the channel id (Developer Mode -> right-click the channel -> Copy Channel ID) "
                         "and that the bot was invited to its server (README: Invite it to your server)")
    except discord.Forbidden:
        return Check.bad("discord", subject, "the bot cannot see this channel (Missing Access)",
                         "give the bot's role View Channels in this channel (Edit Channel -> Permissions)")
    except (KeyError, ValueError):
        return Check.bad("discord", subject, "not a server channel", "alerts go to a text channel of a server")
    perms = channel_permissions(guild, member, channel)
    missing = [name for name, bit in NEEDED.items() if not perms & bit]
    name = f"#{channel.get('name', channel_id)}"
    if missing:
        return Check.bad("discord", f"{subject} ({name})", "missing " + ", ".join(missing),
                         f"give the bot's role {', '.join(missing)} in {name} (Edit Channel -> Permissions), "
                         "or re-invite it with permissions=52224")
    return Check.good("discord", f"{subject} ({name})", "can view, send, embed and attach")


def channel_permissions(guild: dict, member: dict, channel: dict) -> int:
    """The member's permissions in the channel, by Discord's documented algorithm."""
    user_id = str(member["user"]["id"])
    if str(guild.get("owner_id")) == user_id:
        return ALL
    roles = {str(r["id"]): int(r["permissions"]) for r in guild.get("roles", [])}
    guild_id = str(guild["id"])
    member_roles = [str(r) for r in member.get("roles", [])]
    perms = roles.get(guild_id, 0)
    for role in member_roles:
        perms |= roles.get(role, 0)
    if perms & ADMINISTRATOR:
        return ALL
    overwrites = {str(o["id"]): (int(o["allow"]), int(o["deny"])) for o in channel.get("permission_overwrites", [])}
    if guild_id in overwrites:
        allow, deny = overwrites[guild_id]
        perms = (perms & ~deny) | allow
    allow = deny = 0
    for role in member_roles:
        if role in overwrites:
            allow |= overwrites[role][0]
            deny |= overwrites[role][1]
    perms = (perms & ~deny) | allow
    if user_id in overwrites:
        allow, deny = overwrites[user_id]
        perms = (perms & ~deny) | allow
    return perms
