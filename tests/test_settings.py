"""A bad config stops the start with the key path and the reason, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import ConfigError, load_settings, parse_duration

REPO = Path(__file__).resolve().parents[1]


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "newsbot.toml"
    p.write_text(text, encoding="utf-8")
    return p


def test_example_and_demo_configs_load():
    s = load_settings(REPO / "config" / "newsbot.example.toml")
    assert s.database.url.startswith("sqlite+aiosqlite")
    demo = load_settings(REPO / "config" / "demo.toml")
    assert {t.name for t in demo.topics} >= {"North Korean troops for Russia", "South Korean arms policy"}


def test_bad_query_names_the_topic_and_column(tmp_path):
    cfg = write(tmp_path, '[[topics]]\nname="a"\nquery="x"\n[[topics]]\nname="b"\nquery="x"\n'
                          '[[topics]]\nname="c"\nquery="troops AND (russia OR kursk"\n')
    with pytest.raises(ConfigError) as e:
        load_settings(cfg)
    msg = str(e.value)
    assert "topics[2] ('c').query" in msg and "column" in msg


@pytest.mark.parametrize("toml, expected", [
    ('[fetch]\ntimeout_s = -1\n', "fetch.timeout_s"),
    ('[[feeds]]\nurl = "file:///etc/passwd"\n', "feeds[0] (file:///etc/passwd).url: only http"),
    ('[[feeds]]\nurl = "https://a.example/rss"\ninterval = "5 parsecs"\n', "feeds[0] (https://a.example/rss).interval"),
    ('[databse]\nurl = "x"\n', "databse: unknown key"),
    ('[database]\nurl = "mysql://x"\n', "database.url"),
    ('[[topics]]\nname = "t"\nquery = "x"\nchannels = ["irc:#news"]\n', "topics[0] ('t').channels"),
    ('[[topics]]\nname = "t"\nquery = "x"\nchannels = ["webhook:nope"]\n', "no [[webhooks]] entry named 'nope'"),
    ('[x\n', "not valid TOML"),
])
def test_bad_values_are_located(tmp_path, toml, expected):
    with pytest.raises(ConfigError) as e:
        load_settings(write(tmp_path, toml))
    assert expected in str(e.value)


def test_environment_overrides_the_file(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSBOT_DATABASE__URL", "postgresql+asyncpg://u@db/newsbot")
    monkeypatch.setenv("NEWSBOT_DISCORD__API_BASE", "http://127.0.0.1:9/api/v10")
    s = load_settings(write(tmp_path, '[database]\nurl = "sqlite+aiosqlite:///a.db"\n'))
    assert s.database.url == "postgresql+asyncpg://u@db/newsbot"
    assert s.discord.api_base == "http://127.0.0.1:9/api/v10"


@pytest.mark.parametrize("value, seconds", [(300, 300), ("30s", 30), ("5m", 300), ("1h", 3600), ("1.5h", 5400)])
def test_durations(value, seconds):
    assert parse_duration(value) == seconds


def test_cli_prints_one_line_not_a_traceback(tmp_path):
    cfg = write(tmp_path, '[[topics]]\nname="t"\nquery="(troops"\n')
    r = subprocess.run([sys.executable, "-m", "bot", "poll", "--once", "--config", str(cfg)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1
    assert "topics[0] ('t').query" in r.stderr and "Traceback" not in r.stderr + r.stdout


def test_webhook_url_can_come_from_the_environment(tmp_path, monkeypatch):
    cfg = write(tmp_path, '[[webhooks]]\nname = "n8n"\nurl_env = "TEST_HOOK_URL"\n')
    with pytest.raises(ConfigError) as e:
        load_settings(cfg)
    assert "TEST_HOOK_URL is not set" in str(e.value)
    monkeypatch.setenv("TEST_HOOK_URL", "https://hooks.example.org/abc/secret-part")
    hook = load_settings(cfg).webhooks[0]
    assert hook.url.endswith("secret-part") and "secret-part" not in repr(hook)
