"""The one settings object, read at the entry point and passed down; the user data folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Literal

from pydantic import AliasChoices, Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.knowledge import default_knowledge_dir

ENV_PREFIX = "THEME_ASSISTANT_"


def user_data_dir() -> Path:
    """The one place that decides where user data lives (sessions, index, exports).

    `THEME_ASSISTANT_DATA_DIR` wins; otherwise the XDG data folder, as simonw/llm does.
    """
    explicit = os.environ.get(ENV_PREFIX + "DATA_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".local" / "share"
    return base / "theme-assistant"


class Settings(BaseSettings):
    """Everything configurable, from `THEME_ASSISTANT_*` variables or a `.env` file."""

    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_file=".env", extra="ignore")

    data_dir: Path = Field(default_factory=user_data_dir)
    """Where sessions, the embedded Chroma index and exports are kept."""
    knowledge_dir: Path = Field(default_factory=default_knowledge_dir)
    """The knowledge base folder (holding patterns/ and non_ml.yaml)."""
    database_url: str | None = None
    """SQLAlchemy URL of the session store; default: SQLite in the data folder.
    Use postgresql+psycopg://... so several app instances share sessions."""

    chroma_host: str | None = None
    """A Chroma server to use instead of the embedded index (shared by several instances)."""
    chroma_port: int = 8000
    collection: str = "detection-patterns"

    embedding: Literal["use", "e5", "hashing", "openai"] = "use"
    """The index's embedding. Offline: `use` (multilingual Universal Sentence Encoder shipped in its PyPI wheel;
    the default), `e5` (multilingual-e5-small, ~25x slower per sentence; the `e5` extra), `hashing` (character
    n-grams, no model; see assistant/retrieval/embedders.py).
    `openai` uses the embedding endpoint below."""
    embedding_model: str = "text-embedding-3-small"

    backend: Literal["offline", "llm"] = "offline"
    """`offline` is the guided interviewer (no LLM); `llm` an OpenAI-compatible chat model."""
    llm_base_url: str | None = None
    llm_api_key: SecretStr = SecretStr("")
    llm_model: str = "gpt-4o-mini"
    llm_timeout: float = 60.0
    """Seconds to wait for one model call before that turn falls back to the offline engine."""
    llm_max_tokens: int = 800
    """The most tokens one answer may have (an update, or a question): a runaway model stops here."""
    llm_max_retries: int = 2
    """Retries with exponential backoff on 429, 5xx and dropped connections (the openai client's own)."""
    llm_tool_choice: Literal["auto", "any", "record_update"] = "auto"
    """How the first understand call must use its tools. `auto` works on every server (llama.cpp's accepts only
    `auto` or a named function); `any` makes OpenAI-style servers call a tool; `record_update` forces the
    update (then `search_patterns` is never called). A turn without a tool call gets one forced retry."""
    llm_compact_schema: bool = False
    """Send the update schema without descriptions (a third of the tokens), for small local models."""
    llm_token_budget: int = 150_000
    """Tokens (counted offline, prompt + answer) one interview may spend; beyond it the offline engine answers."""
    llm_context_tokens: int = 1200
    """The recent conversation sent with each call is cut to this many tokens; older turns live on only as the
    facts already in the interview state, so prompts stay bounded however long the interview runs."""
    llm_redact: bool | None = None
    """Replace e-mail addresses, phone numbers and stated names before text goes to the model. None (default):
    on when the endpoint is not on this machine (loopback), off for a local server."""
    llm_rewrite_prose: bool = True
    """With the llm backend, one more model call rewords the proposal's advice and knowledge-base sentences for the
    case; the rewrite is used only when it keeps every figure and quoted phrase (else the proposal stays as built).
    Off: no call (the offline backend never makes one)."""
    llm_record_dir: Path | None = None
    """Store every model response here, keyed by a hash of the request (eval --record)."""
    llm_replay_dir: Path | None = None
    """Serve model responses from this folder only, failing closed on a request never recorded (eval --replay)."""

    hourly_cost_jpy: float = 5000.0
    """Assumed loaded cost of one hour of staff time, used when a pain is stated in hours (ja)."""
    hourly_cost_usd: float = 50.0
    """The same for English-speaking users (USD)."""
    workdays_per_year: int = 240

    host: str = "127.0.0.1"
    port: int = 7860
    web_concurrency: int = Field(default=8, ge=1)
    """Web turns (and other page events) run at once per process; further ones wait in Gradio's queue, in order.
    A bound because the server has few cores (2 where it was measured) and an `llm` turn holds a model call for
    seconds: 30 turns at once would only slow every one of them and pile up calls on the model server."""
    log_user_text: bool = False
    """Put user text and prompts into debug logs (off: they are personal data)."""
    max_user_turns: int = Field(default=400, ge=1)
    """Employee messages one interview takes in; beyond it the assistant asks to start a new interview."""
    max_themes: int = Field(default=12, ge=1)
    """Themes (pains) one interview keeps; a further one is not added, and the employee is told why."""

    slack_api_url: str = "https://slack.com/api/"
    """Base URL of Slack's Web API; point it at a local stand-in to test the bot without Slack."""
    # Slack apps conventionally read these three without a prefix (as Slack's own samples do).
    slack_bot_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_BOT_TOKEN", "THEME_ASSISTANT_SLACK_BOT_TOKEN")
    )
    """Bot User OAuth Token (xoxb-...), from the app's OAuth & Permissions page."""
    slack_app_token: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_APP_TOKEN", "THEME_ASSISTANT_SLACK_APP_TOKEN")
    )
    """App-level token (xapp-..., scope connections:write), needed for Socket Mode only."""
    slack_signing_secret: SecretStr | None = Field(
        default=None, validation_alias=AliasChoices("SLACK_SIGNING_SECRET", "THEME_ASSISTANT_SLACK_SIGNING_SECRET")
    )
    """Signing secret from the app's Basic Information page, needed for HTTP mode only."""

    @field_validator("slack_api_url")
    @classmethod
    def _trailing_slash(cls, url: str) -> str:
        # slack_sdk appends the method name to the base URL as is ("…/api" + "chat.postMessage" is wrong)
        return url if url.endswith("/") else url + "/"

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "sessions.db"

    @property
    def db_url(self) -> str:
        return self.database_url or f"sqlite:///{self.sqlite_path}"

    @property
    def chroma_path(self) -> Path:
        return self.data_dir / "chroma"

    @property
    def index_cache_dir(self) -> Path:
        """Where the BM25 index is saved between starts (keyed by the knowledge base's hash)."""
        return self.data_dir / "index"

    def ensure_data_dir(self) -> Path:
        """The data folder, private to its owner (0700): it holds what employees said."""
        self.data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
        if self.data_dir.stat().st_mode & 0o077:
            self.data_dir.chmod(0o700)  # made by an older version, or under a permissive umask
        return self.data_dir


def load_settings(**overrides: object) -> Settings:
    """Settings, or a SystemExit naming each bad variable and why (not a 50-line pydantic traceback)."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        lines = []
        for e in exc.errors():
            name = str(e["loc"][0]) if e["loc"] else "?"
            env = name if name.isupper() else ENV_PREFIX + name.upper()  # Slack's names are used as they are
            secret = any(word in env for word in ("TOKEN", "SECRET", "KEY"))  # a bad secret is still not printed
            lines.append(f"{env}{'' if secret else '=' + repr(e.get('input'))}: {e['msg']}")
        raise SystemExit("invalid setting:\n  " + "\n  ".join(lines)) from None
