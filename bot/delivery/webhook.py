"""`webhook:<name>` destinations: a signed generic JSON POST, or a Slack incoming webhook.

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
from bot.delivery.slack_blocks import alert_blocks, fallback_text
from bot.models import Alert

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

    async def send(self, alert: Alert, nonce: str) -> str | None:
        session = self._session or aiohttp.ClientSession(timeout=TIMEOUT)
        try:
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
        finally:
            if self._session is None:
                await session.close()
