"""The real Bolt app over HTTP: signed slash commands get answers; forged, stale or replayed ones get 401."""

from __future__ import annotations

import asyncio
import json
import time
from urllib.parse import urlencode

import pytest

from bot.models import Alert, Entry, Feed, Topic
from bot.store import Store
from tests.builders import HOSTILE_TITLE, figure as fig
from tests.platforms.slack.driver import ADMIN, MEMBER, settings, workspace

CLAIMS = (
    fig(10000, "soldiers", "Zelensky", approx=True),
    fig(2600, "troops", "Budanov"),
    fig(11000, "troops", "Budanov", approx=True),
    fig(12000, "soldiers", "South Korea's National Intelligence Service (NIS)"),
    fig(1500, "special forces", "South Korea's National Intelligence Service (NIS)"),
)


async def seed(store: Store) -> None:
    feed = await store.add_feed(Feed(url="https://wire.example/feed.xml", name="Example Wire", backfill=10))
    [e1, e2] = await store.add_entries(feed, [
        Entry(uid="a1", title="North Korean troops reach Russia", text="Officials disagree on the count.",
              link="https://wire.example/a1", published=None),
        Entry(uid="a2", title=HOSTILE_TITLE, text="More North Korean troops <!here>.",
              link="https://wire.example/a2", published=None),
    ])
    topic = await store.add_topic(Topic(name="nk-troops", query='"north korea*" AND troops',
                                        channels=("slack:C1",)))
    why = {"title": ["north korea*", "troops"]}
    await store.add_alert(Alert(entry=e1, feed_name="Example Wire", topic=topic, why=why,
                                summary="Officials disagree on the count.", figures=CLAIMS))
    await store.add_alert(Alert(entry=e2, feed_name="Example Wire", topic=topic, why=why, summary="x",
                                figures=(fig(3000, "soldiers", "<!channel> Agency"),)))


@pytest.fixture
async def slack(store):
    await seed(store)
    async with workspace(store) as driver:
        yield driver


async def test_claims_answers_with_every_source_and_posts_a_chart(slack):
    answer = await slack.command("/claims", "nk-troops")
    raw = json.dumps(answer)
    assert answer["response_type"] == "in_channel"
    for expected in ("about 10,000", "Zelensky", "2,600", "Budanov", "12,000",
                     "South Korea's National Intelligence Service (NIS)", "1,500"):
        assert expected in raw
    assert "<https://wire.example/a1|Example Wire>" in raw
    assert "<!" not in raw and "&lt;!channel&gt; Agency" in raw
    assert all(b["text"].get("verbatim") for b in answer["blocks"] if b["type"] == "section")
    [upload] = slack.fake.files.values()
    assert upload["data"].startswith(b"\x89PNG") and upload["channel"] == "C1"


async def test_claims_without_files_write_says_why_there_is_no_chart(slack):
    slack.fake.scopes = ("commands", "chat:write")
    answer = await slack.command("/claims", "since:7d")
    assert "Chart not posted: the app lacks the files:write scope." in json.dumps(answer)
    assert "Zelensky" in json.dumps(answer)


async def test_claims_filters_by_what_and_rejects_a_bad_duration(slack):
    answer = await slack.command("/claims", 'nk-troops what:"special forces"')
    raw = json.dumps(answer)
    assert "1,500" in raw and "Zelensky" not in raw and "(1 claim)" in raw
    answer = await slack.command("/claims", "since:soon")
    assert answer["response_type"] == "ephemeral" and "cannot read 'soon' as a duration" in answer["text"]


async def test_the_ack_does_not_wait_for_the_work(slack, monkeypatch):
    release = asyncio.Event()
    import bot.app.claims as reads
    real = reads.recent

    async def slow_recent(*a, **kw):
        await release.wait()
        return await real(*a, **kw)

    monkeypatch.setattr(reads, "recent", slow_recent)
    status, ack = await slack.post(slack.body("/recent", ""))
    assert status == 200 and ack == "" and slack.fake.responses == []   # acked while the query still waits
    release.set()
    [answer] = await slack.fake.wait_responses(1)
    assert "North Korean troops reach Russia" in json.dumps(answer)


async def test_recent_lists_alerts_with_figures_and_no_pings(slack):
    answer = await slack.command("/recent", "nk-troops limit:5")
    raw = json.dumps(answer)
    assert "North Korean troops reach Russia" in raw and "12,000 soldiers" in raw and "about 11,000 troops" in raw
    assert "<!" not in raw and "&lt;https://evil.example|bank&gt;" in raw


