"""Config mistakes a new user makes, and what they are told: where, which feed, what was meant."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.settings import ConfigError, load_settings

FEEDS = "".join(f'[[feeds]]\nurl = "https://news{i}.example/rss.xml"\n' for i in range(3))


def write(tmp_path: Path, text: str) -> Path:
    p = tmp_path / "newsbot.toml"
    p.write_text(text, encoding="utf-8")
    return p


def problem(path: Path) -> str:
    with pytest.raises(ConfigError) as e:
        load_settings(path)
    return str(e.value)


def test_a_misspelt_key_is_located_by_the_feeds_url_and_the_right_key_offered(tmp_path):
    cfg = write(tmp_path, FEEDS + '[[feeds]]\nurl = "https://wire.example/world.xml"\nintervall = "5m"\n')
    msg = problem(cfg)
    assert "feeds[3] (https://wire.example/world.xml).intervall" in msg
    assert "did you mean `interval`?" in msg


@pytest.mark.parametrize("toml, meant", [
    ('[fetch]\nallow_private_adresses = true\n', "allow_private_addresses"),
    ('[databse]\nurl = "x"\n', "database"),
    ('[scheduler]\ntik = "5s"\n', "tick"),
    ('[[topics]]\nname = "t"\nquery = "x"\nchanels = ["console"]\n', "channels"),
])
def test_did_you_mean_in_every_section(tmp_path, toml, meant):
    assert f"did you mean `{meant}`?" in problem(write(tmp_path, toml))


def test_a_key_with_nothing_close_points_at_the_documented_list(tmp_path):
    msg = problem(write(tmp_path, '[fetch]\nzzzzzz = 1\n'))
    assert "unknown key" in msg and "did you mean" not in msg and "newsbot.example.toml" in msg


def test_a_topic_is_named_by_its_name(tmp_path):
    cfg = write(tmp_path, '[[topics]]\nname = "Climate"\nquery = "climate AND (warming"\n')
    msg = problem(cfg)
    assert "topics[0] ('Climate').query" in msg and "column" in msg


def test_a_webhook_channel_error_names_the_topic(tmp_path):
    msg = problem(write(tmp_path, '[[topics]]\nname = "Climate"\nquery = "x"\nchannels = ["webhook:nope"]\n'))
    assert "'Climate'" in msg and "no [[webhooks]] entry named 'nope'" in msg


def test_a_bad_environment_variable_is_blamed_on_it_not_on_the_file(tmp_path, monkeypatch):
    cfg = write(tmp_path, FEEDS)
    monkeypatch.setenv("NEWSBOT_FETCH__TIMEOUT_S", "soon")
    msg = problem(cfg)
    assert msg.startswith("environment variable NEWSBOT_FETCH__TIMEOUT_S: fetch.timeout_s:")
    assert str(cfg) not in msg


def test_an_unknown_key_set_from_the_environment_is_blamed_on_the_variable(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSBOT_FETCH__TIMEOUT", "3")
    msg = problem(write(tmp_path, FEEDS))
    assert "environment variable NEWSBOT_FETCH__TIMEOUT" in msg and "did you mean `timeout_s`?" in msg


def test_a_list_from_the_environment_that_is_not_json_is_a_config_error(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSBOT_FEEDS", "https://a.example/rss")
    msg = problem(write(tmp_path, ""))
    assert "environment variable NEWSBOT_FEEDS: not valid JSON" in msg


def test_a_misspelt_section_in_an_environment_variable_is_not_silently_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSBOT_DATABSE__URL", "postgresql+asyncpg://u@db/newsbot")
    msg = problem(write(tmp_path, ""))
    assert "NEWSBOT_DATABSE__URL" in msg and "did you mean NEWSBOT_DATABASE__URL?" in msg


def test_own_variables_for_url_env_are_left_alone(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSBOT_N8N_URL", "https://hooks.example.org/x")
    monkeypatch.setenv("NEWSBOT_ALERTS__HOOK", "https://hooks.example.org/y")   # nothing like a section
    assert load_settings(write(tmp_path, FEEDS)).feeds


def test_a_url_with_credentials_is_not_repeated_in_the_error(tmp_path):
    cfg = write(tmp_path, '[[feeds]]\nurl = "https://reader:hunter22@wire.example/x.xml"\nintervall = 5\n')
    msg = problem(cfg)
    assert "hunter22" not in msg and "wire.example/x.xml" in msg


def test_backfill_beyond_the_cap_says_the_cap_and_why(tmp_path):
    msg = problem(write(tmp_path, '[[feeds]]\nurl = "https://a.example/rss"\nbackfill = 200\n'))
    assert "feeds[0] (https://a.example/rss).backfill: must be 0 to 50" in msg and "flood" in msg
