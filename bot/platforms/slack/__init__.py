"""Slack: the Bolt app and its commands (app.py, commands.py, answers.py), served over HTTP or Socket
Mode (server.py), alerts as Block Kit (blocks.py) posted by sender.py. Only modules in this folder
import the Slack SDKs."""
