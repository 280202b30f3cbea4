"""Plays Slack's side of a workspace: signs slash commands, POSTs them to the real Bolt app, and
collects the answers Slack would show. Tests drive one or several workspaces with it."""

from __future__ import annotations

import contextlib
import json
import time
from collections.abc import AsyncIterator
from urllib.parse import urlencode

import aiohttp
from aiohttp.test_utils import TestServer
from slack_sdk.signature import SignatureVerifier

from bot.platforms.slack.app import build_slack_app
from bot.platforms.slack.server import http_app
from bot.platforms.slack.client import make_web_client
from bot.settings import Settings
from bot.store import Store
from tests.fakes.slack_server import FakeSlack

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
ADMIN, MEMBER = "UADMIN01", "UMEMBER1"


class Slack:
    """Plays Slack's side: signs and POSTs slash commands to the app, collects response_url answers."""

    def __init__(self, fake: FakeSlack, url: str, session: aiohttp.ClientSession, store: Store,
                 team: str = "T0TEAM"):
        self.fake, self.url, self.session, self.store, self.team = fake, url, session, store, team
        self.signer = SignatureVerifier(SECRET)
        self.n = 0

    def body(self, command: str, text: str = "", user: str = MEMBER, channel: str = "C1") -> str:
        self.n += 1
        return urlencode({"token": "legacy-unused", "team_id": self.team, "team_domain": "fake",
                          "channel_id": channel, "channel_name": "alerts", "user_id": user,
                          "user_name": "someone", "command": command, "text": text,
                          "response_url": self.fake.response_url(f"r{self.n}"), "trigger_id": f"t{self.n}"})

    async def post(self, body: str, *, timestamp: int | None = None, signature: str | None = None,
                   sent_body: str | None = None) -> tuple[int, str]:
        ts = str(timestamp if timestamp is not None else int(time.time()))
        sig = signature if signature is not None else self.signer.generate_signature(timestamp=ts, body=body)
        async with self.session.post(self.url, data=(sent_body or body).encode(), headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig}) as resp:
            return resp.status, await resp.text()

    async def command(self, command: str, text: str = "", user: str = MEMBER, channel: str = "C1") -> dict:
        """Run a command that answers after its ack; returns the response_url payload."""
        before = len(self.fake.responses)
        status, ack = await self.post(self.body(command, text, user, channel))
        assert status == 200, ack
        assert ack == "", f"expected an empty ack, got {ack!r}"
        answer = (await self.fake.wait_responses(before + 1))[before]
        assert "_invalid_blocks" not in answer, answer["_invalid_blocks"]
        return answer

    async def refused(self, command: str, text: str = "", user: str = MEMBER) -> str:
        status, ack = await self.post(self.body(command, text, user))
        assert status == 200
        return json.loads(ack)["text"]


def settings(**slack) -> Settings:
    return Settings(slack={"enabled": True, "admins": [ADMIN], **slack})


@contextlib.asynccontextmanager
async def workspace(store: Store, app_settings: Settings | None = None, *, team: str = "T0TEAM",
                    fake: FakeSlack | None = None) -> AsyncIterator[Slack]:
    """newsbot's Bolt app served over HTTP on 127.0.0.1, and a Slack driver for workspace `team`."""
    async with contextlib.AsyncExitStack() as stack:
        if fake is None:
            fake = await stack.enter_async_context(FakeSlack())
        session = await stack.enter_async_context(aiohttp.ClientSession())
        bolt = build_slack_app(app_settings or settings(), store, make_web_client(fake.token, fake.api_url),
                               signing_secret=SECRET)
        server = TestServer(http_app(bolt, "/slack/events"), host="127.0.0.1")
        await server.start_server()
        stack.push_async_callback(server.close)
        yield Slack(fake, str(server.make_url("/slack/events")), session, store, team=team)
