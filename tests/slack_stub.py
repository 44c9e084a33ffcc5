"""A local stand-in for Slack's Web API on 127.0.0.1 that records every call, and a signed-request helper."""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import threading
import time
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

BOT_USER = "U0LAN0Z89"  # the bot's user id in Slack's app_mention example
TEAM = "T123ABC456"


@dataclass
class Call:
    method: str
    params: dict[str, Any]
    token: str | None


@dataclass
class SlackStub:
    """Answers like Slack's Web API: auth.test, chat.*, views.open, the three-step file upload, response_url."""

    url: str = ""
    calls: list[Call] = field(default_factory=list)
    uploads: dict[str, bytes] = field(default_factory=dict)
    failing_channels: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)
    _ts: Iterator[int] = field(default_factory=lambda: itertools.count(1))

    def named(self, method: str) -> list[Call]:
        with self.lock:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, check: Callable[[SlackStub], bool], timeout: float = 20.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if check(self):
                return
            time.sleep(0.02)
        raise AssertionError(f"timed out; calls so far: {[c.method for c in self.calls]}")

    def posts(self, thread_ts: str | None = None) -> list[Call]:
        return [
            c for c in self.named("chat.postMessage") if thread_ts is None or c.params.get("thread_ts") == thread_ts
        ]

    def answer(self, method: str, params: dict[str, Any], token: str | None) -> dict[str, Any]:
        with self.lock:
            self.calls.append(Call(method, params, token))
        if method == "auth.test":
            if token != "xoxb-test":
                return {"ok": False, "error": "invalid_auth"}
            return {"ok": True, "team_id": TEAM, "user_id": BOT_USER, "bot_id": "B123ABC456", "user": "theme"}
        if method == "apps.connections.open":  # Socket Mode: only a valid app-level token gets a WebSocket URL
            return {"ok": False, "error": "invalid_auth"}
        channel = params.get("channel") or params.get("channel_id")
        if channel in self.failing_channels:
            return {"ok": False, "error": "channel_not_found"}
        if method == "chat.postMessage":
            ts = f"{1700000000 + next(self._ts)}.000100"
            return {"ok": True, "channel": channel, "ts": ts, "message": {"text": params.get("text"), "ts": ts}}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": "1700000000.000200"}
        if method == "views.open":
            return {"ok": True, "view": {"id": "V123"}}
        if method == "files.getUploadURLExternal":
            file_id = f"F{next(self._ts)}"
            return {"ok": True, "file_id": file_id, "upload_url": f"{self.url}upload/{file_id}"}
        if method == "files.completeUploadExternal":
            files = json.loads(params["files"]) if isinstance(params.get("files"), str) else params.get("files")
            return {"ok": True, "files": files}
        return {"ok": True}


def _handler(stub: SlackStub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            path = self.path.split("?")[0]
            if path.startswith("/upload/"):
                stub.uploads[path.rsplit("/", 1)[1]] = raw
                return self._send(200, b"OK", "text/plain")
            if path.startswith("/respond/"):
                stub.answer("response_url", json.loads(raw or b"{}"), None)
                return self._send(200, b"ok", "text/plain")
            query = self.path.split("?", 1)[1] if "?" in self.path else ""
            params: dict[str, Any] = {k: v[0] for k, v in urllib.parse.parse_qs(query).items()}
            if "json" in (self.headers.get("Content-Type") or ""):
                params.update(json.loads(raw or b"{}"))
            else:
                params.update({k: v[0] for k, v in urllib.parse.parse_qs(raw.decode()).items()})
            auth = self.headers.get("Authorization") or ""
            token = auth.removeprefix("Bearer ") or params.get("token")
            body = json.dumps(stub.answer(path.removeprefix("/api/"), params, token)).encode()
            self._send(200, body, "application/json")

        def _send(self, status: int, body: bytes, kind: str) -> None:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def slack_stub() -> Iterator[SlackStub]:
    stub = SlackStub()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stub))
    server.daemon_threads = True
    stub.url = f"http://127.0.0.1:{server.server_address[1]}/"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()


# -- requests as Slack sends them -----------------------------------------------------------------------


def signed(secret: str, body: str, timestamp: int | None = None) -> dict[str, str]:
    """Slack's v0 signature: HMAC-SHA256 of "v0:{timestamp}:{body}" with the signing secret."""
    ts = str(timestamp if timestamp is not None else int(time.time()))
    digest = hmac.new(secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


def send(url: str, body: str, headers: dict[str, str], content_type: str) -> tuple[int, str]:
    request = urllib.request.Request(url, data=body.encode(), headers={**headers, "Content-Type": content_type})
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback only, never a proxy
    try:
        with opener.open(request, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()
