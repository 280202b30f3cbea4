"""`newsbot run --role all|poll|deliver|frontend` (or `[run] role`): what each process starts and needs."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from bot.commands.run import _check_tokens, with_role
from bot.ops.health import expected_probes
from bot.runtime import Runtime
from bot.scheduler import build_scheduler
from bot.settings import Settings

REPO = Path(__file__).resolve().parents[2]
CHAT = {"discord": {"enabled": True}, "slack": {"enabled": True, "mode": "socket"}}


@pytest.mark.parametrize("role,jobs,probes", [
    ("all", {"poll", "outbox"}, ["discord gateway", "slack socket"]),
    ("poll", {"poll"}, []),
    ("deliver", {"outbox"}, []),
    ("frontend", set(), ["discord gateway", "slack socket"]),
])
def test_each_role_schedules_its_jobs_and_expects_its_connections(role, jobs, probes):
    settings = Settings(run={"role": role}, **CHAT)
    rt = Runtime(settings=settings, store=None, fetcher=None, router=None)
    assert {job.id for job in build_scheduler(rt).get_jobs()} == jobs
    assert expected_probes(settings) == probes


@pytest.mark.parametrize("role,missing", [
    ("all", ["DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"]),
    ("poll", []),                                   # polls feeds, sends nothing, answers nothing
    ("deliver", ["DISCORD_TOKEN", "SLACK_BOT_TOKEN"]),   # sends over REST, holds no socket
    ("frontend", ["DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"]),
])
def test_a_role_asks_only_for_the_secrets_it_uses(role, missing, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    for name in ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "SLACK_SIGNING_SECRET"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(run={"role": role}, **CHAT)
    if not missing:
        _check_tokens(settings)
        return
    with pytest.raises(typer.Exit):
        _check_tokens(settings)


def test_the_command_line_role_overrides_the_setting():
    settings = Settings(run={"role": "deliver"})
    assert with_role(settings, None).run.role == "deliver"
    assert with_role(settings, "poll").run.role == "poll"
    assert settings.run.role == "deliver"          # the loaded settings are not changed


def test_an_unknown_role_is_refused_with_the_choices(tmp_path):
    """In a process of its own: `run` sets up the service's logging, which must not leak into other tests."""
    config = tmp_path / "newsbot.toml"
    config.write_text(f'[database]\nurl = "sqlite+aiosqlite:///{tmp_path / "x.db"}"\n')
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSBOT_")}
    result = subprocess.run([sys.executable, "-m", "bot", "run", "--config", str(config), "--role", "everything"],
                            cwd=tmp_path, env={**env, "PYTHONPATH": str(REPO), "COLUMNS": "200"},
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 2
    assert "all, poll, deliver, frontend" in " ".join(result.stderr.split())


def test_role_and_lease_in_the_config_file_are_checked():
    assert Settings(run={"role": "frontend", "lease": "1m"}).run.lease == 60
    with pytest.raises(ValueError, match="role"):
        Settings(run={"role": "everything"})
    with pytest.raises(ValueError, match="greater than or equal to 3"):
        Settings(run={"lease": "1s"})
    with pytest.raises(ValueError, match="only PostgreSQL has schemas"):
        Settings(database={"schema": "newsbot"})
