"""Apprise destinations, delivered to a local JSON endpoint: nothing leaves loopback."""

from __future__ import annotations

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.platforms.apprise import AppriseDestination, render
from bot.delivery.base import DeliveryError
from tests.builders import alert as make_alert

SPOOF = "@everyone see [https://bank.example](https://evil.example) ||x|| `code` <b>"


@pytest.fixture
async def endpoint():
    got: list[dict] = []
    status = {"code": 200}

    async def handle(request: web.Request) -> web.Response:
        got.append(await request.json())
        return web.Response(status=status["code"])

    app = web.Application()
    app.router.add_post("/notify", handle)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    yield f"json://127.0.0.1:{server.port}/notify", got, status
    await server.close()


async def test_alert_arrives_through_apprise_as_plain_text(endpoint):
    url, got, _ = endpoint
    dest = AppriseDestination(url)
    assert dest.markdown is False
    await dest.send(make_alert(summary=SPOOF), "n")
    [msg] = got
    assert msg["title"] == "[nk-troops] North Korean troops reach Russia's Kursk region"
    assert "12,000 soldiers in four brigades — South Korea's National Intelligence Service (NIS)" in msg["message"]
    assert "about 10,000 soldiers — Zelensky" in msg["message"]
    assert "@everyone" not in msg["message"] and "@\u200beveryone" in msg["message"]
    assert msg["message"].endswith("https://news.example/nk-troops")


async def test_16_a_refusing_service_is_a_delivery_error_without_the_url(endpoint):
    url, _, status = endpoint
    status["code"] = 500
    with pytest.raises(DeliveryError) as err:
        await AppriseDestination(url).send(make_alert(), "n")
    assert err.value.kind == "retry" and "127.0.0.1" not in str(err.value)


def test_13_markdown_targets_get_escaped_feed_text():
    title, body = render(make_alert(summary=SPOOF), markdown=True)
    assert "\\[https://bank\\.example\\]\\(https://evil\\.example\\)" in body
    assert "\\|\\|x\\|\\|" in body and "\\`code\\`" in body and "\\<b\\>" in body
    assert "@everyone" not in body and "@everyone" not in title


async def test_16_an_unknown_apprise_url_pauses_with_a_clear_reason_without_the_url():
    dest = AppriseDestination("nosuch://token-abc@host")
    with pytest.raises(DeliveryError) as err:
        await dest.send(make_alert(), "n")
    assert err.value.kind == "pause" and "not valid" in err.value.reason and "token-abc" not in err.value.reason


def test_23_apprise_url_credentials_are_redacted_from_logs():
    from bot.redact import redact

    AppriseDestination("tgram://123456789:AAHsecretbottoken_abcdef/12315544/")
    line = redact("POST https://api.telegram.org/bot123456789:AAHsecretbottoken_abcdef/sendMessage failed")
    assert "AAHsecretbottoken_abcdef" not in line
