"""429s count in `newsbot_rate_limited_total` even when discord.py or slack-sdk wait them out silently."""

from __future__ import annotations

from bot.ops.metrics import RATE_LIMITED
from bot.platforms.discord.client import rest_client
from bot.platforms.discord.sender import DiscordDestination
from bot.platforms.slack.client import make_web_client
from bot.platforms.slack.sender import SlackDestination
from tests.builders import alert
from tests.fakes.fixtures import DISCORD_TOKEN as TOKEN
from tests.fakes.fixtures import bot_settings
from tests.fakes.slack_server import FakeSlack


def _count(peer: str) -> float:
    return RATE_LIMITED.labels(peer)._value.get()


async def test_slack_429s_waited_out_by_the_client_are_counted():
    async with FakeSlack() as fake:
        fake.rate_limit_next("chat.postMessage", retry_after="0", times=2)
        before = _count("slack")
        await SlackDestination(make_web_client(fake.token, fake.api_url), "C1").send(alert(), "n-429")
        assert len(fake.posted("C1")) == 1
        assert _count("slack") - before == 2


async def test_discord_429s_waited_out_by_discord_py_are_counted(fake_discord, monkeypatch):  # noqa: F811
    monkeypatch.setenv("DISCORD_TOKEN", TOKEN)
    channel = fake_discord.channel_id
    fake_discord.rate_limit_next("POST", f"/channels/{channel}/messages", retry_after=0.05)
    before = _count("discord")
    async with rest_client(bot_settings(fake_discord)) as client:
        await DiscordDestination(client, channel).send(alert(), "n-429")
    assert len(fake_discord.posted()) == 1
    assert _count("discord") - before == 1
