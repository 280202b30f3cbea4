"""TESTING.md 12-14 for Discord: feed text cannot ping, spoof links or overflow Discord's limits."""

from __future__ import annotations

import re

from hypothesis import given, settings, strategies as st

from bot.platforms.discord.sender import DiscordDestination
from bot.platforms.discord.embed import EMBED_TOTAL_MAX, alert_embed
from bot.platforms.discord.text import cut, discord_escape
from bot.models import Figure
from tests.builders import alert as make_alert

CHANNEL = 222222222222222222


async def test_12_mentions_in_feed_text_ping_nobody(fake_discord, rest_client):
    title = "@everyone @here <@&1> <@123456789012345678> <@&555555555555555555> alert"
    alert = make_alert(title, summary="@everyone read this <@!123456789012345678>",
                       figures=(Figure(5, None, None, False, "@here", "<@&1>", "@everyone", 0, 1),))
    await DiscordDestination(rest_client, CHANNEL).send(alert, "n")
    [body] = fake_discord.message_bodies()
    assert body["allowed_mentions"] == {"parse": []}
    assert not body.get("content")  # mentions can only ping from content, and there is none
    embed = body["embeds"][0]
    text = embed["title"] + embed["description"] + "".join(f["name"] + f["value"] for f in embed["fields"])
    assert "@everyone" not in text and "@here" not in text
    assert re.search(r"(?<!\\)<@", text) is None  # every "<@" is backslash-escaped: shown, not parsed
    assert "\\<@&1>" in embed["title"]
    assert "@\u200beveryone" in embed["title"]  # still readable


async def test_13_markdown_and_masked_links_show_as_plain_text(fake_discord, rest_client):
    title = "[https://bank.example](https://evil.example) ||spoiler|| **bold**"
    summary = "```py\nimport os\n```\n# Heading\n> quote [click](https://evil.example)"
    await DiscordDestination(rest_client, CHANNEL).send(make_alert(title, summary=summary), "n")
    embed = fake_discord.posted()[0]["embeds"][0]
    assert embed["title"].startswith("\\[https://bank.example\\](https://evil.example)")
    assert "\\|\\|spoiler\\|\\|" in embed["title"] and "\\*\\*bold\\*\\*" in embed["title"]
    d = embed["description"]
    assert "```" not in d and "\\`\\`\\`" in d
    assert "\n\\# Heading" in d and "\\> quote" in d and "\\[click\\]" in d
    assert embed["url"] == "https://news.example/nk-troops"


async def test_13_only_http_links_become_the_title_link(fake_discord, rest_client):
    await DiscordDestination(rest_client, CHANNEL).send(make_alert(link="javascript:alert(1)"), "n")
    assert "url" not in fake_discord.posted()[0]["embeds"][0]


async def test_14_over_long_fields_are_cut_to_discord_limits(fake_discord, rest_client):
    title = "🇰🇷" * 3000 + "end"
    summary = "word " * 2500
    figs = (Figure(12000, None, None, False, "soldiers" * 300, "NIS" * 500, "x" * 5000, 0, 1),)
    await DiscordDestination(rest_client, CHANNEL).send(make_alert(title, summary=summary, figures=figs), "n")
    [msg] = fake_discord.posted()  # the fake rejects anything over Discord's limits with a 400
    embed = msg["embeds"][0]
    assert len(embed["title"]) == 256 and embed["title"].endswith("…")
    assert len(embed["description"]) <= 4096 and embed["description"].endswith("…")
    assert all(len(f["value"]) <= 1024 and len(f["name"]) <= 256 for f in embed["fields"])


text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=3000)


@settings(max_examples=60, deadline=None)
@given(title=text, summary=st.text(max_size=12000), what=text, source=text, n=st.integers(0, 40))
def test_14_any_alert_fits_every_embed_limit(title, summary, what, source, n):
    figs = tuple(Figure(i, None, None, bool(i % 2), what, source, summary[:500], 0, 1) for i in range(n))
    e = alert_embed(make_alert(title, summary=summary, figures=figs)).to_dict()
    fields = e.get("fields", [])
    assert len(e["title"]) <= 256 and len(e.get("description") or "") <= 4096 and len(fields) <= 25
    assert all(len(f["name"]) <= 256 and len(f["value"]) <= 1024 and f["value"] and f["name"] for f in fields)
    total = len(e["title"]) + len(e.get("description") or "") + len(e["footer"]["text"]) + sum(
        len(f["name"]) + len(f["value"]) for f in fields)
    assert total <= EMBED_TOTAL_MAX


@given(st.text(max_size=500))
def test_escaped_text_has_no_live_mention_or_link(s):
    out = discord_escape(s)
    assert "@everyone" not in out and "@here" not in out
    assert "<@" not in out.replace("\\<@", "")
    assert "](" not in out.replace("\\](", "")


@given(st.text(max_size=300), st.integers(0, 300))
def test_cut_never_exceeds_the_limit(s, n):
    out = cut(s, n)
    assert len(out) <= n and (out == s or out.endswith("…") or n < 1)
