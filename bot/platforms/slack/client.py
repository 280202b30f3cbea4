"""The Slack Web API client and the secrets it needs; the app, the server and `poll --once` share it.

Secrets are read only here and refused by name when missing (never shown), so the Bolt app and the
server each depend on this module instead of on each other.
"""

from __future__ import annotations

from typing import Any

from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from bot import settings as secrets
from bot.ops.metrics import RATE_LIMITED
from bot.settings import ConfigError

_SECRETS = {"SLACK_BOT_TOKEN": secrets.slack_bot_token, "SLACK_SIGNING_SECRET": secrets.slack_signing_secret,
            "SLACK_APP_TOKEN": secrets.slack_app_token}


def require(name: str) -> str:
    """The secret `name` from the environment, or a ConfigError naming only the variable."""
    value = _SECRETS[name]()
    if not value:
        raise ConfigError(f"slack: environment variable {name} is not set; the Slack front end cannot start "
                          "(see 'Run it on Slack' in the README)")
    return value


class _CountedRateLimitHandler(AsyncRateLimitErrorRetryHandler):
    """Waits 429s out like its parent, and counts each one for `newsbot_rate_limited_total`."""

    async def can_retry_async(self, *, state, request, response=None, error=None) -> bool:
        if response is not None and response.status_code == 429:
            RATE_LIMITED.labels("slack").inc()
        return await super().can_retry_async(state=state, request=request, response=response, error=error)


def make_web_client(token: str, api_url: str, *, max_retry_count: int = 3) -> AsyncWebClient:
    """The one way newsbot builds a Slack client: configurable base URL and 429s waited out."""
    base = api_url if api_url.endswith("/") else api_url + "/"
    client = AsyncWebClient(token=token, base_url=base)
    client.retry_handlers.append(_CountedRateLimitHandler(max_retry_count=max_retry_count))
    return client


def make_client(settings: Any) -> AsyncWebClient:
    """The bot's client for `[slack] api_url`, with SLACK_BOT_TOKEN from the environment."""
    return make_web_client(require("SLACK_BOT_TOKEN"), settings.slack.api_url)
