"""An alert reaches a Discord channel as one embed carrying its figures, and pings nobody."""

from __future__ import annotations

import asyncio

import discord
import pytest

from bot.delivery.base import DeliveryError
from bot.platforms.discord.sender import DiscordDestination
from bot.models import Figure
from tests.builders import alert as make_alert
from tests.fakes.fixtures import DISCORD_TOKEN as TOKEN

CHANNEL = 222222222222222222


async def test_alert_arrives_as_embed_with_figures(fake_discord, rest_client):
    dest = DiscordDestination(rest_client, CHANNEL)
    remote_id = await dest.send(make_alert(), "n-1")
    [msg] = fake_discord.posted()
    assert remote_id == msg["id"]
    [embed] = msg["embeds"]
    assert embed["title"] == "North Korean troops reach Russia's Kursk region"
    assert embed["url"] == "https://news.example/nk-troops"
    assert embed["footer"]["text"] == "Example Wire"
    assert embed["timestamp"].startswith("2024-10-18T09:30")
    names = [f["name"] for f in embed["fields"]]
    assert names[0] == "Topic" and "nk-troops" in embed["fields"][0]["value"]
    assert "12,000 soldiers in four brigades — South Korea's National Intelligence Service (NIS)" in names
    assert "about 10,000 soldiers — Zelensky" in names
    [body] = fake_discord.message_bodies()
    assert body["allowed_mentions"] == {"parse": []}
    assert body["nonce"] == "n-1" and body["enforce_nonce"] is True
    assert "content" not in body or not body["content"]


async def test_only_the_configured_role_may_be_pinged(fake_discord, rest_client):
    dest = DiscordDestination(rest_client, CHANNEL)
    await dest.send(make_alert("@everyone look <@&1>", mention_role="555555555555555555"), "n-2")
    [body] = fake_discord.message_bodies()
    assert body["content"] == "<@&555555555555555555>"
    allowed = body["allowed_mentions"]
    assert allowed["parse"] == [] and [str(r) for r in allowed["roles"]] == ["555555555555555555"]
    assert set(allowed) == {"parse", "roles"}


async def test_a_retry_with_the_same_nonce_after_a_crash_posts_once(fake_discord, rest_client):
    """TESTING.md 17: Discord accepted the first POST, we crashed before recording it, then retried."""
    dest = DiscordDestination(rest_client, CHANNEL)
    first = await dest.send(make_alert(), "delivery-42")
    # A fresh process (new login) retries the same outbox row.
    again = discord.Client(intents=discord.Intents(guilds=True))
    await again.login(TOKEN)
    try:
        second = await DiscordDestination(again, CHANNEL).send(make_alert(), "delivery-42")
    finally:
        await again.close()
    assert first == second
    assert len(fake_discord.posted()) == 1
    assert len([r for r in fake_discord.requests if r.path.endswith("/messages")]) == 2


async def test_long_outbox_nonces_are_shortened_stably(fake_discord, rest_client):
    dest = DiscordDestination(rest_client, CHANNEL)
    nonce = "alert-123456789:discord:222222222222222222"
    a = await dest.send(make_alert(), nonce)
    b = await dest.send(make_alert(), nonce)
    assert a == b and len(fake_discord.posted()) == 1
    assert len(fake_discord.message_bodies()[0]["nonce"]) <= 25


async def test_429_is_waited_out_and_the_alert_arrives_once(fake_discord, rest_client):
    """TESTING.md 15: retry_after in the body, Via header present -> discord.py sleeps and retries."""
    fake_discord.rate_limit_next("POST", f"/channels/{CHANNEL}/messages", retry_after=0.05)
    dest = DiscordDestination(rest_client, CHANNEL)
    loop = asyncio.get_running_loop()
    t0 = loop.time()
    await dest.send(make_alert(), "n-429")
    assert loop.time() - t0 >= 0.05
    statuses = [r.status for r in fake_discord.requests if r.path.endswith("/messages")]
    assert statuses == [429, 200]
    assert len(fake_discord.posted()) == 1


@pytest.mark.parametrize("status,kind", [(400, "permanent"), (403, "pause"), (404, "pause"), (401, "pause")])
async def test_http_errors_are_classified_for_the_outbox(fake_discord, rest_client, status, kind):
    fake_discord.fail_next("POST", "/messages", status, {"message": "nope", "code": 50001})
    with pytest.raises(DeliveryError) as err:
        await DiscordDestination(rest_client, CHANNEL).send(make_alert(), "n-err")
    assert err.value.kind == kind
    assert TOKEN not in err.value.reason and f"HTTP {status}" in err.value.reason
    assert len([r for r in fake_discord.requests if r.path.endswith("/messages")]) == 1  # not retried in a loop


async def test_a_client_that_is_not_logged_in_asks_for_a_retry_not_a_pause(fake_discord):
    client = discord.Client(intents=discord.Intents(guilds=True))
    with pytest.raises(DeliveryError) as err:
        await DiscordDestination(client, CHANNEL).send(make_alert(), "n")
    assert err.value.kind == "retry"
    assert fake_discord.requests == []


