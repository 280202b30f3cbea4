"""`newsbot doctor` for Slack: the tokens the mode needs, `auth.test`, and membership of each channel.

Membership is read with `conversations.history` (limit 1): it needs only the history scopes newsbot
already asks for, and Slack answers `not_in_channel` when the app was not invited.
"""

from __future__ import annotations

from slack_sdk.errors import SlackApiError, SlackClientError

from bot import settings as secrets
from bot.ops.doctor.checks import Check
from bot.platforms.slack.client import make_web_client
from bot.settings import Settings

CHANNEL_FIXES = {
    "not_in_channel": "invite the app: type /invite @newsbot in that channel",
    "channel_not_found": "check the channel id (channel details -> About -> Channel ID); "
                         "a private channel also needs /invite @newsbot",
    "missing_scope": "add the channels:history (public) and groups:history (private) scopes under OAuth & "
                     "Permissions, then reinstall the app",
    "is_archived": "the channel is archived: unarchive it or route the topic elsewhere",
}


async def check_slack(settings: Settings, channels: list[str]) -> list[Check]:
    rows = []
    needed = ["SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET" if settings.slack.mode == "http" else "SLACK_APP_TOKEN"]
    readers = {"SLACK_BOT_TOKEN": secrets.slack_bot_token, "SLACK_SIGNING_SECRET": secrets.slack_signing_secret,
               "SLACK_APP_TOKEN": secrets.slack_app_token}
    for name in needed:
        if not readers[name]():
            rows.append(Check.bad("slack", name, "not set",
                                  f"copy it from the app's settings (README: Run it on Slack) and export {name}"))
    token = readers["SLACK_BOT_TOKEN"]()
    if not token:
        return rows
    client = make_web_client(token, settings.slack.api_url, max_retry_count=1)
    try:
        auth = await client.auth_test()
    except SlackApiError as e:
        code = e.response.get("error", "error")
        return rows + [Check.bad("slack", "SLACK_BOT_TOKEN", f"rejected by Slack ({code})",
                                 "reinstall the app to the workspace and copy the Bot User OAuth Token (xoxb-...)")]
    except (SlackClientError, OSError) as e:
        return rows + [Check.bad("slack", "SLACK_BOT_TOKEN", f"cannot reach the Slack API ({type(e).__name__})",
                                 "check the network, or [slack] api_url")]
    rows.append(Check.good("slack", "SLACK_BOT_TOKEN", f"valid: {auth.get('user')} in {auth.get('team')}"))
    for channel in channels:
        try:
            await client.conversations_history(channel=channel, limit=1)
        except SlackApiError as e:
            code = str(e.response.get("error", "error"))
            rows.append(Check.bad("slack", f"channel {channel}", code,
                                  CHANNEL_FIXES.get(code, "check the channel id and the app's scopes")))
            continue
        rows.append(Check.good("slack", f"channel {channel}", "the app is a member"))
    return rows
