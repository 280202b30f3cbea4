"""One request, one answer: `/feeds add` of a duplicate, an invalid and a private URL answers the same
on Discord, on Slack and at the CLI, because all three call the same use case (bot/app/feeds.py)."""

from __future__ import annotations

import asyncio
import re

from typer.testing import CliRunner

from bot.cli import app as cli
from tests.platforms.discord.test_slash_commands import opt, sub
from tests.platforms.slack.driver import ADMIN, workspace

FEED = "https://news.example/rss"
REQUESTS = {"duplicate": FEED, "invalid": "gopher://news.example/rss", "private": "http://10.1.2.3/rss"}


def same(text: str) -> str:
    """What a reader sees, without each surface's frame: Discord's warning sign, the CLI's "error:"."""
    return " ".join(text.split()).removeprefix("⚠️ ").removeprefix("error: ")


async def on_discord(fake, url: str) -> str:
    shown = (await fake.interact("feeds", sub("add", opt("url", url)), manager=True))["data"]["content"]
    return same(re.sub(r"\\(.)", r"\1", shown))        # Discord shows `\_` as `_`


async def on_slack(slack, url: str) -> str:
    return same((await slack.command("/feeds", f"add {url}", user=ADMIN))["text"])


async def on_cli(config: str, url: str) -> str:
    result = await asyncio.to_thread(CliRunner().invoke, cli, ["feeds", "add", url, "--config", config],
                                     env={"COLUMNS": "200", "NO_COLOR": "1"})
    return same(result.output)


async def test_feeds_add_answers_the_same_everywhere(fake_discord, running_bot, store, cli_config):
    async with workspace(store) as slack:
        assert (await on_discord(fake_discord, FEED)).startswith("Added feed “news.example” from “https://news.example/rss”")
        for case, url in REQUESTS.items():
            answers = {"discord": await on_discord(fake_discord, url), "slack": await on_slack(slack, url),
                       "cli": await on_cli(cli_config, url)}
            assert len(set(answers.values())) == 1, (case, answers)
            expected = {"duplicate": "That feed is already followed.",
                        "invalid": "That feed URL cannot be used: only http and https URLs can be fetched, not gopher.",
                        "private": "That feed URL cannot be used: 10.1.2.3 is not a public address"}[case]
            assert answers["cli"].startswith(expected), case
