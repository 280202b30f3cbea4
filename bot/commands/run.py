"""`newsbot run`: the service. Scheduler + enabled front ends + outbox delivery, until SIGTERM/SIGINT."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from typing import Optional, get_args

import typer

from bot import settings as s
from bot.cluster.frontends import chat_frontends
from bot.cluster.roles import Role
from bot.commands.common import ConfigOption, fail, run_async, settings_or_exit
from bot.delivery.senders import chat_senders
from bot.log_setup import set_verbose, setup_service_logging
from bot.ops.loop_lag import LoopLagMonitor
from bot.ops.server import OpsServer
from bot.reader.parse_isolated import parser_pool
from bot.websub.callback import CallbackServer
from bot.websub.subscriber import WebSub
from bot.runtime import open_runtime
from bot.scheduler import run_forever

log = logging.getLogger("newsbot")
ROLES = get_args(Role)


def _check_tokens(settings) -> None:
    """Refuse to start a part whose secret is missing: a clear line, not a 401 later. Which secrets
    are needed depends on the role: a poll-only process needs none."""
    run = settings.run
    sends_or_serves = run.delivers or run.serves_chat
    missing = []
    if settings.discord.enabled and sends_or_serves and not s.discord_token():
        missing.append("DISCORD_TOKEN (discord.enabled = true)")
    if settings.slack.enabled and sends_or_serves:
        if not s.slack_bot_token():
            missing.append("SLACK_BOT_TOKEN (slack.enabled = true)")
        if run.serves_chat and settings.slack.mode == "http" and not s.slack_signing_secret():
            missing.append("SLACK_SIGNING_SECRET (slack.mode = \"http\")")
        if run.serves_chat and settings.slack.mode == "socket" and not s.slack_app_token():
            missing.append("SLACK_APP_TOKEN (slack.mode = \"socket\")")
    if run.delivers:
        missing += [f"{name} (a [[webhooks]] secret_env)" for name in s.missing_webhook_secrets(settings)]
    if missing:
        raise fail("missing environment variables: " + ", ".join(missing))


class _Signals:
    """First SIGINT/SIGTERM: stop taking work, let work in flight finish. Second: stop now."""

    def __init__(self) -> None:
        self.stop = asyncio.Event()
        self.hurry = asyncio.Event()

    def install(self, loop: asyncio.AbstractEventLoop) -> None:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self._received, sig)

    def _received(self, sig: signal.Signals) -> None:
        if self.stop.is_set():
            self.hurry.set()
            return
        self.stop.set()
        log.info("stopping (%s): finishing the work in flight; %s again stops at once",
                 sig.name, "Ctrl-C" if sig == signal.SIGINT else sig.name)


async def _serve(settings) -> int:
    run = settings.run
    signals = _Signals()
    signals.install(asyncio.get_running_loop())
    async with open_runtime(settings) as rt, contextlib.AsyncExitStack() as parts:
        if run.polls:
            # Load the language model before anything else runs: loading it holds the GIL for a
            # moment, which must not happen while a front end's heartbeat is due. The parser's
            # worker processes start now too, not in the middle of the first poll.
            from bot.analysis.figures.extract import load_nlp

            await asyncio.gather(asyncio.to_thread(load_nlp), asyncio.to_thread(parser_pool().warm_up))
        if run.delivers:    # Discord over REST, Slack's Web API: every delivering process sends
            await parts.enter_async_context(chat_senders(settings, rt.router))
        scheduler = asyncio.create_task(run_forever(rt, signals.stop, hurry=signals.hurry), name="scheduler")
        ops = await _start_ops(settings, rt, alive=lambda: not scheduler.done())
        if run.polls:     # pushed feeds are polling work: processed where feeds are polled
            ops += await _start_websub(settings, rt)
        front_ends = [asyncio.create_task(coro, name=name)
                      for name, coro in (chat_frontends(settings, rt) if run.serves_chat else [])]
        if not signals.stop.is_set():
            log.info("newsbot running: %d feeds, %d topics (role %s); Ctrl-C to stop",
                     len(await rt.store.list_feeds(None)), len(await rt.store.list_topics(None)), run.role)
        stopper = asyncio.create_task(signals.stop.wait())
        await asyncio.wait([stopper, scheduler, *front_ends], return_when=asyncio.FIRST_COMPLETED)
        signals.stop.set()
        stopper.cancel()
        for t in front_ends:
            t.cancel()
        # The scheduler is not cancelled: it winds its ticks down itself (finish, or hand back).
        results = await asyncio.gather(scheduler, *front_ends, return_exceptions=True)
        for part in reversed(ops):
            await part.stop()
        failed = [(t.get_name(), r) for t, r in zip([scheduler, *front_ends], results)
                  if isinstance(r, Exception) and not isinstance(r, asyncio.CancelledError)]
        for name, r in failed:
            log.error("%s stopped: %s", name, r)
    log.info("newsbot stopped")
    return 1 if failed else 0


async def _start_ops(settings, rt, *, alive) -> list:
    """`[metrics] enabled`: the event-loop lag monitor and the /metrics, /livez, /readyz server."""
    if not settings.metrics.enabled:
        return []
    lag = LoopLagMonitor()
    lag.start()
    server = OpsServer(rt, host=settings.metrics.host, port=settings.metrics.port, lag=lag, alive=alive)
    try:
        await server.start()
    except OSError as e:
        await lag.stop()
        raise OSError(f"metrics: cannot listen on {settings.metrics.host}:{settings.metrics.port} "
                      f"({e.strerror or e}); change [metrics] port, or 0 for any free port") from None
    return [lag, server]


async def _start_websub(settings, rt) -> list:
    """`[websub] enabled`: the subscriber (rt.websub) and the callback server hubs call."""
    if not settings.websub.enabled:
        return []
    websub = WebSub(rt.store, settings.websub, allow_private=settings.fetch.allow_private_addresses,
                    user_agent=settings.fetch.user_agent)
    await websub.__aenter__()
    rt.websub = websub
    server = CallbackServer(rt, host=settings.websub.listen_host, port=settings.websub.listen_port)
    try:
        await server.start()
    except OSError as e:
        await websub.__aexit__(None, None, None)
        raise OSError(f"websub: cannot listen on {settings.websub.listen_host}:{settings.websub.listen_port} "
                      f"({e.strerror or e}); change [websub] listen_port") from None
    return [_Closing(websub), server]


class _Closing:
    """Gives an async context manager the `stop()` the other started parts have."""

    def __init__(self, inner):
        self.inner = inner

    async def stop(self) -> None:
        await self.inner.__aexit__(None, None, None)


def with_role(settings, role: str | None):
    """`--role` overrides `[run] role` (and NEWSBOT_RUN__ROLE)."""
    if role is None:
        return settings
    if role not in ROLES:
        raise fail(f"--role: {role!r} is not a role (use one of {', '.join(ROLES)})", 2)
    return settings.model_copy(update={"run": settings.run.model_copy(update={"role": role})})


def register(app: typer.Typer) -> None:
    @app.command()
    def run(
        config: str = ConfigOption,
        verbose: bool = typer.Option(False, "--verbose", "-v",
                                     help="Log everything, at DEBUG level (APScheduler, Alembic, discord.py...)."),
        role: Optional[str] = typer.Option(
            None, "--role", metavar="all|poll|deliver|frontend",
            help="What this process does (default: the \\[run] role setting, else all). Several processes on one "
                 "PostgreSQL share the work: poll fetches feeds and queues alerts, deliver sends "
                 "them, frontend answers slash commands; one process at a time holds the Discord "
                 "gateway and the Slack socket."),
    ) -> None:
        """Run the service: poll feeds on schedule, deliver alerts, answer slash commands.

        Discord and Slack start when enabled in the config; their tokens come from the environment
        (DISCORD_TOKEN, SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET or SLACK_APP_TOKEN). Ctrl-C or SIGTERM
        stops it: work in flight gets a few seconds to finish, the rest is handed back for the next
        start (a second Ctrl-C stops at once).
        """
        if verbose:
            set_verbose(True)
        setup_service_logging()
        settings = with_role(settings_or_exit(config), role)
        if settings.logging.format != "text":
            setup_service_logging(settings.logging.format)
        _check_tokens(settings)
        raise typer.Exit(run_async(_serve(settings)))
