"""Wiring the Slack bot into bolt: token checks with clear messages, listeners, HTTP mode and Socket Mode."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from slack_bolt import Ack, App, BoltRequest, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError

from assistant.adapters.slack_bot import SlackBot
from assistant.app import App as CoreApp
from assistant.settings import Settings

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
#: Slack stops retrying an event after about an hour; claims are kept a good while longer, then dropped.
CLAIMS_KEPT = timedelta(days=2)


class SlackSetupError(Exception):
    """A token, secret or URL the operator has to fix; the message says where to find the right one."""


@dataclass(frozen=True)
class SlackIdentity:
    """Who the bot is, from auth.test."""

    team_id: str
    bot_user_id: str | None


def _secret(value: Any) -> str:
    return value.get_secret_value() if value is not None else ""


def check_bot_token(settings: Settings) -> tuple[WebClient, SlackIdentity]:
    """A Web API client for the bot, after auth.test proved the token works."""
    token = _secret(settings.slack_bot_token)
    if not token:
        raise SlackSetupError(
            "SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-…) from your Slack app's "
            "OAuth & Permissions page (install the app to the workspace first) and export SLACK_BOT_TOKEN."
        )
    if not token.startswith("xoxb-"):
        raise SlackSetupError(
            "SLACK_BOT_TOKEN must be the Bot User OAuth Token, which starts with xoxb- (a user token xoxp- or "
            "an app-level token xapp- will not work here)."
        )
    client = WebClient(token=token, base_url=settings.slack_api_url, timeout=15)
    try:
        answer = client.auth_test()
    except SlackApiError as exc:
        error = exc.response.get("error", "error")
        raise SlackSetupError(
            f"Slack rejected SLACK_BOT_TOKEN ({error}): copy it again from the OAuth & Permissions page, and "
            "reinstall the app if its scopes changed."
        ) from None
    except (SlackClientError, OSError) as exc:
        raise SlackSetupError(
            f"Could not reach Slack's Web API at {settings.slack_api_url} ({type(exc).__name__}): check the network "
            "or THEME_ASSISTANT_SLACK_API_URL."
        ) from None
    return client, SlackIdentity(str(answer.get("team_id") or ""), answer.get("user_id"))


def build_bolt_app(core: CoreApp, http: bool) -> tuple[App, SlackBot]:
    """The bolt app and the bot behind it; HTTP mode verifies request signatures with SLACK_SIGNING_SECRET."""
    settings = core.settings
    secret = _secret(settings.slack_signing_secret)
    if http and not secret:
        raise SlackSetupError(
            "SLACK_SIGNING_SECRET is not set: copy the Signing Secret from your Slack app's Basic Information page "
            "(HTTP mode checks every request with it)."
        )
    if not http and not _secret(settings.slack_app_token).startswith("xapp-"):
        raise SlackSetupError(
            "Socket Mode needs SLACK_APP_TOKEN, an app-level token (xapp-…) with the connections:write scope: "
            "create it under Basic Information > App-Level Tokens, or run `theme-assistant slack --http` instead."
        )
    client, identity = check_bot_token(settings)
    try:
        service = core.service
    except ValueError as exc:  # an unknown or unavailable backend: its message says what to use instead
        raise SlackSetupError(str(exc)) from None
    core.store.forget_claims(datetime.now(UTC) - CLAIMS_KEPT)
    bot = SlackBot(service, client, identity.bot_user_id)
    bolt = App(
        client=client,
        token=client.token,
        signing_secret=secret or None,
        request_verification_enabled=http,  # Socket Mode messages come over our own authenticated socket
        token_verification_enabled=False,  # check_bot_token already ran auth.test, with a clearer message
        process_before_response=False,  # ack first: a slow turn must not miss Slack's 3-second deadline
        logger=logging.getLogger("slack_bolt"),
    )
    _register(bolt, bot)
    return bolt, bot


def _register(bolt: App, bot: SlackBot) -> None:
    def on_event(body: dict[str, Any], request: BoltRequest) -> None:
        retry = request.headers.get("x-slack-retry-num", [None])[0]
        bot.submit(body, retry)

    # bolt acknowledges events before these run; the turn itself goes to the bot's own workers
    bolt.event("app_mention")(on_event)
    bolt.event("message")(on_event)

    @bolt.command("/theme")
    def on_theme(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        bot.on_command(body, ack, respond)


# -- HTTP mode -----------------------------------------------------------------------------------------


#: The largest request body the HTTP endpoint reads (Slack's own are a few kilobytes).
MAX_BODY = 1_000_000


def http_asgi(bolt: App) -> Any:
    """A Starlette app serving the Events API and slash commands at /slack/events."""
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import Request
    from starlette.responses import Response
    from starlette.routing import Route

    async def events(request: Request) -> Response:
        # Slack's payloads are a few kilobytes: a large body is refused before it is read, signed or not
        declared = request.headers.get("content-length", "0")
        if not declared.isdigit() or int(declared) > MAX_BODY:
            return Response("request body too large", status_code=413)
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY:
                return Response("request body too large", status_code=413)
            chunks.append(chunk)
        if not request.headers.get("x-slack-request-timestamp", "").isdigit():
            return Response("missing or malformed X-Slack-Request-Timestamp", status_code=400)
        body = b"".join(chunks).decode("utf-8", errors="replace")
        if request.headers.get("content-type", "").startswith("application/json"):
            try:
                json.loads(body)
            except ValueError:
                return Response("the body is not JSON", status_code=400)
        bolt_request = BoltRequest(body=body, query=request.url.query, headers=dict(request.headers))
        try:
            # bolt's dispatch blocks until the ack; run it off the event loop so requests do not queue behind it
            answer = await run_in_threadpool(bolt.dispatch, bolt_request)
        except Exception as exc:  # a body that is neither JSON nor a form: the sender's mistake, not ours
            logger.warning("refused a Slack request bolt could not read (%s)", type(exc).__name__)
            return Response("malformed request", status_code=400)
        return Response(answer.body, status_code=answer.status, headers=answer.first_headers_without_set_cookie())

    async def health(_request: Request) -> Response:
        return Response("ok", media_type="text/plain")

    return Starlette(routes=[Route(EVENTS_PATH, events, methods=["POST"]), Route("/healthz", health)])


def _server(bolt: App, host: str, port: int) -> Any:
    import uvicorn

    # log_config=None: the entry point configures logging, a library must not (and no request lines: ids only)
    config = uvicorn.Config(http_asgi(bolt), host=host, port=port, log_config=None, access_log=False)
    return uvicorn.Server(config)


def serve_http(bolt: App, host: str, port: int) -> None:
    """Blocks, serving http://host:port/slack/events (put it behind HTTPS for Slack to reach it)."""
    logger.info("serving the Slack Events API at http://%s:%s%s", host, port, EVENTS_PATH)
    _server(bolt, host, port).run()


@contextmanager
def http_running(bolt: App, host: str, port: int) -> Iterator[str]:
    """The HTTP endpoint in a background thread (tests); yields its URL."""
    server = _server(bolt, host, port)
    thread = threading.Thread(target=server.run, name="slack-http", daemon=True)
    thread.start()
    try:
        for _ in range(500):
            if server.started:
                break
            threading.Event().wait(0.01)
        yield f"http://{host}:{port}{EVENTS_PATH}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


# -- Socket Mode --------------------------------------------------------------------------------------


def serve_socket(bolt: App, settings: Settings) -> None:
    """Blocks, receiving events over a WebSocket opened with SLACK_APP_TOKEN (no public URL needed)."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    handler = SocketModeHandler(bolt, _secret(settings.slack_app_token))
    try:
        handler.connect()
    except SlackApiError as exc:
        raise SlackSetupError(
            f"Slack refused SLACK_APP_TOKEN ({exc.response.get('error', 'error')}): create a new app-level token "
            "with the connections:write scope and turn Socket Mode on in the app's settings."
        ) from None
    logger.info("connected to Slack in Socket Mode")
    threading.Event().wait()
