"""What each slash command does, without Bolt: text in, the use case called, an `Answer` out.

Same commands and meaning as on Discord: /claims, /recent, /topics, /feeds, /subscribe,
/unsubscribe, all through `bot.app`. Changing commands are refused here, by the handler itself,
unless the caller's user id is in `[slack] admins`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.app import claims as reads
from bot.app import feeds, subscriptions, topics
from bot.app.caller import Caller, Quota
from bot.app.context import Context
from bot.app.durations import parse_since
from bot.app.errors import Refused
from bot.app.topic_test import test_topic
from bot.platforms import charts
from bot.platforms.slack import answers
from bot.platforms.slack.answers import Answer
from bot.platforms.slack.args import UsageError, channel_id, head_and_rest, is_duration, split, unescape
from bot.platforms.slack.blocks import escape as esc

COMMANDS = ("claims", "recent", "topics", "feeds", "subscribe", "unsubscribe")
ADMIN_SUBCOMMANDS = {"topics": {"add", "remove"}, "feeds": {"add", "remove"},
                     "subscribe": None, "unsubscribe": None}   # None: the whole command
HELP = (
    "newsbot commands:\n"
    "/claims [topic] [what] [since:7d] — figures grouped by what they count, with who claims them\n"
    "/recent [topic] [limit:5] — the latest alerts (1-20)\n"
    "/topics list | test QUERY | add NAME QUERY | remove NAME\n"
    "/feeds list | status | add URL [NAME] | remove URL\n"
    "/subscribe TOPIC [#channel] · /unsubscribe TOPIC [#channel]\n"
    "(or /newsbot COMMAND ... ; add, remove, subscribe and unsubscribe are for [slack] admins)"
)


@dataclass
class Chart:
    filename: str
    title: str
    png: bytes


def needs_admin(command: str, text: str) -> bool:
    subs = ADMIN_SUBCOMMANDS.get(command, set())
    if subs is None:
        return True
    return head_and_rest(text)[0] in subs


def slack_caller(settings: Any, team_id: str, user_id: str, channel: str) -> Caller:
    """The workspace is the tenant; `[slack] admins` may change things."""
    return Caller(tenant=f"slack:{team_id}", user=f"slack:{team_id}/{user_id}",
                  may_change=user_id in set(settings.slack.admins), channel=f"slack:{channel}" if channel else None,
                  quota=Quota(feeds=settings.slack.max_feeds, topics=settings.slack.max_topics), place="workspace")


def _link(word: str) -> str:
    """Slack sends a typed URL as <url> or <url|text>."""
    return word.strip("<>").split("|", 1)[0]


class SlackCommands:
    def __init__(self, ctx: Context, *, charts: bool = True):
        self.ctx = ctx
        self.charts = charts

    def refusal(self, command: str, text: str, caller: Caller) -> str | None:
        """A reason to refuse, decided before any I/O so it can go straight into ack()."""
        if command not in COMMANDS:
            return f"Unknown command {esc(command[:50])!r}.\n{HELP}"
        if needs_admin(command, text) and not caller.may_change:
            return ("Only newsbot admins can change feeds, topics and subscriptions here "
                    "(ask an admin to add your user id to [slack] admins).")
        return None

    async def run(self, command: str, text: str, caller: Caller) -> tuple[Answer, Chart | None]:
        try:
            result = await getattr(self, "cmd_" + command)(unescape(text), caller)
        except UsageError as e:
            return answers.error(str(e)), None
        except Refused as e:
            return answers.refused(e.message), None
        return result if isinstance(result, tuple) else (result, None)

    # --- read side -------------------------------------------------------------------------
    async def cmd_claims(self, text: str, caller: Caller) -> tuple[Answer, Chart | None]:
        args = split(text, known=("topic", "what", "since"))
        topic = args.options.get("topic")
        since_text = args.options.get("since")
        words = []
        for w in args.words:
            if since_text is None and is_duration(w):
                since_text = w
            else:
                words.append(w)
        if topic is None and words and words[0] in {t.name for t in await topics.visible_topics(self.ctx, caller)}:
            topic = words.pop(0)
        what = args.options.get("what") or (" ".join(words) or None)
        since = parse_since(since_text) if since_text else None
        groups = await reads.claims(self.ctx, caller, topic, what, since)
        title = "Claims" + (f" · {topic}" if topic else "") + (f" · {what}" if what else "") + \
            (f" · since {since_text}" if since_text else "")
        return answers.claims_answer(groups, title), await self._chart(groups, title)

    async def _chart(self, groups: list[reads.ClaimGroup], title: str) -> Chart | None:
        if not self.charts:
            return None
        drawn = await charts.chart_png(groups, lambda _what: title)
        if drawn is None:
            return None
        what, png = drawn
        safe = "".join(c if c.isalnum() else "-" for c in what)[:40] or "claims"
        return Chart(filename=f"claims-{safe}.png", title=f"{what}: claims over time", png=png)

    async def cmd_recent(self, text: str, caller: Caller) -> Answer:
        args = split(text, known=("topic", "limit"))
        topic = args.options.get("topic")
        limit_text = args.options.get("limit")
        for w in args.words:
            if w.isdigit() and limit_text is None:
                limit_text = w
            elif topic is None:
                topic = w
            else:
                raise UsageError("usage: /recent [topic] [limit:N]")
        if limit_text is not None and not limit_text.isdigit():
            raise UsageError("limit must be a number between 1 and 20")
        alerts = await reads.recent(self.ctx, caller, topic, int(limit_text) if limit_text else 5)
        return answers.recent_answer(alerts, "Recent alerts" + (f" · {topic}" if topic else ""))

    # --- topics ------------------------------------------------------------------------------
    async def cmd_topics(self, text: str, caller: Caller) -> Answer:
        sub, rest = head_and_rest(text)
        if sub in ("", "list"):
            return answers.topics_answer(await topics.visible_topics(self.ctx, caller))
        if sub == "test":
            if not rest.strip():
                raise UsageError("usage: /topics test QUERY")
            return answers.topic_test_answer(await test_topic(self.ctx, caller, rest))
        if sub == "add":
            name, query = (rest.strip().split(None, 1) + ["", ""])[:2]
            if not name or not query.strip():
                raise UsageError("usage: /topics add NAME QUERY   e.g. /topics add nk-troops \"north korea*\" AND troops")
            return answers.done(await topics.add_topic(self.ctx, caller, name, query))
        if sub == "remove":
            if not rest.strip():
                raise UsageError("usage: /topics remove NAME")
            return answers.done(await topics.remove_topic(self.ctx, caller, rest))
        raise UsageError("usage: /topics list | test QUERY | add NAME QUERY | remove NAME")

    # --- feeds -------------------------------------------------------------------------------
    async def cmd_feeds(self, text: str, caller: Caller) -> Answer:
        sub, rest = head_and_rest(text)
        if sub in ("", "list", "status"):
            return answers.feeds_answer(await feeds.feeds_status(self.ctx, caller), status=(sub == "status"))
        if sub == "add":
            words = split(rest).words
            if not words:
                raise UsageError("usage: /feeds add URL [NAME]")
            return answers.done(await feeds.add_feed(self.ctx, caller, _link(words[0]), " ".join(words[1:]) or None))
        if sub == "remove":
            words = split(rest).words
            if len(words) != 1:
                raise UsageError("usage: /feeds remove URL")
            return answers.done(await feeds.remove_feed(self.ctx, caller, _link(words[0])))
        raise UsageError("usage: /feeds list | status | add URL [NAME] | remove URL")

    # --- routing -----------------------------------------------------------------------------
    async def cmd_subscribe(self, text: str, caller: Caller) -> Answer:
        topic, destination = self._topic_and_channel(text, "subscribe")
        return answers.done(await subscriptions.subscribe(self.ctx, caller, topic, destination))

    async def cmd_unsubscribe(self, text: str, caller: Caller) -> Answer:
        topic, destination = self._topic_and_channel(text, "unsubscribe")
        return answers.done(await subscriptions.unsubscribe(self.ctx, caller, topic, destination))

    @staticmethod
    def _topic_and_channel(text: str, name: str) -> tuple[str, str | None]:
        words = split(text).words
        if not 1 <= len(words) <= 2:
            raise UsageError(f"usage: /{name} TOPIC [#channel]")
        return words[0], f"slack:{channel_id(words[1])}" if len(words) == 2 else None
