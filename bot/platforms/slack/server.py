"""Run the Slack front end: HTTP mode (Bolt over aiohttp, signed requests) or Socket Mode.

Both refuse to start without their secrets, naming the missing variable (never a value).
`start_slack` is what `newsbot run` calls; in Socket Mode only the process holding the Slack role
runs it (bot/cluster/frontends.py), in HTTP mode every front-end process does.
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.async_app import AsyncApp

from bot.platforms.slack.app import build_slack_app
from bot.platforms.slack.client import make_client, require

log = logging.getLogger(__name__)

MAX_BODY = 1024 * 1024     # slash-command and interaction payloads are a few KB


def http_app(bolt: AsyncApp, path: str) -> web.Application:
    """An aiohttp app serving Bolt at `path` (Slack's Request URL), and nothing else."""

    async def events(request: web.Request) -> web.Response:
        bolt_request = await to_bolt_request(request)
        return await to_aiohttp_response(await bolt.async_dispatch(bolt_request))

    app = web.Application(client_max_size=MAX_BODY)
    app.router.add_post(path, events)
    return app


async def run_slack_http(settings: Any, store: Any, client: Any = None, probes: dict | None = None) -> None:
    """Serve Slack's requests on [slack] http_host:http_port + http_path until cancelled."""
    signing_secret = require("SLACK_SIGNING_SECRET")
    bolt = build_slack_app(settings, store, client or make_client(settings), signing_secret=signing_secret)
    s = settings.slack
    runner = web.AppRunner(http_app(bolt, s.http_path), access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, s.http_host, s.http_port).start()
        if probes is not None:
            probes["slack http"] = lambda: True    # listening; Slack's requests can arrive
        log.warning("slack: listening for requests on http://%s:%d%s", s.http_host, s.http_port, s.http_path)
        await asyncio.Event().wait()
    finally:
        await runner.cleanup()


async def run_slack_socket(settings: Any, store: Any, client: Any = None, probes: dict | None = None) -> None:
    """Connect out to Slack over Socket Mode (no public URL needed) until cancelled."""
    from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler

    app_token = require("SLACK_APP_TOKEN")
    client = client or make_client(settings)
    bolt = build_slack_app(settings, store, client, socket_mode=True)
    handler = AsyncSocketModeHandler(bolt, app_token, web_client=client)
    await handler.connect_async()
    if probes is not None:
        probes["slack socket"] = handler.client.is_connected
    log.warning("slack: connected in Socket Mode")
    try:
        await asyncio.Event().wait()
    finally:
        await handler.close_async()


async def start_slack(settings: Any, rt: Any) -> None:
    """`newsbot run`'s entry: serve slash commands in the configured mode (alerts go out through
    the delivering processes' own Web API client, bot/delivery/senders.py)."""
    client = make_client(settings)
    probes = getattr(rt, "probes", None)
    if settings.slack.mode == "socket":
        await run_slack_socket(settings, rt.store, client, probes)
    else:
        await run_slack_http(settings, rt.store, client, probes)
