"""The Bolt app: slash commands acked at once, answered after, through the use cases in bot.app.

Every command is registered twice in effect: as itself (`/claims ...`) and as a subcommand of the
single entry point `/newsbot claims ...`, for workspaces where another app already owns `/claims`.
Refusals (not an admin, unknown command) go straight into `ack()`; everything that touches the
database runs after the ack and answers through `respond()` (the command's response_url).
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt.async_app import AsyncApp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot.platforms.slack import answers
from bot.app.context import Context
from bot.platforms.slack.args import head_and_rest
from bot.platforms.slack.client import make_client, require
from bot.platforms.slack.commands import COMMANDS, HELP, Chart, SlackCommands, slack_caller
from bot.platforms.slack.replay import ReplayGuard

log = logging.getLogger(__name__)


def build_slack_app(settings: Any, store: Any, client: AsyncWebClient | None = None, *,
                    signing_secret: str | None = None, socket_mode: bool = False,
                    replay_guard: ReplayGuard | None = None, charts: bool = True) -> AsyncApp:
    """A Bolt AsyncApp answering newsbot's commands. HTTP mode needs `signing_secret`."""
    if client is None:
        client = make_client(settings)
    if not socket_mode and not signing_secret:
        signing_secret = require("SLACK_SIGNING_SECRET")
    app = AsyncApp(client=client, signing_secret=signing_secret or "socket-mode-unused",
                   request_verification_enabled=not socket_mode, process_before_response=False,
                   raise_error_for_unhandled_request=False)
    app.use((replay_guard or ReplayGuard(store)).middleware())
    commands = SlackCommands(Context(store=store, settings=settings), charts=charts)

    async def handle(command_name: str, ack, command: dict[str, Any], respond, client: AsyncWebClient) -> None:
        text = command.get("text") or ""
        if command_name == "newsbot":
            command_name, text = head_and_rest(text)
            if command_name in ("", "help"):
                await ack(text=HELP, response_type="ephemeral")
                return
        channel = command.get("channel_id", "")
        caller = slack_caller(settings, command.get("team_id", ""), command.get("user_id", ""), channel)
        refused = commands.refusal(command_name, text, caller)
        if refused:
            await ack(text=refused, response_type="ephemeral")
            return
        await ack()
        try:
            answer, chart = await commands.run(command_name, text, caller)
        except Exception:   # the user gets a line, the log gets the traceback
            log.exception("slack /%s failed", command_name)
            answer, chart = answers.error("Sorry, that failed on our side; the error is in newsbot's log."), None
        if chart is not None:
            note = await upload_chart(client, channel, chart)
            if note:
                answer.blocks.append({"type": "context", "elements": [answers.plain(note, 300)]})
        await respond(**answer.payload())

    def register(name: str) -> None:
        async def listener(ack, command, respond, client):
            await handle(name, ack, command, respond, client)

        listener.__name__ = f"slash_{name}"
        app.command(f"/{name}")(listener)

    for name in (*COMMANDS, "newsbot"):
        register(name)

    @app.action("newsbot_open_link")
    async def _link_clicked(ack) -> None:   # the alert's "Read the article" button opens a URL
        await ack()

    return app


async def upload_chart(client: AsyncWebClient, channel: str, chart: Chart) -> str | None:
    """Post the chart into the channel; a note for the answer when the workspace does not allow it."""
    try:
        await client.files_upload_v2(channel=channel, file=chart.png, filename=chart.filename,
                                     title=chart.title)
        return None
    except SlackApiError as e:
        code = e.response.get("error") if e.response is not None else "error"
        reasons = {"missing_scope": "the app lacks the files:write scope",
                   "not_in_channel": "invite the app to this channel to get charts",
                   "channel_not_found": "invite the app to this channel to get charts"}
        return f"Chart not posted: {reasons.get(code, code)}."
    except (SlackClientError, OSError):
        log.warning("chart upload failed", exc_info=True)
        return "Chart not posted: upload failed."
