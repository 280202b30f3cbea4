"""Post alerts to a Slack channel with chat.postMessage, at most once per nonce.

Idempotency: every message carries the nonce in its metadata (event_type `newsbot_alert`). The outbox
may call `send` again for the same nonce after a crash between "Slack accepted it" and "we recorded
it", and `send` cannot tell a first attempt from such a retry, so it always looks first: it reads the
channel history since the alert was created (bounded: `HISTORY_PAGES` pages of `HISTORY_LIMIT`) and
returns the ts of a message that already carries the nonce. If the look-up itself is not allowed
(missing `channels:history`, bot not in the channel) it posts anyway: at-least-once beats never.
Posts to one channel are spaced `CHANNEL_INTERVAL_S` apart (Slack's ~1 message/s per channel; the
router keeps one destination per channel), and 429s that still happen are waited out by the
client's AsyncRateLimitErrorRetryHandler (see `client.make_web_client`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import timedelta
from typing import Any, Awaitable, Callable

from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot.delivery.base import DeliveryError, Kind, kind_for_status
from bot.delivery.budget import SLACK_CHANNEL_INTERVAL_S
from bot.platforms.slack.blocks import alert_blocks, fallback_text
from bot.models import Alert

log = logging.getLogger(__name__)

EVENT_TYPE = "newsbot_alert"
HISTORY_LIMIT = 100
HISTORY_PAGES = 3
CLOCK_SKEW = timedelta(minutes=5)
CHANNEL_INTERVAL_S = SLACK_CHANNEL_INTERVAL_S   # this process's own pace; the outbox keeps the shared one
# Slack answers most errors with HTTP 200 and `ok: false`; these mean "stop until a human acts".
PAUSE_ERRORS = {
    "channel_not_found", "not_in_channel", "is_archived", "invalid_auth", "not_authed",
    "account_inactive", "token_revoked", "token_expired", "missing_scope", "no_permission",
    "restricted_action", "ekm_access_denied", "team_access_not_granted", "access_denied",
}
RETRY_ERRORS = {"ratelimited", "rate_limited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"}


def classify(err: SlackApiError) -> DeliveryError:
    """Map a Slack API error to the outbox's retry / permanent / pause kinds."""
    resp = err.response
    status = getattr(resp, "status_code", 200) or 200
    code = str(resp.get("error", "")) if resp is not None else ""
    retry_after: float | None = None
    if status == 429:
        value = (getattr(resp, "headers", {}) or {}).get("Retry-After") or \
            (getattr(resp, "headers", {}) or {}).get("retry-after")
        if isinstance(value, list):
            value = value[0] if value else None
        try:
            retry_after = float(value) if value is not None else None
        except ValueError:
            retry_after = None
    kind: Kind
    if code in PAUSE_ERRORS:
        kind = "pause"
    elif code in RETRY_ERRORS or status != 200:
        kind = kind_for_status(status) if status != 200 else "retry"
    else:
        kind = "permanent"
    return DeliveryError(f"Slack: {code or 'HTTP ' + str(status)}", kind=kind, retry_after_s=retry_after)


class SlackDestination:
    """`slack:<channel id>`: Block Kit alerts, no pings, one message per nonce."""

    def __init__(self, client: AsyncWebClient, channel_id: str, *, check_history: bool = True,
                 min_interval_s: float = CHANNEL_INTERVAL_S,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep):
        self.client = client
        self.channel_id = channel_id
        self.check_history = check_history
        self.min_interval_s = min_interval_s
        self._clock, self._sleep = clock, sleep
        self._next_post_at = 0.0
        self._pace_lock = asyncio.Lock()

    async def _pace(self) -> None:
        """Slack allows about one message per second per channel: space posts out instead of 429s."""
        async with self._pace_lock:
            wait = self._next_post_at - self._clock()
            if wait > 0:
                await self._sleep(wait)
            self._next_post_at = self._clock() + self.min_interval_s

    async def send(self, alert: Alert, nonce: str) -> str | None:
        try:
            if self.check_history:
                found = await self.find_posted(nonce, alert)
                if found:
                    log.info("slack %s: nonce %s already posted as %s", self.channel_id, nonce, found)
                    return found
            await self._pace()
            resp = await self.client.chat_postMessage(
                channel=self.channel_id,
                text=fallback_text(alert),
                blocks=alert_blocks(alert),
                metadata={"event_type": EVENT_TYPE, "event_payload": {"nonce": nonce}},
                link_names=False, unfurl_links=False, unfurl_media=False, mrkdwn=False,
            )
        except SlackApiError as err:
            raise classify(err) from None
        except (SlackClientError, OSError, TimeoutError) as err:
            raise DeliveryError(f"Slack: {type(err).__name__}", kind="retry") from None
        return str(resp.get("ts")) if resp.get("ts") else None

    async def find_posted(self, nonce: str, alert: Alert) -> str | None:
        """ts of a message in this channel already carrying `nonce`, or None (also when not allowed)."""
        oldest = "0"
        if alert.created_at is not None:
            oldest = f"{(alert.created_at - CLOCK_SKEW).timestamp():.6f}"
        cursor: str | None = None
        for _ in range(HISTORY_PAGES):
            try:
                resp = await self.client.conversations_history(
                    channel=self.channel_id, oldest=oldest, limit=HISTORY_LIMIT,
                    include_all_metadata=True, cursor=cursor)
            except SlackApiError as err:
                code = err.response.get("error") if err.response is not None else None
                if code in ("missing_scope", "not_in_channel"):
                    log.warning("slack %s: cannot read history (%s); posting without the "
                                "duplicate check", self.channel_id, code)
                    return None
                raise
            for msg in resp.get("messages") or []:
                meta = msg.get("metadata") or {}
                if meta.get("event_type") == EVENT_TYPE and \
                        (meta.get("event_payload") or {}).get("nonce") == nonce:
                    return str(msg.get("ts"))
            cursor = (resp.get("response_metadata") or {}).get("next_cursor")
            if not resp.get("has_more") or not cursor:
                return None
        return None
