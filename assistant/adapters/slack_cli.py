"""`theme-assistant slack`: the Slack bot in Socket Mode (default) or HTTP mode (--http)."""

from __future__ import annotations

import logging
from typing import Annotated

import typer
from rich.console import Console

err = Console(stderr=True)


def register(app: typer.Typer) -> None:
    app.command("slack")(slack)


def slack(
    http: Annotated[
        bool, typer.Option("--http", help="Serve the Events API at /slack/events instead of Socket Mode.")
    ] = False,
    port: Annotated[int, typer.Option(help="Port for --http.")] = 3000,
    host: Annotated[str | None, typer.Option(help="Interface for --http (default: THEME_ASSISTANT_HOST).")] = None,
    backend: Annotated[str | None, typer.Option(help="offline or llm (default: THEME_ASSISTANT_BACKEND).")] = None,
) -> None:
    """Run the Slack bot: mentions and DMs start interviews in threads; /theme start|status|proposal.

    Socket Mode needs SLACK_APP_TOKEN and SLACK_BOT_TOKEN; --http needs SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN."""
    from assistant.adapters.common import build_app
    from assistant.adapters.slack_app import SlackSetupError, build_bolt_app, serve_http, serve_socket

    core = build_app(backend=backend)
    if not core.settings.log_user_text:
        # their debug logs carry request and response bodies, i.e. what employees type
        for name in ("slack_bolt", "slack_sdk"):
            logging.getLogger(name).setLevel(max(logging.INFO, logging.getLogger(name).getEffectiveLevel()))
    try:
        bolt, _bot = build_bolt_app(core, http=http)
        if http:
            where = host or core.settings.host
            err.print(f"[dim]Slack Events API and /theme at http://{where}:{port}/slack/events[/dim]")
            serve_http(bolt, where, port)
        else:
            err.print("[dim]connecting to Slack in Socket Mode…[/dim]")
            serve_socket(bolt, core.settings)
    except SlackSetupError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from None
    except KeyboardInterrupt:
        pass