async def test_topics_list_and_test(slack):
    listed = await slack.command("/topics", "list")
    assert "nk-troops" in json.dumps(listed) and "<#C1>" in json.dumps(listed)
    tried = await slack.command("/topics", 'test "north korea*" AND troops')
    assert tried["text"] == "“\"north korea*\" AND troops” would have matched 2 of the last 2 entries."
    bad = await slack.command("/topics", "test (troops")
    assert bad["response_type"] == "ephemeral" and "does not parse" in bad["text"] and "column 1" in bad["text"]


async def test_21_changing_commands_are_refused_for_non_admins(slack):
    for command, text in (("/topics", 'add t2 "x"'), ("/topics", "remove nk-troops"),
                          ("/feeds", "add https://x.example/feed"), ("/feeds", "remove https://wire.example/feed.xml"),
                          ("/subscribe", "nk-troops"), ("/unsubscribe", "nk-troops"),
                          ("/newsbot", "feeds add https://x.example/feed")):
        assert "Only newsbot admins" in await slack.refused(command, text)
    assert [t.name for t in await slack.store.list_topics()] == ["nk-troops"]
    assert len(await slack.store.list_feeds()) == 1
    assert slack.fake.responses == []


async def test_admins_add_topics_feeds_and_subscriptions(slack):
    added = await slack.command("/topics", 'add Kursk kursk NEAR/5 troops', user=ADMIN, channel="C9")
    assert added["text"] == "Added topic “Kursk”; its alerts go to <#C9>."
    topic = await slack.store.get_topic("Kursk")
    assert topic.query == "kursk NEAR/5 troops" and topic.channels == ("slack:C9",) and topic.guild == "slack:T0TEAM"
    amp = await slack.command("/topics", "add telecom AT&amp;T AND outage", user=ADMIN)   # as Slack sends "&"
    assert amp["text"].startswith("Added topic “telecom”")
    assert (await slack.store.get_topic("telecom")).query == "AT&T AND outage"
    bad = await slack.command("/topics", "add broken (troops", user=ADMIN)
    assert "does not parse" in bad["text"] and await slack.store.get_topic("broken") is None
    feed = await slack.command("/feeds", "add <https://other.example/rss|other.example/rss> Other Outlet", user=ADMIN)
    assert feed["text"].startswith("Added feed “Other Outlet” from “https://other.example/rss”; its current entries")
    assert any(f.url == "https://other.example/rss" and f.guild == "slack:T0TEAM"
               for f in await slack.store.list_feeds())
    sub = await slack.command("/subscribe", "nk-troops <#C2|war-desk>", user=ADMIN)
    assert sub["text"] == "Alerts for “nk-troops” will be posted in <#C2>."
    assert "slack:C2" in (await slack.store.get_topic("nk-troops")).channels
    unsub = await slack.command("/newsbot", "unsubscribe nk-troops <#C2|war-desk>", user=ADMIN)
    assert "no longer" in unsub["text"]
    removed = await slack.command("/topics", "remove Kursk", user=ADMIN)
    assert removed["text"] == "Removed topic “Kursk” and its alerts." and await slack.store.get_topic("Kursk") is None
    # a config-file topic is not this workspace's to remove
    kept = await slack.command("/topics", "remove nk-troops", user=ADMIN)
    assert "This workspace has no topic named “nk-troops”" in kept["text"]


@pytest.mark.parametrize("url", ["http://127.0.0.1:8080/feed", "http://169.254.169.254/", "file:///etc/passwd",
                                 "http://[::ffff:127.0.0.1]/", "gopher://x.example/"])
async def test_1_feeds_add_refuses_private_and_non_http_urls(slack, url):
    answer = await slack.command("/feeds", f"add {url}", user=ADMIN)
    assert answer["text"].startswith("That feed URL cannot be used: ")
    assert len(await slack.store.list_feeds()) == 1


async def test_feeds_status_and_help(slack):
    status = await slack.command("/feeds", "status")
    assert "Example Wire" in json.dumps(status) and "last fetch never" in json.dumps(status)
    status, ack = await slack.post(slack.body("/newsbot", "help"))
    assert "/claims [topic] [what] [since:7d]" in json.loads(ack)["text"]


# --- request authenticity (TESTING.md 22) ---------------------------------------------------

