"""An Alert as a Discord embed: escaped, cut to Discord's limits, figures as fields.

Shared by the bot destination and the webhook destination so both post the same thing.
"""

from __future__ import annotations

import hashlib
import re

import discord

from bot.platforms.discord.text import cut, discord_escape, one_line, why_text
from bot.figure_text import figure_line
from bot.models import Alert

CONTENT_MAX = 2000
TITLE_MAX = 256
DESCRIPTION_MAX = 4096
FIELD_NAME_MAX = 256
FIELD_VALUE_MAX = 1024
FIELDS_MAX = 25
FOOTER_MAX = 2048
EMBED_TOTAL_MAX = 6000
NONCE_MAX = 25
COLOUR = 0x2B6CB0
BLANK = "\u200b"  # Discord's accepted "empty" field value
_HTTP = re.compile(r"^https?://[^\s<>]+$", re.IGNORECASE)


def safe_url(url: str | None) -> str | None:
    """Only plain http(s) URLs become links; anything else is dropped, never rendered."""
    if url and len(url) <= 2048 and _HTTP.match(url):
        return url
    return None


def discord_nonce(nonce: str) -> str:
    """Discord accepts nonces of at most 25 characters; longer ones are hashed, stably."""
    if len(nonce) <= NONCE_MAX:
        return nonce
    return hashlib.sha256(nonce.encode()).hexdigest()[:NONCE_MAX]


def alert_embed(alert: Alert) -> discord.Embed:
    """Title linking to the article, outlet and time, topic and why, summary, one field per figure."""
    entry = alert.entry
    footer = cut(discord_escape(one_line(alert.feed_name)), 200)
    topic_line = cut(
        f"{discord_escape(one_line(alert.topic.name))} — matched {discord_escape(why_text(alert.why)) or 'query'}",
        FIELD_VALUE_MAX,
    )
    budget = EMBED_TOTAL_MAX - len(footer) - len("Topic") - len(topic_line)

    title = cut(discord_escape(one_line(entry.title)) or "(untitled)", TITLE_MAX)
    budget -= len(title)

    fields: list[tuple[str, str]] = []
    summary = one_line(alert.summary)
    for fig in alert.figures[: FIELDS_MAX - 1]:
        name = cut(discord_escape(figure_line(fig)), FIELD_NAME_MAX)
        sentence = one_line(fig.sentence)
        # The sentence is context only when the summary does not already show it (a field needs a value).
        value = BLANK if not sentence or sentence in summary else cut(discord_escape(sentence), 300)
        if len(name) + len(value) > budget - 200:  # keep room for some of the summary
            break
        fields.append((name, value))
        budget -= len(name) + len(value)
    left_out = len(alert.figures) - len(fields)

    description = discord_escape(alert.summary.strip())
    if left_out:
        note = f"\n\n+{left_out} more figure{'s' if left_out != 1 else ''} (see /claims)"
        description = cut(description, max(0, min(DESCRIPTION_MAX, budget) - len(note))) + note
    description = cut(description, max(0, min(DESCRIPTION_MAX, budget)))

    embed = discord.Embed(
        title=title,
        url=safe_url(entry.link),
        description=description or None,
        colour=COLOUR,
        timestamp=entry.published,
    )
    embed.add_field(name="Topic", value=topic_line, inline=False)
    for name, value in fields:
        embed.add_field(name=name, value=value, inline=False)
    embed.set_footer(text=footer)
    return embed


def mentions_for(role_id: str | None) -> tuple[str | None, discord.AllowedMentions]:
    """The message content and allowed mentions: nobody, or only the topic's configured role."""
    if role_id and str(role_id).isdigit():
        return f"<@&{role_id}>", discord.AllowedMentions(everyone=False, users=False, replied_user=False,
                                                          roles=[discord.Object(int(role_id))])
    return None, discord.AllowedMentions.none()
