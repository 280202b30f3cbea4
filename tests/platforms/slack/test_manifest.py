"""The README shows exactly the manifest the code needs, and the app registers exactly its commands."""

from __future__ import annotations

import re

import typer
import yaml
from slack_bolt.request.async_request import AsyncBoltRequest
from urllib.parse import urlencode
from typer.testing import CliRunner

from tests.conftest import REPO
from bot.platforms.slack.client import make_web_client
from bot.platforms.slack.app import build_slack_app
from bot.platforms.slack.manifest import build_manifest
from bot.settings import Settings

DOC = REPO / "README.md"


def doc_manifest() -> dict:
    [block] = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    return yaml.safe_load(block)


def test_the_documented_manifest_is_the_one_the_code_builds():
    assert doc_manifest() == build_manifest()


async def test_every_manifest_command_is_registered_by_the_bolt_app():
    app = build_slack_app(Settings(), store=None, client=make_web_client("xoxb-x", "http://127.0.0.1:9/api/"),
                          signing_secret="s")

    async def handled(command: str) -> bool:
        req = AsyncBoltRequest(body=urlencode({"command": command, "text": ""}),
                               headers={"content-type": ["application/x-www-form-urlencoded"]})
        return any([await m.async_matches(req, None) for lst in app._async_listeners for m in lst.matchers])

    documented = [c["command"] for c in build_manifest()["features"]["slash_commands"]]
    assert documented == ["/claims", "/recent", "/topics", "/feeds", "/subscribe", "/unsubscribe", "/newsbot"]
    assert [c for c in documented if not await handled(c)] == []
    assert not await handled("/undocumented")


def test_socket_mode_manifest_has_no_urls_and_the_cli_prints_it():
    from bot.commands.slack import register

    cli = typer.Typer()
    register(cli)

    @cli.command()
    def other() -> None:   # a second command so Typer keeps subcommand names
        pass

    result = CliRunner().invoke(cli, ["slack", "manifest", "--socket"])
    assert result.exit_code == 0
    m = yaml.safe_load(result.output)
    assert m["settings"]["socket_mode_enabled"] is True and "url" not in result.output
    result = CliRunner().invoke(cli, ["slack", "manifest", "--url", "https://bot.example.net/slack/events"])
    assert yaml.safe_load(result.output) == build_manifest("https://bot.example.net/slack/events")
