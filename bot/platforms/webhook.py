"""`webhook:<name>` destinations: a signed generic JSON POST, a Slack incoming webhook, or (through
the Discord sender in discord_webhook.py) a Discord webhook.

Generic JSON: the body is the alert as JSON; `X-Newsbot-Signature: sha256=<hex>` is the HMAC-SHA256
of the exact body bytes with the secret from env `secret_env`; `X-Newsbot-Timestamp` (unix seconds)
is repeated inside the body as `sent_at`, so it is covered by the signature and a receiver can
refuse stale requests; `nonce` (also `X-Newsbot-Delivery`) is stable across retries for
de-duplication. The webhook URL is a secret (Slack's carry a token): it never appears in errors.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from typing import Any, Awaitable, Callable

import aiohttp

from bot.delivery.base import DeliveryError, kind_for_status
from bot.platforms.slack.blocks import alert_blocks, fallback_text
from bot.models import Alert
from bot.ops.http_trace import rate_limit_trace
from bot.redact import register_secret

SIGNATURE_HEADER = "X-Newsbot-Signature"
TIMESTAMP_HEADER = "X-Newsbot-Timestamp"
DELIVERY_HEADER = "X-Newsbot-Delivery"
MAX_INLINE_WAIT_S = 30.0     # a 429 asking for longer goes back to the outbox instead
MAX_ATTEMPTS = 3
TIMEOUT = aiohttp.ClientTimeout(total=15)


def sign(secret: str, body: bytes) -> str:
    """The header value a receiver recomputes: `sha256=` + hex HMAC-SHA256 of the raw body."""
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def verify(secret: str, body: bytes, header: str | None) -> bool:
    """Receiver side (used by tests and documented for users): constant-time compare."""
    return bool(header) and hmac.compare_digest(sign(secret, body), header or "")


def alert_json(alert: Alert, nonce: str, sent_at: int) -> dict[str, Any]:
    e = alert.entry
    return {
        "nonce": nonce,
        "sent_at": sent_at,
        "topic": alert.topic.name,
        "title": e.title,
        "link": e.link,
        "outlet": alert.feed_name,
        "published": e.published.isoformat() if e.published else None,
        "why": alert.why,
        "summary": alert.summary,
        "figures": [f.to_json() for f in alert.figures],
    }


def slack_webhook_json(alert: Alert) -> dict[str, Any]:
    return {"text": fallback_text(alert), "blocks": alert_blocks(alert),
            "unfurl_links": False, "unfurl_media": False, "link_names": False, "mrkdwn": False}


def _retry_after(resp: aiohttp.ClientResponse) -> float | None:
    try:
        return float(resp.headers.get("Retry-After", ""))
    except ValueError:
        return None


class WebhookDestination:
    """POST one alert per call; 429 waited out (briefly) inline, the rest classified for the outbox."""

    def __init__(self, name: str, url: str, *, kind: str = "json", secret: str | None = None,
                 session: aiohttp.ClientSession | None = None,
                 clock: Callable[[], float] = time.time,
                 sleep: Callable[[float], Awaitable[Any]] = asyncio.sleep):
        if kind not in ("json", "slack"):
            raise ValueError(f"webhook {name}: kind {kind!r} is not supported here")
        self.name, self.kind = name, kind
        self._url = url
        self._secret = secret
        self._session = session
        self._owned: aiohttp.ClientSession | None = None
        self._clock, self._sleep = clock, sleep

    def __repr__(self) -> str:   # never show the URL: it is a credential
        return f"WebhookDestination(name={self.name!r}, kind={self.kind!r})"

    def body_and_headers(self, alert: Alert, nonce: str) -> tuple[bytes, dict[str, str]]:
        headers = {"Content-Type": "application/json", "User-Agent": "newsbot/0.1"}
        if self.kind == "slack":
            return json.dumps(slack_webhook_json(alert)).encode(), headers
        ts = int(self._clock())
        body = json.dumps(alert_json(alert, nonce, ts), ensure_ascii=False).encode()
        headers[TIMESTAMP_HEADER] = str(ts)
        headers[DELIVERY_HEADER] = nonce
        if self._secret:
            headers[SIGNATURE_HEADER] = sign(self._secret, body)
        return body, headers

    async def close(self) -> None:
        if self._owned is not None:
            await self._owned.close()
            self._owned = None

    def _client(self) -> aiohttp.ClientSession:
        if self._session is not None:
            return self._session
        if self._owned is None or self._owned.closed:
            self._owned = aiohttp.ClientSession(timeout=TIMEOUT, trace_configs=[rate_limit_trace("webhook")])
        return self._owned

    async def send(self, alert: Alert, nonce: str) -> str | None:
        session = self._client()
        for attempt in range(MAX_ATTEMPTS):
            body, headers = self.body_and_headers(alert, nonce)
            try:
                async with session.post(self._url, data=body, headers=headers,
                                        timeout=TIMEOUT, allow_redirects=False) as resp:
                    status = resp.status
                    wait = _retry_after(resp)
                    await resp.read()
            except (aiohttp.ClientError, asyncio.TimeoutError, OSError) as err:
                raise DeliveryError(f"webhook {self.name}: {type(err).__name__}", kind="retry") from None
            if 200 <= status < 300:
                return None
            if status == 429 and attempt + 1 < MAX_ATTEMPTS and (wait or 1.0) <= MAX_INLINE_WAIT_S:
                await self._sleep(wait if wait is not None else 1.0)
                continue
            kind = "pause" if status == 410 else kind_for_status(status)   # 410: Slack archived channel
            raise DeliveryError(f"webhook {self.name}: HTTP {status}", kind=kind,
                                retry_after_s=wait if status == 429 else None)
        raise AssertionError("unreachable")


class _DiscordHook:
    """A Discord webhook (the Discord engineer's sender) with a session this module owns and closes."""

    def __init__(self, name: str, url: str, mention_role: str | None):
        self.name, self._url, self._role = name, url, mention_role
        self._session: aiohttp.ClientSession | None = None
        self._dest: Any = None

    def __repr__(self) -> str:
        return f"DiscordWebhook(name={self.name!r})"

    async def send(self, alert: Alert, nonce: str) -> str | None:
        if self._dest is None:
            from bot.platforms.discord.webhook import DiscordWebhookDestination

            self._session = aiohttp.ClientSession(timeout=TIMEOUT)
            self._dest = DiscordWebhookDestination(self._url, self._session, mention_role=self._role)
        return await self._dest.send(alert, nonce)

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
            self._session, self._dest = None, None


class _Unusable:
    """Stands in for a misconfigured webhook: every send pauses the route with the reason."""

    def __init__(self, reason: str):
        self.reason = reason

    async def send(self, alert: Alert, nonce: str) -> str | None:
        raise DeliveryError(self.reason, kind="pause")


def webhook_destination(hook: Any, *, mention_role: str | None = None) -> Any:
    """The sender for a `[[webhooks]]` entry (bot.settings.WebhookSettings). A configured but unset
    secret never sends unsigned: the route is paused with the reason (and `run` refuses earlier)."""
    register_secret(hook.url)            # webhook URLs carry credentials: keep them out of logs
    if hook.kind == "discord":
        return _DiscordHook(hook.name, hook.url, mention_role)
    secret = hook.secret()
    register_secret(secret)
    if hook.secret_env and not secret:
        return _Unusable(f"webhook {hook.name}: environment variable {hook.secret_env} is not set")
    return WebhookDestination(hook.name, hook.url, kind=hook.kind, secret=secret)