async def test_many_figures_are_cut_to_25_fields_and_6000_characters(fake_discord, rest_client):
    figs = tuple(Figure(1000 + i, None, None, False, "soldiers " + "x" * 200, "Source " + "y" * 200,
                        "s" * 2000, 0, 1) for i in range(40))
    await DiscordDestination(rest_client, CHANNEL).send(make_alert(figures=figs, summary="z" * 10_000), "n-big")
    [msg] = fake_discord.posted()  # the fake answers 400 when any Discord limit is exceeded
    [embed] = msg["embeds"]
    assert len(embed["fields"]) <= 25
    assert "more figure" in embed["description"]


@pytest.mark.parametrize("status,tries", [(500, 5), (503, 1)])
async def test_an_outage_is_a_retry_and_nothing_posts_until_it_ends(fake_discord, rest_client, monkeypatch,
                                                                     status, tries):
    """discord.py retries 500/502/504 itself (sleeping 1, 3, 5, 7 s: skipped here, not the tries)."""
    class NoWaitAsyncio:  # asyncio as discord.http sees it, minus the waiting
        def __getattr__(self, name):
            return getattr(asyncio, name)

        async def sleep(self, _delay, result=None):
            return await asyncio.sleep(0, result)

    monkeypatch.setattr(discord.http, "asyncio", NoWaitAsyncio())
    fake_discord.outage_status = status
    with pytest.raises(DeliveryError) as err:
        await DiscordDestination(rest_client, CHANNEL).send(make_alert(), "n-out")
    assert err.value.kind == "retry" and f"HTTP {status}" in err.value.reason
    assert fake_discord.posted() == []
    assert len([r for r in fake_discord.requests if r.path.endswith("/messages")]) == tries
    fake_discord.outage_status = None
    await DiscordDestination(rest_client, CHANNEL).send(make_alert(), "n-out")
    assert len(fake_discord.posted()) == 1


async def test_a_figure_sentence_already_in_the_summary_is_not_repeated(fake_discord, rest_client):
    fig = Figure(12000, None, None, False, "soldiers", "NIS", "The NIS counted 12,000 soldiers.", 0, 6)
    alert = make_alert(summary="The NIS counted 12,000 soldiers. More later.", figures=(fig,))
    await DiscordDestination(rest_client, CHANNEL).send(alert, "n-dup")
    [_, field] = fake_discord.posted()[0]["embeds"][0]["fields"]
    assert field == {"name": "12,000 soldiers — NIS", "value": "\u200b", "inline": False}


async def test_15_fan_out_to_many_channels_is_paced_under_the_global_limit(fake_discord, rest_client):
    """Alerts to 30 channels at once leave at most `rate` per second (100/s here; 40/s by default)."""
    dests = [DiscordDestination(rest_client, CHANNEL + i, max_per_second=100) for i in range(30)]
    await asyncio.gather(*(d.send(make_alert(), f"fan-{i}") for i, d in enumerate(dests)))
    times = sorted(r.at for r in fake_discord.requests if r.path.endswith("/messages"))
    assert len(times) == 30 and all(len(fake_discord.posted(CHANNEL + i)) == 1 for i in range(30))
    assert times[-1] - times[0] >= 29 * 0.01 - 0.02           # spaced, not a burst (a burst takes ~0.05 s)
    # ~10 per 0.1 s; a loaded CI machine can bunch a few on arrival, an unpaced burst puts all 30 there.
    assert max(sum(1 for t in times if t0 <= t < t0 + 0.1) for t0 in times) <= 16


async def test_15_a_global_429_holds_every_channel_then_all_arrive_once(fake_discord, rest_client):
    fake_discord.fail_next("POST", "/messages", 429,
                           {"message": "You are being rate limited.", "retry_after": 0.1, "global": True},
                           {"Via": "1.1 google", "X-RateLimit-Global": "true", "X-RateLimit-Scope": "global"})
    dests = [DiscordDestination(rest_client, CHANNEL + i) for i in range(3)]
    await asyncio.gather(*(d.send(make_alert(), f"g-{i}") for i, d in enumerate(dests)))
    recs = [r for r in fake_discord.requests if r.path.endswith("/messages")]
    assert [r.status for r in recs].count(429) == 1 and len(recs) == 4
    first_429 = next(r.at for r in recs if r.status == 429)
    assert all(r.at >= first_429 + 0.1 - 0.01 for r in recs if r.status == 200 and r.at > first_429)
    assert all(len(fake_discord.posted(CHANNEL + i)) == 1 for i in range(3))


async def test_a_role_of_one_topic_never_pings_for_another_topic_in_the_same_channel(fake_discord, rest_client):
    """Two topics share a channel; only one names a role. The other topic's alerts ping nobody."""
    from bot.delivery.router import Router
    from bot.settings import Settings

    dest = f"discord:{CHANNEL}"
    settings = Settings(topics=[{"name": "nk-troops", "query": "troops", "channels": [dest],
                                 "mention_role": "555555555555555555"},
                                {"name": "arms", "query": "arms", "channels": [dest]}])
    router = Router(settings, discord_client=rest_client)
    await router.get(dest).send(make_alert("Arms policy story"), "n-quiet")
    await router.get(dest).send(make_alert("Troops story", mention_role="555555555555555555"), "n-loud")
    quiet, loud = fake_discord.message_bodies()
    assert quiet["allowed_mentions"] == {"parse": []} and not quiet.get("content")
    assert [str(r) for r in loud["allowed_mentions"]["roles"]] == ["555555555555555555"]
