"""A new user's first commands, run as they run them (a subprocess in their own folder)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from bot.settings import load_settings

REPO = Path(__file__).resolve().parents[1]


def newsbot(*args: str, cwd: Path, env: dict[str, str] | None = None, timeout: float = 120):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("NEWSBOT_")}
    clean.update({"COLUMNS": "80", "NO_COLOR": "1", "PYTHONPATH": str(REPO)} | (env or {}))
    return subprocess.run([sys.executable, "-m", "bot", *args], cwd=cwd, env=clean, capture_output=True,
                          text=True, timeout=timeout)


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.parametrize("command", [["poll", "--once"], ["run"], ["feeds", "list"], ["claims"]])
def test_without_a_config_file_it_says_where_it_looked_and_how_to_make_one(tmp_path, command):
    r = newsbot(*command, cwd=tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    err = " ".join(r.stderr.split())
    assert "no config file found" in err and str(tmp_path / "newsbot.toml") in err
    assert "$NEWSBOT_CONFIG" in err and "newsbot init" in err and "Traceback" not in err
    assert list(tmp_path.iterdir()) == []           # no ./newsbot.db appeared


def test_init_writes_a_commented_starter_that_polls(tmp_path):
    r = newsbot("init", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    cfg = tmp_path / "newsbot.toml"
    text = cfg.read_text()
    assert text.count("\n#") > 20                   # commented, not a bare skeleton
    settings = load_settings(cfg)
    assert settings.feeds == [] and [t.channels for t in settings.topics] == [["console"]]
    again = newsbot("init", cwd=tmp_path)
    assert again.returncode == 1 and "already exists" in again.stderr and cfg.read_text() == text
    poll = newsbot("poll", "--once", cwd=tmp_path)
    assert poll.returncode == 0, poll.stderr
    assert "No feeds to poll: add [[feeds]] tables to newsbot.toml" in " ".join(poll.stdout.split())
    assert f"new database: {tmp_path / 'newsbot.db'}" in poll.stderr


def test_a_relative_sqlite_path_is_beside_the_config_file_not_the_current_folder(tmp_path, monkeypatch):
    (tmp_path / "conf").mkdir()
    cfg = tmp_path / "conf" / "newsbot.toml"
    cfg.write_text('[database]\nurl = "sqlite+aiosqlite:///data.db"\n')
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert load_settings("../conf/newsbot.toml").database.url == f"sqlite+aiosqlite:///{tmp_path}/conf/data.db"
    (tmp_path / "conf" / "bare.toml").write_text("")            # the default path follows the same rule
    assert load_settings(tmp_path / "conf" / "bare.toml").database.url.endswith(f"{tmp_path}/conf/newsbot.db")
    monkeypatch.setenv("NEWSBOT_DATABASE__URL", "sqlite+aiosqlite:///from-env.db")   # env: as written
    assert load_settings(cfg).database.url == "sqlite+aiosqlite:///from-env.db"


def test_claims_from_another_folder_reads_the_services_database(tmp_path):
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "newsbot.toml").write_text('[[topics]]\nname = "Rain"\nquery = "rain"\n')
    assert newsbot("topics", "list", cwd=tmp_path / "svc").returncode == 0
    (tmp_path / "svc" / "sub").mkdir()
    r = newsbot("topics", "list", "-c", "../newsbot.toml", cwd=tmp_path / "svc" / "sub")
    assert r.returncode == 0 and "Rain" in r.stdout
    assert "new database" not in r.stderr and list((tmp_path / "svc" / "sub").iterdir()) == []


def test_a_mistyped_database_folder_is_refused_not_created(tmp_path):
    (tmp_path / "newsbot.toml").write_text('[database]\nurl = "sqlite+aiosqlite:////srv/nwesbot/newsbot.db"\n')
    r = newsbot("feeds", "list", cwd=tmp_path)
    assert r.returncode == 1
    assert "the database folder /srv/nwesbot does not exist" in " ".join(r.stderr.split())
    assert not Path("/srv/nwesbot").exists()


def test_an_unreachable_database_says_which_and_what_to_check_without_the_password(tmp_path):
    port = closed_port()
    url = f"postgresql+asyncpg://newsbot:s3cretpw@127.0.0.1:{port}/newsbot"
    r = newsbot("feeds", "list", cwd=tmp_path, env={"NEWSBOT_DATABASE__URL": url})
    err = " ".join(r.stderr.split())
    assert r.returncode == 1 and "Traceback" not in err
    assert f"cannot reach the database at postgresql+asyncpg://newsbot:" in err and f"127.0.0.1:{port}/newsbot" in err
    assert "PostgreSQL is running" in err and "s3cretpw" not in err


def test_version(tmp_path):
    r = newsbot("--version", cwd=tmp_path)
    assert r.returncode == 0 and r.stdout.strip() == "newsbot 0.1.0"


def test_help_has_no_type_markers_and_demo_says_what_it_prints(tmp_path):
    for command in ([], ["run"], ["poll"], ["feeds", "add"], ["topics", "test"], ["claims"], ["init"]):
        r = newsbot(*command, "--help", cwd=tmp_path)
        assert r.returncode == 0, (command, r.stderr)
        for marker in ("<bool>", "<str>", "<int", "<path>", "{url}"):
            assert marker not in r.stdout, (command, marker)
    demo = " ".join(newsbot("demo", "--help", cwd=tmp_path).stdout.replace("│", " ").split())
    assert "panel in this terminal" in demo and "as Discord or Slack would receive" not in demo


def test_poll_once_fails_when_every_feed_failed_and_names_each_failure_once(tmp_path):
    port = closed_port()
    urls = [f"http://127.0.0.1:{port}/world.xml", f"http://127.0.0.1:{port}/sport.xml"]
    (tmp_path / "newsbot.toml").write_text("[fetch]\nallow_private_addresses = true\n" + "".join(
        f'[[feeds]]\nurl = "{u}"\n' for u in urls))
    r = newsbot("poll", "--once", cwd=tmp_path)
    assert r.returncode == 1, r.stdout + r.stderr
    both = r.stdout + r.stderr
    for u in urls:
        assert both.count(u) == 1, both
    assert "every feed failed (2 of 2)" in r.stderr
