"""The contract every destination keeps, so the outbox can treat Discord, Slack and webhooks alike."""

from __future__ import annotations

from typing import Literal, Protocol

from bot.models import Alert

Kind = Literal["retry", "permanent", "pause"]


class DeliveryError(Exception):
    """A failed send, classified so the outbox knows whether to retry, give up, or pause the route.

    retry: 5xx, timeouts, connection errors (backoff, then try again)
    permanent: 400 and other request errors (never retried in a loop)
    pause: 401/403/404 (token revoked, channel gone): pause the subscription with this reason
    """

    def __init__(self, reason: str, *, kind: Kind = "retry", retry_after_s: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.kind: Kind = kind
        self.retry_after_s = retry_after_s


def kind_for_status(status: int) -> Kind:
    if status in (401, 403, 404):
        return "pause"
    if status == 429 or status >= 500:
        return "retry"
    return "permanent"


class Destination(Protocol):
    async def send(self, alert: Alert, nonce: str) -> str | None: ...
