"""`newsbot claims` and `newsbot db upgrade` as a user runs them, on a config file's database."""

from __future__ import annotations

import asyncio
import io
import json

import pytest
import typer
from rich.console import Console
from typer.testing import CliRunner

from bot.commands import claims as claims_cmd, db as db_cmd
from bot.models import Alert, Figure, Topic
from bot.store import Store

from tests.builders import entry, polled_feed, utc


@pytest.fixture
def app() -> typer.Typer:
    app = typer.Typer()
    claims_cmd.register(app)
    db_cmd.register(app)
    return app


@pytest.fixture
def config(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    path = tmp_path / "newsbot.toml"
    path.write_text(f'[database]\nurl = "{url}"\n')
    return str(path), url


def run(app, *args):
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200", "NO_COLOR": "1"})


async def seed(url: str) -> None:
    store = await Store.open(url)
    await store.migrate()
    feed = await polled_feed(store, name="Seoul Wire")
    await store.sync_topics([Topic("NK troops", "troops")])
    (topic,) = await store.list_topics()
    (e,) = await store.add_entries(feed, [entry(1, title="[bold]Pyongyang[/] sends brigades",
                                                 published=utc(2026, 11, 1))])
    await store.add_figures(e.id, [
        Figure(12000, None, None, False, "soldiers", "South Korea's NIS", "s", 10, 16),
        Figure(10000, None, None, True, "troops", "Zelensky", "s", 30, 36),
        Figure(4, None, None, False, "brigades", None, "s", 40, 41),
    ])
    await store.add_alert(Alert(e, "Seoul Wire", topic, {}, ""))
    await store.close()


def test_db_upgrade_creates_the_schema_and_hides_the_password(app, config):
    path, _ = config
    result = run(app, "db", "upgrade", "--config", path)
    assert result.exit_code == 0, result.output
    assert "up to date" in result.output
    assert run(app, "db", "upgrade", "--config", path).exit_code == 0


def test_claims_table_groups_by_what(app, config):
    path, url = config
    asyncio.run(seed(url))
    result = run(app, "claims", "NK troops", "--config", path)
    assert result.exit_code == 0, result.output
    out = result.output
    assert out.index("troops") < out.index("brigade")
    assert "12,000" in out and "about 10,000" in out and "South Korea's NIS" in out and "Seoul Wire" in out
    assert "[bold]Pyongyang[/]" in out                  # feed text printed literally, not as markup
    assert "2026-11-01" in out


def test_claims_json_one_object_per_claim(app, config):
    path, url = config
    asyncio.run(seed(url))
    result = run(app, "claims", "--json", "--what", "soldier", "--config", path)
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [(r["group"], r["value"], r["approx"], r["source"]) for r in rows] == [
        ("troops", 12000, False, "South Korea's NIS"), ("troops", 10000, True, "Zelensky")]
    assert rows[0]["outlet"] == "Seoul Wire" and rows[0]["published"] == "2026-11-01T00:00:00+00:00"


def test_claims_refuses_unknown_topic_and_bad_since_in_one_line(app, config):
    path, url = config
    asyncio.run(seed(url))
    bad_topic = run(app, "claims", "nope", "--config", path)
    assert bad_topic.exit_code == 1 and "There is no topic named “nope”." in bad_topic.output
    assert "Traceback" not in bad_topic.output
    bad_since = run(app, "claims", "--since", "soon", "--config", path)
    assert bad_since.exit_code == 1 and "--since" in bad_since.output
    assert run(app, "claims", "--since", "7d", "--json", "--config", path).output == ""


def test_render_claims_when_there_are_none():
    out = io.StringIO()
    claims_cmd.render_claims(Console(file=out), [], "NK troops")
    assert "No claims stored yet for 'NK troops'" in out.getvalue()
