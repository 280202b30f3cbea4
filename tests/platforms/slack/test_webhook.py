"""Webhook destinations: a receiver can verify the signature; errors are classified; URLs stay secret."""

from __future__ import annotations

import hashlib
import hmac
import json

import aiohttp
import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer

from bot.delivery.base import DeliveryError
from bot.platforms.webhook import WebhookDestination, verify
from tests.fakes.slack_server import FakeSlack
from tests.builders import HOSTILE_TITLE, alert as make_alert

SECRET = "s3cret-for-hmac"


class Receiver:
    """A webhook receiver as a user would write it: recompute the HMAC over the raw body."""

    def __init__(self, statuses=()):
        self.requests: list[tuple[dict, bytes]] = []
        self.statuses = list(statuses)

    async def handle(self, request: web.Request) -> web.Response:
        self.requests.append((dict(request.headers), await request.read()))
        status = self.statuses.pop(0) if self.statuses else 204
        headers = {"Retry-After": "0"} if status == 429 else {}
        return web.Response(status=status, headers=headers)


@pytest.fixture
async def receiver(tmp_path):
    rec = Receiver()
    rec.tmp = tmp_path
    app = web.Application()
    app.router.add_post("/hook/{token}", rec.handle)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    rec.url = str(server.make_url("/hook/tok-abc123"))
    yield rec
    await server.close()


async def test_generic_json_webhook_is_signed_over_the_raw_body(receiver):
    dest = WebhookDestination("n8n", receiver.url, kind="json", secret=SECRET, clock=lambda: 1_730_000_000)
    assert await dest.send(make_alert(title=HOSTILE_TITLE), "n-1") is None
    await dest.close()
    [(headers, body)] = receiver.requests
    expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-Newsbot-Signature"], expected)
    assert verify(SECRET, body, headers["X-Newsbot-Signature"])
    data = json.loads(body)
    assert headers["X-Newsbot-Timestamp"] == "1730000000" == str(data["sent_at"])
    assert headers["X-Newsbot-Delivery"] == data["nonce"] == "n-1"
    assert data["title"] == HOSTILE_TITLE          # JSON receivers get the text as it was
    assert data["outlet"] == "Example Wire" and data["topic"] == "nk-troops"
    assert data["published"] == "2024-10-18T09:30:00+00:00"
    assert [(f["value"], f["source"]) for f in data["figures"]][:2] == [(10000, "Zelensky"), (2600, "Budanov")]
    assert data["why"] == {"title": ["north korea*", "troops"]}


async def test_22_a_changed_body_or_wrong_secret_fails_verification(receiver):
    dest = WebhookDestination("n8n", receiver.url, kind="json", secret=SECRET)
    await dest.send(make_alert(), "n")
    await dest.close()
    [(headers, body)] = receiver.requests
    sig = headers["X-Newsbot-Signature"]
    reserialised = json.dumps(json.loads(body), indent=1).encode()
    assert not verify(SECRET, reserialised, sig)
    assert not verify("other", body, sig)
    assert not verify(SECRET, body, None)


@pytest.mark.parametrize("status,kind", [(400, "permanent"), (401, "pause"), (403, "pause"),
                                         (404, "pause"), (410, "pause"), (500, "retry"), (503, "retry")])
async def test_16_statuses_are_classified_and_the_url_never_shows(receiver, status, kind):
    receiver.statuses = [status]
    dest = WebhookDestination("ops", receiver.url, kind="json", secret=SECRET)
    with pytest.raises(DeliveryError) as err:
        await dest.send(make_alert(), "n")
    await dest.close()
    assert err.value.kind == kind
    assert "tok-abc123" not in str(err.value) and "tok-abc123" not in repr(dest)
    assert len(receiver.requests) == 1        # never retried in a loop


async def test_15_a_429_is_waited_out_then_delivered_once(receiver):
    receiver.statuses = [429, 204]
    waits: list[float] = []

    async def fake_sleep(s: float) -> None:
        waits.append(s)

    dest = WebhookDestination("ops", receiver.url, kind="json", secret=SECRET, sleep=fake_sleep)
    await dest.send(make_alert(), "n")
    await dest.close()
    assert waits == [0.0] and len(receiver.requests) == 2
    assert json.loads(receiver.requests[0][1])["nonce"] == json.loads(receiver.requests[1][1])["nonce"]


async def test_a_dead_receiver_is_a_retry_not_a_crash():
    dest = WebhookDestination("ops", "http://127.0.0.1:9/hook", kind="json")
    with pytest.raises(DeliveryError) as err:
        await dest.send(make_alert(), "n")
    await dest.close()
    assert err.value.kind == "retry"


async def test_slack_incoming_webhook_gets_the_same_safe_blocks():
    async with FakeSlack() as fake:
        async with aiohttp.ClientSession() as session:
            dest = WebhookDestination("team", fake.webhook_url("T1/B1/xyz"), kind="slack", session=session)
            await dest.send(make_alert(title=HOSTILE_TITLE), "n")
            [raw] = fake.webhook_posts["T1/B1/xyz"]
            msg = json.loads(raw)
            assert msg["link_names"] is False and msg["unfurl_links"] is False
            assert "<!" not in raw.decode() and "12,000 soldiers in four brigades" in raw.decode()
            fake.webhook_status["T1/B1/xyz"] = 404
            with pytest.raises(DeliveryError) as err:
                await dest.send(make_alert(), "n")
            assert err.value.kind == "pause" and "xyz" not in str(err.value)


async def test_16_webhook_settings_build_a_signing_sender_and_pause_on_an_unset_secret(receiver, monkeypatch):
    from bot.platforms.webhook import webhook_destination
    from bot.settings import Settings, WebhookSettings, missing_webhook_secrets

    hook = WebhookSettings(name="n8n", url=receiver.url, kind="json", secret_env="NEWSBOT_TEST_HOOK_SECRET")
    monkeypatch.chdir(receiver.tmp)     # no stray .env
    monkeypatch.delenv("NEWSBOT_TEST_HOOK_SECRET", raising=False)
    assert missing_webhook_secrets(Settings(webhooks=[hook])) == ["NEWSBOT_TEST_HOOK_SECRET"]
    with pytest.raises(DeliveryError) as err:
        await webhook_destination(hook).send(make_alert(), "n")
    assert err.value.kind == "pause" and "NEWSBOT_TEST_HOOK_SECRET is not set" in err.value.reason
    assert receiver.requests == []      # never sent unsigned
    monkeypatch.setenv("NEWSBOT_TEST_HOOK_SECRET", SECRET)
    dest = webhook_destination(hook)
    try:
        await dest.send(make_alert(), "n")
    finally:
        await dest.close()
    [(headers, body)] = receiver.requests
    assert verify(SECRET, body, headers["X-Newsbot-Signature"])
