"""What each slash command does, without Bolt: text in, an `Answer` (and maybe a chart) out.

Same commands and meaning as on Discord: /claims, /recent, /topics, /feeds, /subscribe,
/unsubscribe, all reading through bot.queries. Changing commands are refused here, by the handler
itself, unless the caller's user id is in `[slack] admins`.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from bot import queries
from bot.platforms.slack import answers
from bot.platforms.slack.args import UsageError, channel_id, head_and_rest, is_duration, split, unescape
from bot.platforms.slack.answers import Answer
from bot.platforms.slack.blocks import escape as esc
from bot.models import Feed, Topic

log = logging.getLogger(__name__)

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


@dataclass(frozen=True)
class Caller:
    user_id: str
    channel_id: str
    team_id: str

    @property
    def guild(self) -> str:
        """The workspace as the store's `guild` (quotas, who may remove what)."""
        return f"slack:{self.team_id}"


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


class SlackCommands:
    def __init__(self, settings: Any, store: Any, *, charts: bool = True):
        self.settings = settings
        self.store = store
        self.charts = charts
        self.max_feeds = settings.slack.max_feeds
        self.max_topics = settings.slack.max_topics

    def is_admin(self, user_id: str) -> bool:
        return user_id in set(self.settings.slack.admins)

    def refusal(self, command: str, text: str, caller: Caller) -> str | None:
        """A reason to refuse, decided before any I/O so it can go straight into ack()."""
        if command not in COMMANDS:
            return f"Unknown command {esc(command[:50])!r}.\n{HELP}"
        if needs_admin(command, text) and not self.is_admin(caller.user_id):
            return ("Only newsbot admins can change feeds, topics and subscriptions here "
                    "(ask an admin to add your user id to [slack] admins).")
        return None

    async def run(self, command: str, text: str, caller: Caller) -> tuple[Answer, Chart | None]:
        try:
            handler = getattr(self, "cmd_" + command)
            result = await handler(unescape(text), caller)
        except UsageError as e:
            return answers.error(str(e)), None
        return result if isinstance(result, tuple) else (result, None)

    # --- what a workspace may see: config-file topics and feeds plus its own, never another's ----
    async def visible_topics(self, caller: Caller) -> list[Topic]:
        return [t for t in await queries.topics(self.store) if t.guild in (None, caller.guild)]

    async def visible_topic(self, caller: Caller, name: str) -> Topic:
        for t in await self.visible_topics(caller):
            if t.name == name:
                return t
        raise UsageError(f"there is no topic named {name[:100]!r}; /topics list shows them")

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
        if topic is None and words and words[0] in {t.name for t in await self.visible_topics(caller)}:
            topic = words.pop(0)
        elif topic is not None:
            await self.visible_topic(caller, topic)
        what = args.options.get("what") or (" ".join(words) or None)
        try:
            since = queries.parse_since(since_text) if since_text else None
        except ValueError as e:
            raise UsageError(str(e)) from None
        groups = await queries.claims(self.store, topic, what, since)
        title = "Claims" + (f" · {topic}" if topic else "") + (f" · {what}" if what else "") + \
            (f" · since {since_text}" if since_text else "")
        chart = await self._chart(groups, title) if self.charts else None
        return answers.claims_answer(groups, title), chart

    async def _chart(self, groups: list[queries.ClaimGroup], title: str) -> Chart | None:
        try:
            from bot.platforms.charts import chart_group, claims_chart
        except ImportError:
            return None
        group = chart_group(groups)
        if group is None:
            return None
        try:
            png = await asyncio.to_thread(claims_chart, group, title)
        except Exception:   # a chart is a bonus; the answer must still go out
            log.warning("chart for %r failed", group.what, exc_info=True)
            return None
        safe = "".join(c if c.isalnum() else "-" for c in group.what)[:40] or "claims"
        return Chart(filename=f"claims-{safe}.png", title=f"{group.what}: claims over time", png=png)

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
        limit = int(limit_text) if limit_text else 5
        if not 1 <= limit <= 20:
            raise UsageError("limit must be between 1 and 20")
        if topic is not None:
            await self.visible_topic(caller, topic)
        alerts = await queries.recent(self.store, topic, limit)
        return answers.recent_answer(alerts, "Recent alerts" + (f" · {topic}" if topic else ""))

    # --- topics ------------------------------------------------------------------------------
    async def cmd_topics(self, text: str, caller: Caller) -> Answer:
        sub, rest = head_and_rest(text)
        if sub in ("", "list"):
            return answers.topics_answer(await self.visible_topics(caller))
        if sub == "test":
            return await self._topic_test(rest)
        if sub == "add":
            parts = rest.strip().split(None, 1)
            name, query = (parts + ["", ""])[:2]
            if not name or not query.strip():
                raise UsageError("usage: /topics add NAME QUERY   e.g. /topics add nk-troops \"north korea*\" AND troops")
            if len(name) > 100:
                raise UsageError("a topic name has at most 100 characters")
            self._compile(query)
            existing = await self.store.get_topic(name)
            if existing is not None and existing.guild != caller.guild:
                raise UsageError(f"topic {name!r} already exists and is not this workspace's to change")
            if existing is None and len(await self.store.list_topics(caller.guild)) >= self.max_topics:
                raise UsageError(f"this workspace already has {self.max_topics} topics (the limit)")
            await self.store.add_topic(Topic(name=name, query=query.strip(),
                                             channels=(f"slack:{caller.channel_id}",), guild=caller.guild))
            return Answer(text=f"Topic {esc(name)} {'updated' if existing else 'added'}; "
                               f"alerts go to <#{caller.channel_id}>.")
        if sub == "remove":
            name = rest.strip()
            if not name:
                raise UsageError("usage: /topics remove NAME")
            if not await self.store.remove_topic(name, caller.guild):
                raise UsageError(f"no topic {name!r} added from this workspace")
            return Answer(text=f"Topic {esc(name)} removed.")
        raise UsageError("usage: /topics list | test QUERY | add NAME QUERY | remove NAME")

    @staticmethod
    def _compile(query: str) -> Any:
        from bot.analysis.topics.query import QueryError, compile_query

        try:
            return compile_query(query)
        except QueryError as e:
            raise UsageError(f"query: {e}") from None

    async def _topic_test(self, query: str) -> Answer:
        if not query.strip():
            raise UsageError("usage: /topics test QUERY")
        compiled = self._compile(query)
        entries = await self.store.recent_entries(limit=200)
        hits = []
        for e in entries:
            why = compiled.match(e.title, e.text)
            if why:
                hits.append((e, why))
        lines = [f"{len(hits)} of the last {len(entries)} entries would match."]
        for e, why in hits[:10]:
            terms = "; ".join(f"{k}: {', '.join(v)}" for k, v in why.items() if v)
            lines.append(f"• {answers.link(e.link, e.title or '(untitled)', 200)} — {answers.escape(terms)}")
        return Answer(text=lines[0], blocks=[{"type": "section", "text": answers.md(answers.cut_md(lines))}])

    # --- feeds -------------------------------------------------------------------------------
    async def cmd_feeds(self, text: str, caller: Caller) -> Answer:
        sub, rest = head_and_rest(text)
        if sub in ("", "list", "status"):
            rows = [f for f in await queries.feeds_status(self.store) if f.guild in (None, caller.guild)]
            return answers.feeds_answer(rows, status=(sub == "status"))
        if sub == "add":
            words = split(rest).words
            if not words:
                raise UsageError("usage: /feeds add URL [NAME]")
            url = words[0].strip("<>").split("|", 1)[0]     # Slack sends links as <url> or <url|text>
            self._check_feed_url(url)
            name = " ".join(words[1:]) or urlsplit(url).hostname or url
            if any(f.url == url for f in await self.store.list_feeds(None)):
                return Answer(text="That feed is already followed.")
            if await self.store.count_feeds(caller.guild) >= self.max_feeds:
                raise UsageError(f"this workspace already has {self.max_feeds} feeds (the limit)")
            await self.store.add_feed(Feed(url=url, name=name[:100], guild=caller.guild))
            return Answer(text=f"Feed {esc(name)} added; nothing older than now will alert.")
        if sub == "remove":
            words = split(rest).words
            if len(words) != 1:
                raise UsageError("usage: /feeds remove URL")
            url = words[0].strip("<>").split("|", 1)[0]
            if not await self.store.remove_feed(url, caller.guild):
                raise UsageError("no such feed added from this workspace")
            return Answer(text="Feed removed.")
        raise UsageError("usage: /feeds list | status | add URL [NAME] | remove URL")

    def _check_feed_url(self, url: str) -> None:
        from bot.reader.addresses import check_host, check_url
        from bot.reader.errors import FetchError

        try:
            check_url(url)
            check_host(urlsplit(url).hostname or "", allow_private=self.settings.fetch.allow_private_addresses)
        except (FetchError, ValueError) as e:
            raise UsageError(f"cannot add that feed: {e}") from None

    # --- routing -----------------------------------------------------------------------------
    async def cmd_subscribe(self, text: str, caller: Caller) -> Answer:
        topic, channel = self._topic_and_channel(text, "subscribe", caller)
        await self.visible_topic(caller, topic)
        try:
            await self.store.subscribe(topic, f"slack:{channel}")
        except LookupError:
            raise UsageError(f"no topic {topic!r} (see /topics list)") from None
        return Answer(text=f"Alerts for {esc(topic)} now go to <#{channel}>.")

    async def cmd_unsubscribe(self, text: str, caller: Caller) -> Answer:
        topic, channel = self._topic_and_channel(text, "unsubscribe", caller)
        await self.visible_topic(caller, topic)
        if not await self.store.unsubscribe(topic, f"slack:{channel}"):
            raise UsageError(f"{topic!r} was not routed to that channel")
        return Answer(text=f"Alerts for {esc(topic)} no longer go to <#{channel}>.")

    @staticmethod
    def _topic_and_channel(text: str, name: str, caller: Caller) -> tuple[str, str]:
        words = split(text).words
        if not 1 <= len(words) <= 2:
            raise UsageError(f"usage: /{name} TOPIC [#channel]")
        return words[0], channel_id(words[1]) if len(words) == 2 else caller.channel_id
