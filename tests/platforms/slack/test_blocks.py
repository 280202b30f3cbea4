"""Alert rendering for Slack: figures shown with their sources, feed text can never ping or spoof."""

from __future__ import annotations

import json

from hypothesis import given, settings, strategies as st

from bot.platforms.slack.blocks import (
    BLOCKS_MAX, FIELD_MAX, HEADER_MAX, SECTION_MAX, alert_blocks, clip, fallback_text, figure_field,
)
from tests.builders import HOSTILE_TITLE, alert as make_alert, figure as fig


def texts(blocks) -> list[str]:
    out = []

    def walk(x):
        if isinstance(x, dict):
            if x.get("type") in ("plain_text", "mrkdwn"):
                out.append(x["text"])
            for v in x.values():
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
    walk(blocks)
    return out


def test_every_claimed_figure_is_a_field_with_its_source():
    blocks = alert_blocks(make_alert())
    fields = [f["text"] for b in blocks for f in b.get("fields", [])]
    assert fields == [
        "about 10,000 soldiers\n— Zelensky",
        "2,600 soldiers in the first group\n— Budanov",
        "about 11,000 soldiers by Nov. 1\n— Budanov",
        "12,000 soldiers in four brigades\n— South Korea's National Intelligence Service (NIS)",
        "1,500 special forces\n— South Korea's National Intelligence Service (NIS)",
    ]
    assert blocks[0] == {"type": "header", "text": {
        "type": "plain_text", "text": "North Korean troops reach Russia's Kursk region", "emoji": False}}
    assert blocks[-1]["elements"][0]["url"] == "https://news.example/nk-troops"
    assert "Example Wire · 2024-10-18 09:30 UTC · topic: nk-troops" in texts(blocks)


def test_12_13_mentions_and_link_spoofs_in_feed_text_are_escaped():
    alert = make_alert(title=HOSTILE_TITLE, summary="Ping <!subteam^S1> &amp; <https://evil|bank> `x`",
                       figures=(fig(5, "<!channel> tanks", "<@U999|boss>"),))
    rendered = json.dumps(alert_blocks(alert)) + fallback_text(alert)
    assert "<" not in rendered and ">" not in rendered
    assert "&lt;!channel&gt;" in rendered and "&lt;https://evil|bank&gt;" in rendered
    assert "&amp;amp;" in rendered          # an entity in feed text is shown, not decoded
    # only plain_text objects: Slack parses no *bold*, `code` or links in them
    assert {t["type"] for b in alert_blocks(alert) for t in _text_objects(b)} == {"plain_text"}


def _text_objects(x):
    if isinstance(x, dict):
        if x.get("type") in ("plain_text", "mrkdwn"):
            yield x
        for v in x.values():
            yield from _text_objects(v)
    elif isinstance(x, list):
        for v in x:
            yield from _text_objects(v)


def test_14_overlong_text_is_cut_to_slack_limits():
    many = tuple(fig(i, "x" * 3000, "s" * 500) for i in range(120))
    alert = make_alert(title="🚀" * 5000, summary="<" * 10_000, figures=many)
    blocks = alert_blocks(alert)
    assert len(blocks) <= BLOCKS_MAX
    assert len(blocks[0]["text"]["text"]) <= HEADER_MAX
    for b in blocks:
        if b["type"] == "section":
            assert len(b.get("text", {}).get("text", "")) <= SECTION_MAX
            assert len(b.get("fields", [])) <= 10
            assert all(len(f["text"]) <= FIELD_MAX for f in b.get("fields", []))
    assert any("and 80 more figures" in t for t in texts(blocks))
    summary = blocks[2]["text"]["text"]
    assert summary.endswith("…") and "&lt;" in summary and not summary.rstrip("…").endswith("&")


def test_bad_links_get_no_button():
    for link in ("javascript:alert(1)", "https://x.example/<!channel>", "ftp://x", None):
        assert all(b["type"] != "actions" for b in alert_blocks(make_alert(link=link)))


def test_a_figure_field_is_the_shared_wording_on_two_lines():
    assert figure_field(fig(1.3e9, "budget", None, unit="USD")) == "$1.3bn budget\n— no named source"
    assert figure_field(fig(2600, "troops", "Budanov", value_max=11000)) == "2,600–11,000 troops\n— Budanov"


@settings(max_examples=200, deadline=None)
@given(st.text(), st.integers(min_value=2, max_value=60))
def test_clip_never_splits_an_entity_and_respects_the_limit(text, limit):
    out = clip(text, limit)
    assert len(out) <= limit
    assert "<" not in out and ">" not in out
    body = out.removesuffix("…")
    # every & starts a complete entity
    i = body.find("&")
    while i != -1:
        assert body[i:].startswith(("&amp;", "&lt;", "&gt;"))
        i = body.find("&", i + 1)


_hostile = st.lists(st.sampled_from(list("<>&!@#|*_~`[]()abc \n") + ["<!channel>", "<!here>", "🚀", "&amp;"]),
                   max_size=1500).map("".join)


@settings(max_examples=60, deadline=None)
@given(title=_hostile, summary=_hostile, source=_hostile, what=_hostile)
def test_12_no_feed_text_ever_reaches_slack_unescaped(title, summary, source, what):
    from tests.fakes.slack_server import block_problems

    alert = make_alert(title=title, summary=summary, figures=(fig(1, what, source),) * 12)
    blocks = alert_blocks(alert)
    assert block_problems(blocks) == []
    rendered = json.dumps(blocks) + fallback_text(alert)
    assert "<" not in rendered and ">" not in rendered
