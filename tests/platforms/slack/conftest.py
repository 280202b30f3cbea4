"""Fixtures for the Slack/webhook/Apprise tests: a running fake Slack and alerts full of hostile text."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from bot.platforms.slack.client import make_web_client
from bot.models import Alert, Entry, Figure, Topic
from tests.fakes.slack_server import FakeSlack

HOSTILE_TITLE = "<!channel> <!here> <!everyone> <@U123> <https://evil.example|bank> & more"


def fig(value, what, source, approx=False, value_max=None, unit=None) -> Figure:
    return Figure(value=value, value_max=value_max, unit=unit, approx=approx, what=what,
                  source=source, sentence="", start=0, end=0)


TROOP_FIGURES = (
    fig(10000, "soldiers", "Zelensky", approx=True),
    fig(2600, "soldiers in the first group", "Budanov"),
    fig(11000, "soldiers by Nov. 1", "Budanov", approx=True),
    fig(12000, "soldiers in four brigades", "South Korea's National Intelligence Service (NIS)"),
    fig(1500, "special forces", "South Korea's National Intelligence Service (NIS)"),
)


def make_alert(title: str = "North Korean troops reach Russia's Kursk region",
               summary: str = "Officials gave differing counts of the deployment.",
               figures: tuple[Figure, ...] = TROOP_FIGURES,
               link: str | None = "https://news.example/nk-troops",
               created_at: datetime | None = None) -> Alert:
    entry = Entry(uid="u1", title=title, text=summary, link=link,
                  published=datetime(2024, 10, 18, 9, 30, tzinfo=timezone.utc))
    topic = Topic(name="nk-troops", query="\"north korea*\" AND troops", channels=("slack:C1",))
    return Alert(entry=entry, feed_name="Example Wire", topic=topic,
                 why={"title": ["north korea*", "troops"]}, summary=summary, figures=figures,
                 created_at=created_at or datetime.now(timezone.utc))


@pytest.fixture
async def fake_slack():
    async with FakeSlack() as fake:
        yield fake


@pytest.fixture
async def web_client(fake_slack):
    client = make_web_client(fake_slack.token, fake_slack.api_url, max_retry_count=2)
    yield client