async def test_22_a_wrong_signature_is_401(slack):
    status, _ = await slack.post(slack.body("/claims"), signature="v0=" + "0" * 64)
    assert status == 401
    status, _ = await slack.post(slack.body("/claims"), signature="")
    assert status == 401


async def test_22_a_request_older_than_5_minutes_is_401_even_when_signed(slack):
    status, _ = await slack.post(slack.body("/claims"), timestamp=int(time.time()) - 6 * 60)
    assert status == 401


async def test_22_a_replayed_request_is_401(slack):
    body = slack.body("/recent")
    ts = int(time.time())
    sig = slack.signer.generate_signature(timestamp=str(ts), body=body)
    assert (await slack.post(body, timestamp=ts, signature=sig))[0] == 200
    assert (await slack.post(body, timestamp=ts, signature=sig))[0] == 401
    await slack.fake.wait_responses(1)
    assert len(slack.fake.responses) == 1


async def test_22_a_reserialised_body_is_401(slack):
    body = slack.body("/claims", "nk-troops")
    reordered = "&".join(sorted(body.split("&")))
    assert reordered != body
    status, _ = await slack.post(body, sent_body=reordered)
    assert status == 401


async def test_clicking_an_alerts_link_button_is_acknowledged(slack):
    payload = {"type": "block_actions", "team": {"id": "T0TEAM"}, "user": {"id": MEMBER}, "api_app_id": "A1",
               "token": "legacy", "trigger_id": "t", "channel": {"id": "C1"},
               "container": {"type": "message", "channel_id": "C1", "message_ts": "1.2"},
               "actions": [{"action_id": "newsbot_open_link", "block_id": "b", "type": "button",
                            "url": "https://wire.example/a1", "action_ts": "1.3"}]}
    status, _ = await slack.post(urlencode({"payload": json.dumps(payload)}))
    assert status == 200


async def test_another_servers_topics_and_feeds_stay_invisible(slack):
    await slack.store.add_topic(Topic(name="their-topic", query="troops", guild="123456789012345678"))
    await slack.store.add_feed(Feed(url="https://theirs.example/feed", name="Their Feed", guild="123456789012345678"))
    listed = json.dumps(await slack.command("/topics", "list"))
    assert "nk-troops" in listed and "their-topic" not in listed
    assert "Their Feed" not in json.dumps(await slack.command("/feeds", "status"))
    for command, text in (("/claims", "topic:their-topic"), ("/recent", "their-topic")):
        answer = await slack.command(command, text)
        assert "There is no topic named “their-topic”." in answer["text"]
    sub = await slack.command("/subscribe", "their-topic", user=ADMIN)
    assert "There is no topic named" in sub["text"]
    assert (await slack.store.get_topic("their-topic")).channels == ()


async def test_recent_limit_bounds_match_discord(slack):
    assert "between 1 and 20" in (await slack.command("/recent", "limit:21"))["text"]
    assert "a number between 1 and 20" in (await slack.command("/recent", "limit:many"))["text"]


async def test_12_names_typed_by_users_cannot_ping_either(slack):
    added = await slack.command("/topics", "add &lt;!channel&gt; troops", user=ADMIN)   # as Slack sends it
    assert added["text"].startswith("Added topic “&lt;!channel&gt;”")
    assert await slack.store.get_topic("<!channel>") is not None
    listed = json.dumps(await slack.command("/topics", "list"))
    assert "<!" not in listed and "&lt;!channel&gt;" in listed
    missing = await slack.command("/claims", "topic:<!here>")
    assert "<!" not in json.dumps(missing)


async def test_21_workspace_quotas_on_feeds_and_topics(store):
    """[slack] max_feeds / max_topics: one workspace cannot add more from chat."""
    async with workspace(store, settings(max_feeds=1, max_topics=1)) as s:
        assert (await s.command("/topics", "add one troops", user=ADMIN))["text"].startswith("Added topic “one”")
        assert "already has 1 topics, the most allowed" in (await s.command("/topics", "add two troops", user=ADMIN))["text"]
        assert "Added feed" in (await s.command("/feeds", "add https://a.example/rss", user=ADMIN))["text"]
        assert "already has 1 feeds, the most allowed" in (await s.command("/feeds", "add https://b.example/rss", user=ADMIN))["text"]
        assert [t.name for t in await store.list_topics()] == ["one"] and len(await store.list_feeds()) == 1
