"""The web UI's entry points. Gradio loads only after the first line is printed: a start never looks dead."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.app import App


def serve(app: App) -> None:
    """`theme-assistant web`: say so at once, then load Gradio and the UI, then print the address."""
    print("theme-assistant: starting the web UI…", flush=True)
    from assistant.adapters.web_server import serve as run

    run(app)


def launch(app: App, host: str | None = None, port: int | None = None, block: bool = True) -> Any:
    """Start the server (loopback by default) and return the Gradio Blocks; see web_server.launch."""
    from assistant.adapters.web_server import launch as start

    return start(app, host=host, port=port, block=block)


def build_ui(app: App) -> Any:
    """The page without a server (for embedding or inspection)."""
    from assistant.adapters.web_layout import build_ui as build
    from assistant.adapters.web_views import WebUI

    return build(WebUI(app), concurrency=app.settings.web_concurrency)


__all__ = ["build_ui", "launch", "serve"]
