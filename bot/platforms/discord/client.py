"""The Discord bot: least-privilege intents, no pings by default, one cog per feature.

`build_discord_bot` makes the client (tests drive it against a local fake); `run_discord` logs in
and keeps the gateway open; `run_gateway` is what `newsbot run` calls with its Runtime, and
`rest_client` is the REST-only client alerts are posted with.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator
from typing import Any

import discord
from discord.ext import commands

from bot.ops.http_trace import rate_limit_trace
from bot.app.context import Context
from bot.platforms.discord.cogs.claims import ClaimsCog
from bot.platforms.discord.cogs.feeds import FeedsCog
from bot.platforms.discord.cogs.subscriptions import SubscriptionsCog
from bot.platforms.discord.cogs.topics import TopicsCog
from bot.platforms.discord.endpoints import point_discord_at
from bot.platforms.discord.errors import on_tree_error
from bot.settings import ConfigError, Settings, discord_token

log = logging.getLogger(__name__)

ANSWER_WITHIN_S = 2.0   # Discord drops an interaction not answered (or deferred) within 3 s
MISSING_TOKEN = ("DISCORD_TOKEN is not set: copy the bot token from the Discord Developer Portal "
                 "(your application -> Bot -> Reset Token) and export DISCORD_TOKEN (or put it in .env)")


def intents() -> discord.Intents:
    """Guilds only: slash commands arrive as interactions, so no message content or members intent."""
    return discord.Intents(guilds=True)


class NewsBot(commands.Bot):
    def __init__(self, settings: Settings, store: Any, *, answer_within_s: float = ANSWER_WITHIN_S,
                 **options: Any) -> None:
        options.setdefault("max_ratelimit_timeout", 60.0)  # longer 429s go back to the outbox
        options.setdefault("http_trace", rate_limit_trace("discord"))   # counts the 429s discord.py waits out
        super().__init__(
            command_prefix=commands.when_mentioned,
            help_command=None,
            intents=intents(),
            allowed_mentions=discord.AllowedMentions.none(),
            **options,
        )
        self.settings = settings
        self.store = store
        self.ctx = Context(store=store, settings=settings)   # what the cogs call the use cases with
        self.answer_within_s = answer_within_s

    async def setup_hook(self) -> None:
        for cog in (ClaimsCog, TopicsCog, FeedsCog, SubscriptionsCog):
            await self.add_cog(cog(self))
        self.tree.error(on_tree_error)
        # Import matplotlib now, off the loop, so the first /claims chart is not a second slower.
        self._warm = asyncio.get_running_loop().run_in_executor(None, _warm_charts)

    async def on_ready(self) -> None:
        log.warning("Discord: logged in as %s, in %d server(s)", self.user, len(self.guilds))


def _warm_charts() -> None:
    try:
        import matplotlib.backends.backend_agg  # noqa: F401
        import matplotlib.figure  # noqa: F401
    except Exception:  # a chart is optional; /claims still answers in text
        log.debug("matplotlib unavailable", exc_info=True)


def build_discord_bot(settings: Settings, store: Any, **options: Any) -> NewsBot:
    """A configured, not yet logged-in bot; also points discord.py at `[discord] api_base/gateway_url`."""
    point_discord_at(settings.discord.api_base, settings.discord.gateway_url)
    return NewsBot(settings, store, **options)


def require_token() -> str:
    token = discord_token()
    if not token:
        raise ConfigError(MISSING_TOKEN)
    return token


async def sync_commands(bot: commands.Bot, guild_id: int | None = None) -> list[Any]:
    """Register the slash commands with Discord: globally, or in one server (instant, for testing)."""
    if guild_id is None:
        return await bot.tree.sync()
    guild = discord.Object(id=guild_id)
    bot.tree.copy_global_to(guild=guild)
    return await bot.tree.sync(guild=guild)


@contextlib.asynccontextmanager
async def rest_client(settings: Settings) -> AsyncIterator[discord.Client]:
    """A client logged in over REST only (no gateway): enough to post alerts, e.g. in `poll --once`."""
    token = require_token()
    point_discord_at(settings.discord.api_base, settings.discord.gateway_url)
    client = discord.Client(intents=intents(), allowed_mentions=discord.AllowedMentions.none(),
                            max_ratelimit_timeout=60.0, http_trace=rate_limit_trace("discord"))
    async with client:
        await client.login(token)
        yield client


async def run_discord(settings: Settings, store: Any, *, bot: NewsBot | None = None) -> None:
    """Log in and stay connected until cancelled; refuses to start without DISCORD_TOKEN."""
    token = require_token()
    bot = bot or build_discord_bot(settings, store)
    async with bot:
        await bot.start(token, reconnect=True)


async def run_gateway(settings: Settings, rt: Any) -> None:
    """For `newsbot run`: the gateway connection that answers slash commands, until cancelled.

    Only the process holding the Discord role runs it (bot/cluster/frontends.py); alerts go out
    through `rest_client` in every delivering process, so a change of holder never stops delivery.
    """
    token = require_token()
    bot = build_discord_bot(settings, rt.store)
    rt.probes["discord gateway"] = lambda: bot.is_ready() and not bot.is_closed()
    async with bot:
        await bot.start(token, reconnect=True)
