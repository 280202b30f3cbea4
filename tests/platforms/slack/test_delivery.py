"""The real AsyncWebClient posting alerts to a local fake Slack: content, 429s, errors, exactly once."""

from __future__ import annotations

import json

import pytest

from bot.delivery.base import DeliveryError
from bot.platforms.slack.client import make_web_client
from bot.platforms.slack.sender import SlackDestination
from tests.builders import HOSTILE_TITLE, alert as make_alert, figure as fig


async def test_alert_arrives_as_blocks_with_figures_and_no_pings(fake_slack, web_client):
    alert = make_alert(title=HOSTILE_TITLE, figures=(fig(12000, "soldiers", "NIS <!everyone>"),))
    ts = await SlackDestination(web_client, "C1").send(alert, "n-1")
    [msg] = fake_slack.posted("C1")
    assert ts == msg["ts"]
    raw = json.dumps(msg)
    assert "12,000 soldiers\\n\\u2014 NIS &lt;!everyone&gt;" in raw
    assert "<!" not in raw and "<@" not in raw and "<http" not in raw
    [call] = fake_slack.calls_to("chat.postMessage")
    assert call.params["link_names"] is False and call.params["unfurl_links"] is False
    assert call.params["metadata"] == {"event_type": "newsbot_alert", "event_payload": {"nonce": "n-1"}}
    assert call.headers["Authorization"] == "Bearer xoxb-test-token"


async def test_15_a_429_with_retry_after_is_waited_out_and_the_alert_arrives_once(fake_slack, web_client):
    fake_slack.rate_limit_next("chat.postMessage", retry_after="0", times=2)
    await SlackDestination(web_client, "C1").send(make_alert(), "n-429")
    posts = fake_slack.calls_to("chat.postMessage")
    assert [c.status for c in posts] == [429, 429, 200]
    assert len(fake_slack.posted("C1")) == 1


async def test_15_the_retry_after_delay_is_honoured(fake_slack, web_client):
    fake_slack.rate_limit_next("chat.postMessage", retry_after="1")
    await SlackDestination(web_client, "C1").send(make_alert(), "n-wait")
    first, second = fake_slack.calls_to("chat.postMessage")
    assert second.at - first.at >= 1.0
    assert len(fake_slack.posted("C1")) == 1


async def test_429s_beyond_the_retry_budget_go_back_to_the_outbox_with_the_delay(fake_slack, web_client):
    fake_slack.rate_limit_next("chat.postMessage", retry_after="0", times=3)
    with pytest.raises(DeliveryError) as err:
        await SlackDestination(web_client, "C1").send(make_alert(), "n")
    assert err.value.kind == "retry" and err.value.retry_after_s == 0
    assert fake_slack.posted("C1") == []


async def test_17_a_resend_with_the_same_nonce_returns_the_first_message(fake_slack, web_client):
    dest = SlackDestination(web_client, "C1", min_interval_s=0)
    first = await dest.send(make_alert(), "n-same")
    await dest.send(make_alert(title="another"), "n-other")
    again = await SlackDestination(web_client, "C1").send(make_alert(), "n-same")   # "after a restart"
    assert again == first
    assert len(fake_slack.posted("C1")) == 2
    lookups = fake_slack.calls_to("conversations.history")
    assert all(c.params["include_all_metadata"] in ("1", "true", True) for c in lookups)


async def test_the_duplicate_check_pages_through_a_busy_channel(fake_slack, web_client, monkeypatch):
    monkeypatch.setattr("bot.platforms.slack.sender.HISTORY_LIMIT", 2)
    dest = SlackDestination(web_client, "C1", min_interval_s=0)
    first = await dest.send(make_alert(), "n-old")
    for i in range(4):
        await dest.send(make_alert(), f"n-{i}")
    assert await dest.send(make_alert(), "n-old") == first
    assert len(fake_slack.posted("C1")) == 5


async def test_without_history_scope_it_still_posts(fake_slack):
    fake_slack.scopes = ("chat:write",)
    client = make_web_client(fake_slack.token, fake_slack.api_url)
    assert await SlackDestination(client, "C1").send(make_alert(), "n") is not None
    assert len(fake_slack.posted("C1")) == 1


@pytest.mark.parametrize("error,kind", [
    ("channel_not_found", "pause"), ("not_in_channel", "pause"), ("is_archived", "pause"),
    ("invalid_auth", "pause"), ("token_revoked", "pause"),
    ("invalid_blocks", "permanent"), ("msg_too_long", "permanent"),
    ("internal_error", "retry"), ("rate_limited", "retry"),
])
async def test_16_errors_are_classified_for_the_outbox(fake_slack, web_client, error, kind):
    fake_slack.fail_next("chat.postMessage", error=error)
    with pytest.raises(DeliveryError) as err:
        await SlackDestination(web_client, "C1", check_history=False).send(make_alert(), "n")
    assert err.value.kind == kind and error in err.value.reason


async def test_16_a_deleted_channel_pauses_and_a_500_retries(fake_slack, web_client):
    with pytest.raises(DeliveryError) as err:
        await SlackDestination(web_client, "CGONE1").send(make_alert(), "n")
    assert err.value.kind == "pause"
    fake_slack.fail_next("chat.postMessage", status=503, error="service_unavailable")
    with pytest.raises(DeliveryError) as err:
        await SlackDestination(web_client, "C1", check_history=False).send(make_alert(), "n")
    assert err.value.kind == "retry"


async def test_23_a_wrong_token_pauses_without_showing_the_token(fake_slack):
    client = make_web_client("xoxb-secret-wrong", fake_slack.api_url)
    with pytest.raises(DeliveryError) as err:
        await SlackDestination(client, "C1").send(make_alert(), "n")
    assert err.value.kind == "pause"
    assert "xoxb" not in str(err.value) and err.value.__cause__ is None


async def test_15_posts_to_one_channel_are_spaced_a_second_apart(fake_slack, web_client):
    now = [100.0]
    waits: list[float] = []

    async def fake_sleep(s: float) -> None:
        waits.append(s)
        now[0] += s

    dest = SlackDestination(web_client, "C1", check_history=False, clock=lambda: now[0], sleep=fake_sleep)
    for i in range(3):
        await dest.send(make_alert(), f"n-{i}")
        now[0] += 0.25          # the rest of the outbox round takes a little time
    assert waits == [1.0 - 0.25, 1.0 - 0.25]
    assert len(fake_slack.posted("C1")) == 3


async def test_14_a_huge_hostile_alert_is_accepted_by_slack_limits(fake_slack, web_client):
    many = tuple(fig(i, "x" * 3000, "<!here>" * 400) for i in range(120))
    alert = make_alert(title="<!channel>" * 600, summary="&<>" * 4000, figures=many, link="https://x.example/" + "a" * 5000)
    await SlackDestination(web_client, "C1").send(alert, "n-big")
    [msg] = fake_slack.posted("C1")      # the fake refuses what Slack would call invalid_blocks
    assert "<!" not in json.dumps(msg)
