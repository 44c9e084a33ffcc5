"""Record and replay of model responses, keyed by a hash of the request (eval --record / --replay).

Both are httpx transports handed to the openai client by the composition root, so everything the provider
module sends (chat, streamed chat, embeddings) is covered and nothing above the HTTP layer knows.
"""

from __future__ import annotations

import hashlib
import json
import logging
from pathlib import Path

import httpx2 as httpx

logger = logging.getLogger(__name__)

#: Response headers worth keeping: the body is stored decoded, so length and encoding would lie on replay.
_KEEP_HEADERS = ("content-type",)


class ReplayMissing(RuntimeError):
    """A request has no recorded response: replay fails closed instead of calling anything."""


def request_key(request: httpx.Request) -> str:
    """A stable hash of what was asked: method, path (not host, so a recording replays on any base URL) and
    the JSON body with sorted keys."""
    body = request.content
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, ensure_ascii=False)
    except ValueError:
        canonical = body.decode("utf-8", "replace")
    text = f"{request.method} {request.url.path}\n{canonical}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _path(folder: Path, key: str) -> Path:
    return folder / f"{key}.json"


class RecordingTransport(httpx.BaseTransport):
    """Sends each request on and stores the full response under its key (one JSON file per request)."""

    def __init__(self, folder: Path, inner: httpx.BaseTransport | None = None) -> None:
        self.folder = folder
        self.inner = inner or httpx.HTTPTransport()
        folder.mkdir(parents=True, exist_ok=True)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        body = response.read()
        if response.status_code < 500 and response.status_code != 429:
            # transient failures are not facts about the request: a retry must not replay them
            record = {
                "request": {"method": request.method, "path": request.url.path},
                "status": response.status_code,
                "headers": {k: v for k, v in response.headers.items() if k.lower() in _KEEP_HEADERS},
                "body": body.decode("utf-8"),
            }
            _path(self.folder, request_key(request)).write_text(json.dumps(record, ensure_ascii=False), "utf-8")
        return httpx.Response(
            response.status_code,
            headers={k: v for k, v in response.headers.items() if k.lower() in _KEEP_HEADERS},
            content=body,
            request=request,
        )

    def close(self) -> None:
        self.inner.close()


class ReplayTransport(httpx.BaseTransport):
    """Answers only from recordings; a request never recorded raises `ReplayMissing` (nothing is sent)."""

    def __init__(self, folder: Path) -> None:
        if not folder.is_dir():
            raise ReplayMissing(f"no recordings folder {folder}; record one first with --record {folder}")
        self.folder = folder
        self.missing: list[str] = []
        """Keys asked for and not found (the eval reports them)."""

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        key = request_key(request)
        path = _path(self.folder, key)
        if not path.exists():
            self.missing.append(key)
            raise ReplayMissing(
                f"no recorded response for request {key} in {self.folder}; record it again with --record against "
                "a live endpoint (the prompts or the conversation changed since the recording)"
            )
        record = json.loads(path.read_text("utf-8"))
        return httpx.Response(
            record["status"], headers=record["headers"], content=record["body"].encode("utf-8"), request=request
        )
