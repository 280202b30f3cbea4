"""Answer an interaction within Discord's 3 s: reply directly when the work is quick, defer if not."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable
from dataclasses import dataclass

import discord

from bot.platforms.discord.embed import CONTENT_MAX
from bot.platforms.discord.text import cut

NO_PINGS = discord.AllowedMentions.none()


@dataclass(frozen=True)
class Reply:
    content: str
    png: bytes | None = None
    filename: str = "chart.png"
    ephemeral: bool = False


async def send(interaction: discord.Interaction, content: str, *, png: bytes | None = None,
               filename: str = "chart.png", ephemeral: bool = False) -> None:
    """Send as the first response, or as a follow-up once the interaction was deferred."""
    kwargs: dict = {"content": cut(content, CONTENT_MAX), "allowed_mentions": NO_PINGS, "ephemeral": ephemeral}
    if png is not None:
        kwargs["file"] = discord.File(io.BytesIO(png), filename=filename)
    if interaction.response.is_done():
        await interaction.followup.send(**kwargs)
    else:
        await interaction.response.send_message(**kwargs)


async def answer(interaction: discord.Interaction, work: Awaitable[Reply], *, within_s: float,
                 ephemeral: bool = False) -> None:
    """Run `work`; if it is not done after `within_s` seconds, defer ("thinking…") and follow up.

    Errors raised by `work` propagate to the tree's error handler, which answers ephemerally.
    """
    task = asyncio.ensure_future(work)
    done, _ = await asyncio.wait({task}, timeout=within_s)
    if not done and not interaction.response.is_done():
        await interaction.response.defer(thinking=True, ephemeral=ephemeral)
    reply = await task
    await send(interaction, reply.content, png=reply.png, filename=reply.filename,
               ephemeral=ephemeral or reply.ephemeral)
