"""The search index on a real Chroma server (shared by app instances) and with an OpenAI-compatible embedding."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import chromadb
import pytest

from assistant.app import App
from assistant.providers import ProviderError
from assistant.settings import Settings
from tests.openai_stub import embedding_server
from tests.webserver import free_port

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture()
def chroma_server(tmp_path):
    port = free_port()
    chroma = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen(
        [str(chroma), "run", "--path", str(tmp_path / "server"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        try:
            chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat()
            break
        except Exception:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("chroma server did not start within 30 s")
    yield port
    proc.terminate()
    proc.wait(timeout=10)


def test_two_app_instances_share_one_index_on_a_chroma_server(chroma_server, tmp_path):
    def app(name: str) -> App:
        return App(
            Settings(
                data_dir=tmp_path / name,
                knowledge_dir=ROOT / "knowledge",
                chroma_host="127.0.0.1",
                chroma_port=chroma_server,
            )
        )

    first = app("a").index
    hits = first.search("the presses stop without warning and the veteran hears it first", k=3)
    assert "equipment-anomaly" in [h.id for h in hits]
    second = app("b").index
    assert second.dense.collections["en"].id == first.dense.collections["en"].id, "the second must reuse it"
    assert not (tmp_path / "a" / "chroma").exists()


def test_openai_compatible_embeddings_through_an_injected_client(tmp_path):
    with embedding_server() as (url, requests):
        settings = Settings(
            data_dir=tmp_path,
            knowledge_dir=ROOT / "knowledge",
            embedding="openai",
            llm_base_url=url,
            embedding_model="local-embedder",
        )
        index = App(settings).index
        assert requests and requests[0]["body"]["model"] == "local-embedder"
        hits = index.search("we throw away a lot of bread every evening", k=3)
        assert "demand-forecast" in [h.id for h in hits]
        assert "theme-assistant-openai" in index.dense.stamp


def test_unreachable_embedding_endpoint_says_how_to_fix(tmp_path):
    port = free_port()  # nothing listens there
    settings = Settings(
        data_dir=tmp_path,
        knowledge_dir=ROOT / "knowledge",
        embedding="openai",
        llm_base_url=f"http://127.0.0.1:{port}/v1",
        llm_timeout=2,
    )
    with pytest.raises(ProviderError, match="THEME_ASSISTANT_EMBEDDING=hashing"):
        _ = App(settings).index


def test_openai_embedding_needs_an_endpoint(tmp_path):
    settings = Settings(data_dir=tmp_path, knowledge_dir=ROOT / "knowledge", embedding="openai")
    with pytest.raises(ProviderError, match="THEME_ASSISTANT_LLM_BASE_URL"):
        _ = App(settings).index
