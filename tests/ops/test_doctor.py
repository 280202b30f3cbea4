"""`newsbot doctor` against the local fakes: each problem is a row with its fix, and exit code 1."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path

import pytest

from bot.store import Store
from tests.fakes.discord_server import FakeDiscord
from tests.fakes.feed_server import FeedServer
from tests.fakes.slack_server import FakeSlack

SEED = Path(__file__).resolve().parents[2] / "seeds" / "round1" / "kyiv-ledger.xml"
DISCORD_TOKEN = "fake-token.Zm9vYmFy.c2VjcmV0c2VjcmV0c2VjcmV0"
SEND_MESSAGES = 1 << 11


async def doctor(config: Path, **env: str) -> tuple[int, str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSBOT_", "DISCORD_", "SLACK_"))}
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "doctor", "--config", str(config), cwd=config.parent,
        env={**clean, "COLUMNS": "300", **env}, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT)
    out, _ = await asyncio.wait_for(proc.communicate(), 60)
    return proc.returncode, out.decode()


@pytest.fixture
async def served():
    async with FeedServer() as srv:
        srv.serve("/kyiv.xml", SEED.read_bytes())
        srv.serve("/page.html", b"<!doctype html><html><body>Hello</body></html>", content_type="text/html")
        yield srv


async def write_config(tmp_path: Path, srv: FeedServer, extra: str, feeds: tuple[str, ...] = ("/kyiv.xml",),
                       channels: str = '["console"]') -> Path:
    db = tmp_path / "doctor.db"
    store = await Store.open(f"sqlite+aiosqlite:///{db}")
    await store.migrate()
    await store.close()
    feed_tables = "".join(f'[[feeds]]\nurl = "{srv.url(p)}"\nname = "feed{i}"\n' for i, p in enumerate(feeds))
    config = tmp_path / "newsbot.toml"
    config.write_text(f'[database]\nurl = "sqlite+aiosqlite:///{db}"\n[fetch]\nallow_private_addresses = true\n'
                      f'{extra}\n{feed_tables}[[topics]]\nname = "nk"\nquery = "troops"\nchannels = {channels}\n')
    return config


async def test_a_healthy_setup_passes(tmp_path, served):
    code, out = await doctor(await write_config(tmp_path, served, ""))
    assert code == 0, out
    assert "Everything checked is fine." in out and "FAIL" not in out


async def test_a_missing_discord_permission_is_reported_with_its_fix(tmp_path, served):
    fake = await FakeDiscord().start()
    try:
        fake.deny_everyone(555555555555555555, SEND_MESSAGES)
        extra = f'[discord]\nenabled = true\napi_base = "{fake.api_base}"\n'
        channels = f'["discord:{fake.channel_id}", "discord:555555555555555555", "discord:666666666666666666"]'
        code, out = await doctor(await write_config(tmp_path, served, extra, channels=channels),
                                 DISCORD_TOKEN=DISCORD_TOKEN)
    finally:
        await fake.stop()
    assert code == 1, out
    assert "valid: logged in as newsbot" in out
    assert "can view, send, embed and attach" in out                         # the alerts channel is fine
    assert "missing Send Messages" in out and "give the bot's role Send Messages in #locked-555555555555555555" in out
    assert "channel 666666666666666666" in out and "not found" in out         # a channel of no server it is in
    assert DISCORD_TOKEN not in out
    assert [r.method + " " + r.path for r in fake.requests if r.method != "GET"] == []   # read-only


async def test_a_slack_channel_the_bot_is_not_in_is_reported_with_its_fix(tmp_path, served):
    async with FakeSlack() as fake:
        fake.not_joined.add("C0OUTSIDE")
        extra = f'[slack]\nenabled = true\nmode = "socket"\napi_url = "{fake.api_url}"\n'
        code, out = await doctor(await write_config(tmp_path, served, extra, channels='["slack:C1", "slack:C0OUTSIDE"]'),
                                 SLACK_BOT_TOKEN=fake.token, SLACK_APP_TOKEN=fake.app_token)
        assert [c.method for c in fake.calls] == ["auth.test", "conversations.history", "conversations.history"]
    assert code == 1, out
    assert "channel C1" in out and "the app is a member" in out
    assert "not_in_channel" in out and "/invite @newsbot" in out
    assert fake.token not in out


async def test_bad_feeds_tokens_and_database_each_get_a_fix(tmp_path, served):
    config = await write_config(tmp_path, served, '[slack]\nenabled = true\n', feeds=("/kyiv.xml", "/page.html",
                                                                                      "/gone.xml"))
    (tmp_path / "doctor.db").unlink()
    code, out = await doctor(config)
    assert code == 1
    assert "not a feed: the server sent an HTML page" in out and "look for the site's feed link" in out
    assert "HTTP 404" in out and "find the feed's current address" in out
    assert "SLACK_BOT_TOKEN" in out and "export SLACK_BOT_TOKEN" in out
    assert "run `newsbot db upgrade`" in out                                  # a fresh file: no migrations yet


async def test_a_bad_config_is_one_row_and_exit_1(tmp_path):
    config = tmp_path / "newsbot.toml"
    config.write_text('[[feeds]]\nurl = "https://example.org/rss"\nintervall = "5m"\n')
    code, out = await doctor(config)
    assert code == 1 and "intervall" in out and "unknown key" in out


async def test_feeds_added_from_chat_are_checked_too(tmp_path, served):
    from bot.models import Feed

    config = await write_config(tmp_path, served, "")
    store = await Store.open(f"sqlite+aiosqlite:///{tmp_path / 'doctor.db'}")
    await store.add_feed(Feed(url=served.url("/moved.xml"), name="Added in chat", guild="111111111111111111"))
    await store.close()
    code, out = await doctor(config)
    assert code == 1 and "Added in chat" in out and "HTTP 404" in out
