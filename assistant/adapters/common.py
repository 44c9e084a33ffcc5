"""What every adapter does first: an offline environment and the app built from settings."""

from __future__ import annotations

from assistant.app import App, offline_environment
from assistant.settings import load_settings


def build_app(**overrides: object) -> App:
    """Settings from the environment (THEME_ASSISTANT_*) and .env, with command-line overrides on top."""
    offline_environment()
    settings = load_settings(**{k: v for k, v in overrides.items() if v is not None})
    return App(settings)
