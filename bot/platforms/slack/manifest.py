"""The Slack app manifest newsbot needs, built from the same command list the Bolt app registers.

`newsbot slack manifest` prints it; the README shows it and a test keeps the two identical.
"""

from __future__ import annotations

from typing import Any

import yaml

from bot.platforms.slack.commands import COMMANDS

COMMAND_HELP: dict[str, tuple[str, str]] = {
    "claims": ("Figures grouped by what they count, with who claims them", "[topic] [what] [since:7d]"),
    "recent": ("The latest alerts", "[topic] [limit:5]"),
    "topics": ("List, test, add or remove watch topics", "list | test QUERY | add NAME QUERY | remove NAME"),
    "feeds": ("List feeds, their status, add or remove one", "list | status | add URL [NAME] | remove URL"),
    "subscribe": ("Send a topic's alerts to a channel", "TOPIC [#channel]"),
    "unsubscribe": ("Stop sending a topic's alerts to a channel", "TOPIC [#channel]"),
    "newsbot": ("All of the above as subcommands, e.g. /newsbot claims nk-troops",
                "help | claims | recent | topics | feeds | subscribe | unsubscribe ..."),
}
BOT_SCOPES = (
    "commands",            # the slash commands
    "chat:write",          # post alerts
    "chat:write.public",   # post in public channels without being invited (optional)
    "channels:history",    # duplicate check before re-posting, in public channels
    "groups:history",      # the same check in private channels (optional)
    "files:write",         # chart images in /claims answers (optional)
)
EXAMPLE_URL = "https://newsbot.example.org/slack/events"


def build_manifest(url: str | None = EXAMPLE_URL, socket_mode: bool = False) -> dict[str, Any]:
    """HTTP mode: every command and interactivity point at `url`. Socket Mode: no URLs at all."""
    commands = []
    for name in (*COMMANDS, "newsbot"):
        description, hint = COMMAND_HELP[name]
        cmd: dict[str, Any] = {"command": f"/{name}"}
        if not socket_mode:
            cmd["url"] = url
        cmd |= {"description": description, "usage_hint": hint, "should_escape": True}
        commands.append(cmd)
    interactivity: dict[str, Any] = {"is_enabled": True}
    if not socket_mode:
        interactivity["request_url"] = url
    return {
        "display_information": {
            "name": "newsbot",
            "description": "News alerts with the figures in each article and who claims them",
        },
        "features": {
            "bot_user": {"display_name": "newsbot", "always_online": True},
            "slash_commands": commands,
        },
        "oauth_config": {"scopes": {"bot": list(BOT_SCOPES)}},
        "settings": {
            "interactivity": interactivity,
            "org_deploy_enabled": False,
            "socket_mode_enabled": socket_mode,
            "token_rotation_enabled": False,
        },
    }


def manifest_yaml(url: str | None = EXAMPLE_URL, socket_mode: bool = False) -> str:
    return yaml.safe_dump(build_manifest(url, socket_mode), sort_keys=False, width=120)
