"""TESTING.md 23: secrets never reach logs (at DEBUG too), tracebacks or error messages, and a front
end whose token is missing does not start. The Discord and Slack halves (the bot token through
discord.py's own DEBUG logging, webhook tokens, Slack tokens) live beside their code in
tests/platforms/discord/test_secrets.py and tests/platforms/slack/."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.log_setup import install_logging
from bot.redact import redact, register_secret

REPO = Path(__file__).resolve().parents[2]
DISCORD = "MTIzNDU2Nzg5MDEyMzQ1Njc4.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789AB"
SLACK = "xoxb-1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx"
DB_PASSWORD = "Hunter2-db-pw"
DB_URL = f"postgresql+asyncpg://newsbot:{DB_PASSWORD}@127.0.0.1:1/newsbot"
HOOK = "https://discord.com/api/webhooks/123456789012345678/hooktokenHOOKTOKENhooktoken0123456789"
N8N = "https://n8n.internal.example/webhook/6f1c2f3e-secret-path"
SECRETS = (DISCORD, SLACK, DB_PASSWORD, "hooktokenHOOKTOKENhooktoken0123456789", "6f1c2f3e-secret-path")


def cli(*args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items()
            if not k.startswith("NEWSBOT_") and k not in ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN",
                                                          "SLACK_SIGNING_SECRET")}
    base.update(PYTHONPATH=str(REPO), COLUMNS="200", **(env or {}))
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=cwd, env=base, capture_output=True,
                          text=True, timeout=timeout, check=False)


@pytest.fixture
def restore_logging():
    """Logging as it was, and the registered secrets of earlier tests out of the way: an Apprise
    test registers the pieces of its URLs, a webhook id among them, which would redact more here."""
    from bot import redact as redact_module

    root = logging.getLogger()
    saved = root.handlers[:], root.level, sys.excepthook
    registered = set(redact_module._extra)
    redact_module._extra.clear()
    yield
    root.handlers[:], _, sys.excepthook = saved
    root.setLevel(saved[1])
    redact_module._extra.clear()
    redact_module._extra.update(registered)


def test_23_debug_logs_and_tracebacks_carry_no_secret(monkeypatch, capsys, restore_logging):
    monkeypatch.setenv("DISCORD_TOKEN", DISCORD)
    monkeypatch.setenv("SLACK_BOT_TOKEN", SLACK)
    register_secret(N8N)
    install_logging(logging.DEBUG)
    log = logging.getLogger("bot.test23")
    log.debug("connecting to %s as %s", DB_URL, {"token": DISCORD})
    log.debug("posting to %s and %s", HOOK, N8N)
    try:
        try:
            raise ValueError(f"slack said no to {SLACK}")
        except ValueError as inner:
            raise RuntimeError(f"could not open {DB_URL}") from inner
    except RuntimeError:
        log.exception("delivery crashed")
    log.debug("where we were", stack_info=True)
    err = capsys.readouterr().err
    assert "Traceback" in err and "RuntimeError: could not open" in err and "ValueError" in err
    assert "connecting to postgresql+asyncpg://newsbot:[redacted]@127.0.0.1:1/newsbot" in err
    assert "https://discord.com/api/webhooks/123456789012345678/[redacted]" in err
    for secret in SECRETS:
        assert secret not in err, secret


def test_23_an_uncaught_exception_is_printed_redacted(tmp_path):
    """Python prints an exception nobody caught itself, outside logging; install_logging covers it."""
    code = ("import os; from bot.log_setup import install_logging; install_logging(); "
            "raise RuntimeError('login failed for ' + os.environ['DISCORD_TOKEN'])")
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEWSBOT_")}
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=30,
                         env={**env, "PYTHONPATH": str(REPO), "DISCORD_TOKEN": DISCORD}, check=False)
    assert out.returncode == 1 and "RuntimeError: login failed for [redacted]" in out.stderr
    assert DISCORD not in out.stderr


def test_23_a_secret_kept_only_in_dotenv_is_redacted_too(tmp_path, monkeypatch):
    signing = "0123456789abcdef0123456789abcdef"         # no recognisable shape: only its value can match
    (tmp_path / ".env").write_text(f"SLACK_SIGNING_SECRET={signing}\n")
    monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)
    monkeypatch.chdir(tmp_path)
    assert redact(f"bad signature with {signing}") == "bad signature with [redacted]"


def test_23_a_database_password_never_shows_when_the_database_is_down(tmp_path):
    (tmp_path / "newsbot.toml").write_text(f'[database]\nurl = "{DB_URL}"\n')
    out = cli("--verbose", "poll", "--once", cwd=tmp_path)
    assert out.returncode == 1
    assert "DEBUG" in out.stderr                                  # really at DEBUG
    assert "error:" in out.stderr and "Traceback" not in out.stderr
    assert DB_PASSWORD not in out.stdout + out.stderr


@pytest.mark.parametrize(("section", "variable"), [
    ("[discord]\nenabled = true\n", "DISCORD_TOKEN"),
    ('[slack]\nenabled = true\nmode = "socket"\n', "SLACK_BOT_TOKEN"),
])
async def test_23_run_refuses_a_front_end_without_its_token(tmp_path, section, variable):
    from tests.fakes.discord_server import FakeDiscord

    fake = await FakeDiscord().start()
    try:
        config = section.replace("enabled = true\n", f'enabled = true\napi_base = "{fake.api_base}"\n', 1) \
            if variable == "DISCORD_TOKEN" else section
        (tmp_path / "newsbot.toml").write_text(f'[database]\nurl = "sqlite+aiosqlite:///{tmp_path / "r.db"}"\n'
                                               + config)
        out = await _in_thread(cli, "run", cwd=tmp_path, env={variable: ""})   # set but empty = missing
    finally:
        await fake.stop()
    assert out.returncode == 1
    assert f"missing environment variables: {variable}" in " ".join(out.stderr.split())
    assert "Traceback" not in out.stderr
    assert fake.requests == [] and not (tmp_path / "r.db").exists()   # refused before doing anything


async def _in_thread(fn, *args, **kw):
    import asyncio

    return await asyncio.to_thread(fn, *args, **kw)
