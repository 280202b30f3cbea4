"""The fake Discord and fake Slack answer edits and threads the way the real APIs do, driven by the
real libraries (discord.py over REST, slack_sdk's AsyncWebClient): what story messages rely on."""

from __future__ import annotations

import discord
import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from bot.platforms.discord.endpoints import point_discord_at
from tests.fakes.discord_server import FakeDiscord
from tests.fakes.slack_server import FakeSlack

TOKEN = "fake-token.Zm9vYmFy.c2VjcmV0c2VjcmV0c2VjcmV0"


@pytest.fixture
async def discord_rest():
    fake = await FakeDiscord().start()
    saved = discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY
    point_discord_at(fake.api_base, fake.gateway_url)
    client = discord.Client(intents=discord.Intents(guilds=True), allowed_mentions=discord.AllowedMentions.none())
    await client.login(TOKEN)
    try:
        yield fake, client
    finally:
        await client.close()
        discord.http.Route.BASE, discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = saved
        await fake.stop()


async def test_discord_edit_keeps_what_was_not_sent_and_marks_the_message_edited(discord_rest):
    fake, client = discord_rest
    channel = await client.fetch_channel(fake.channel_id)
    msg = await channel.send(content="first", embed=discord.Embed(title="Story"))
    edited = await msg.edit(content="first, also reported by Atlantic Wire")
    assert edited.content == "first, also reported by Atlantic Wire" and edited.edited_at is not None
    [stored] = fake.posted()
    assert stored["embeds"][0]["title"] == "Story"                     # not sent, so kept
    [(channel_id, message_id, body)] = fake.edits
    assert (channel_id, message_id) == (fake.channel_id, msg.id)
    assert body["content"] == "first, also reported by Atlantic Wire" and "embeds" not in body


async def test_discord_edit_of_a_deleted_message_is_unknown_message(discord_rest):
    fake, client = discord_rest
    channel = await client.fetch_channel(fake.channel_id)
    with pytest.raises(discord.NotFound) as e:
        await channel.get_partial_message(123).edit(content="x")
    assert e.value.code == 10008


async def test_discord_thread_from_a_message_takes_its_id_and_only_once(discord_rest):
    fake, client = discord_rest
    channel = await client.fetch_channel(fake.channel_id)
    msg = await channel.send(content="story")
    thread = await msg.create_thread(name="NIS: four brigades")
    assert thread.id == msg.id and thread.parent_id == fake.channel_id
    await thread.send(content="NIS now says 12,000 troops (was ~11,000 per Budanov, 21 Oct)")
    assert [m["content"] for m in fake.posted(thread.id)] == [
        "NIS now says 12,000 troops (was ~11,000 per Budanov, 21 Oct)"]
    assert len(fake.posted()) == 1                                   # the reply is not in the channel
    with pytest.raises(discord.HTTPException) as e:
        await msg.create_thread(name="again")
    assert e.value.code == 160004
    fetched = await client.fetch_channel(thread.id)
    assert isinstance(fetched, discord.Thread)


@pytest.fixture
async def slack():
    async with FakeSlack() as fake:
        yield fake, AsyncWebClient(token=fake.token, base_url=fake.api_url)


async def test_slack_chat_update_keeps_blocks_left_out_and_marks_the_edit(slack):
    fake, client = slack
    blocks = [{"type": "section", "text": {"type": "plain_text", "text": "Story"}}]
    posted = await client.chat_postMessage(channel="C1", text="first", blocks=blocks)
    updated = await client.chat_update(channel="C1", ts=posted["ts"], text="first, also reported by Atlantic Wire")
    assert updated["ts"] == posted["ts"] and updated["message"]["blocks"] == blocks
    [msg] = fake.posted("C1")
    assert msg["text"] == "first, also reported by Atlantic Wire" and "edited" in msg


async def test_slack_chat_update_of_an_unknown_ts_is_message_not_found(slack):
    _, client = slack
    with pytest.raises(SlackApiError) as e:
        await client.chat_update(channel="C1", ts="1.000001", text="x")
    assert e.value.response["error"] == "message_not_found"


async def test_slack_thread_replies_live_in_the_thread_and_are_read_back(slack):
    fake, client = slack
    parent = await client.chat_postMessage(channel="C1", text="story")
    await client.chat_postMessage(channel="C1", text="new figure", thread_ts=parent["ts"],
                                  metadata={"event_type": "newsbot_alert", "event_payload": {"nonce": "n1"}})
    assert [m["text"] for m in fake.posted("C1")] == ["story"]
    history = await client.conversations_history(channel="C1")
    assert [m["text"] for m in history["messages"]] == ["story"]
    assert history["messages"][0]["reply_count"] == 1
    thread = await client.conversations_replies(channel="C1", ts=parent["ts"], include_all_metadata=True)
    assert [m["text"] for m in thread["messages"]] == ["story", "new figure"]
    assert thread["messages"][1]["metadata"]["event_payload"] == {"nonce": "n1"}
