"""The Slack front end: a Bolt app with newsbot's slash commands, in HTTP or Socket Mode."""

from bot.platforms.slack.app import build_slack_app
from bot.platforms.slack.server import http_app, run_slack_http, run_slack_socket, start_slack

__all__ = ["build_slack_app", "http_app", "run_slack_http", "run_slack_socket", "start_slack"]
