"""`newsbot slack manifest`: print the Slack app manifest for this version of newsbot."""

from __future__ import annotations

import typer

from bot.platforms.slack.manifest import manifest_yaml

slack_app = typer.Typer(help="Slack helpers: the app manifest to create the Slack app from.", no_args_is_help=True)


@slack_app.command("manifest")
def manifest(url: str = typer.Option("https://newsbot.example.org/slack/events", "--url",
                                     help="Public HTTPS URL that reaches [slack] http_path (HTTP mode)."),
             socket: bool = typer.Option(False, "--socket", help="Socket Mode: no request URLs.")) -> None:
    """Print the app manifest (YAML): paste it at api.slack.com/apps -> Create New App -> From a manifest."""
    typer.echo(manifest_yaml(None if socket else url, socket_mode=socket), nl=False)


def register(app: typer.Typer) -> None:
    app.add_typer(slack_app, name="slack")
