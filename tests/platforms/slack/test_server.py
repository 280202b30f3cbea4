"""Starting the Slack front end: Socket Mode and HTTP mode end to end, and a clear refusal without secrets."""

from __future__ import annotations

import asyncio
import socket
import time
from types import SimpleNamespace
from urllib.parse import urlencode

import aiohttp
import pytest
from slack_sdk.signature import SignatureVerifier

from bot.platforms.slack.server import run_slack_http, run_slack_socket, start_slack
from bot.settings import ConfigError, Settings
from tests.fakes.slack_server import FakeSlack

ADMIN = "UADMIN01"


def command(fake: FakeSlack, text: str, user: str = "UMEMBER1", name: str = "/topics") -> dict:
    return {"team_id": "T0TEAM", "channel_id": "C1", "user_id": user, "command": name, "text": text,
            "response_url": fake.response_url("sock"), "trigger_id": "t1", "token": "legacy"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def stop(task: asyncio.Task) -> None:
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task


async def test_socket_mode_answers_commands_over_the_websocket(store, monkeypatch):
    async with FakeSlack() as fake:
        monkeypatch.setenv("SLACK_BOT_TOKEN", fake.token)
        monkeypatch.setenv("SLACK_APP_TOKEN", fake.app_token)
        monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)   # not needed in Socket Mode
        settings = Settings(slack={"enabled": True, "mode": "socket", "api_url": fake.api_url, "admins": [ADMIN]})
        task = asyncio.create_task(run_slack_socket(settings, store))
        try:
            ack = await fake.push("slash_commands", command(fake, 'add nk "north korea*" AND troops', ADMIN))
            assert "payload" not in ack or not ack["payload"]          # an empty ack, work after it
            [answer] = await fake.wait_responses(1)
            assert answer["text"] == "Added topic “nk”; its alerts go to <#C1>."
            assert (await store.get_topic("nk")).channels == ("slack:C1",)
            refused = await fake.push("slash_commands", command(fake, "remove nk"))
            assert "Only newsbot admins" in refused["payload"]["text"]
            assert fake.calls_to("apps.connections.open")[0].headers["Authorization"] == f"Bearer {fake.app_token}"
        finally:
            await stop(task)


async def test_http_mode_serves_signed_requests_on_the_configured_port(store, monkeypatch):
    async with FakeSlack() as fake:
        monkeypatch.setenv("SLACK_BOT_TOKEN", fake.token)
        monkeypatch.setenv("SLACK_SIGNING_SECRET", "sekrit")
        port = free_port()
        settings = Settings(slack={"enabled": True, "api_url": fake.api_url, "http_port": port,
                                   "http_path": "/hooks/slack"})
        probes: dict = {}
        task = asyncio.create_task(start_slack(settings, SimpleNamespace(store=store, probes=probes)))
        try:
            body = urlencode(command(fake, "list"))
            ts = str(int(time.time()))
            sig = SignatureVerifier("sekrit").generate_signature(timestamp=ts, body=body)
            headers = {"Content-Type": "application/x-www-form-urlencoded",
                       "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": sig}
            async with aiohttp.ClientSession() as http:
                for _ in range(200):    # wait for the listener to come up (polls the socket, not a clock)
                    try:
                        async with http.post(f"http://127.0.0.1:{port}/hooks/slack", data=body,
                                             headers=headers) as resp:
                            status = resp.status
                        break
                    except aiohttp.ClientConnectorError:
                        await asyncio.sleep(0.01)
                assert status == 200
            [answer] = await fake.wait_responses(1)
            assert "No topics yet" in answer["text"]
            assert probes["slack http"]() is True
        finally:
            await stop(task)


@pytest.mark.parametrize("mode,missing,present", [
    ("http", "SLACK_SIGNING_SECRET", {"SLACK_BOT_TOKEN": "xoxb-secret-value"}),
    ("http", "SLACK_BOT_TOKEN", {"SLACK_SIGNING_SECRET": "signing-secret-value"}),
    ("socket", "SLACK_APP_TOKEN", {"SLACK_BOT_TOKEN": "xoxb-secret-value"}),
])
async def test_23_refuses_to_start_without_its_secret_and_names_only_the_variable(
        store, monkeypatch, tmp_path, mode, missing, present):
    monkeypatch.chdir(tmp_path)     # no stray .env
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    for k, v in present.items():
        monkeypatch.setenv(k, v)
    settings = Settings(slack={"enabled": True, "mode": mode, "http_port": free_port()})
    runner = run_slack_http if mode == "http" else run_slack_socket
    with pytest.raises(ConfigError) as err:
        await asyncio.wait_for(runner(settings, store), 5)
    assert missing in str(err.value)
    assert not any(v in str(err.value) for v in present.values())
