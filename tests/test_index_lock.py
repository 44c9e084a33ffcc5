"""Two processes creating the same new embedded index at once: both start, with one whole index between them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant.embedding import HashingEmbeddingFunction
from assistant.knowledge import load_knowledge
from assistant.retrieval import PatternIndex, chroma_client
from assistant.retrieval.buildlock import folder_lock

ROOT = Path(__file__).resolve().parent.parent

# One start of the app's index: wait for the go file (so both processes create the folder at the same
# instant), then open the client and the index as assistant.app does, and report what was found.
CHILD = """
import json, sys, time
from pathlib import Path
from assistant.embedding import HashingEmbeddingFunction
from assistant.knowledge import load_knowledge
from assistant.retrieval import PatternIndex, chroma_client

folder, ready, go = map(Path, sys.argv[1:4])
kb = load_knowledge(Path(sys.argv[4]))
embedder = HashingEmbeddingFunction()
ready.touch()
while not go.exists():
    time.sleep(0.001)
index = PatternIndex.open(kb, chroma_client(folder), "patterns", embedder, cache_dir=folder.parent / "index")
hits = index.search("we throw away bread every night", k=3)
print(json.dumps({
    "top": hits[0].id,
    "collections": sorted(c.name for c in index.dense.collections.values()),
    "counts": [c.count() for c in index.dense.collections.values()],
    "sizes": list(index.dense.sizes.values()),
    "built": index.dense.build_seconds is not None,
}))
"""


def _start(tmp_path: Path, name: str) -> tuple[subprocess.Popen[str], Path]:
    ready = tmp_path / f"{name}.ready"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    args = [str(tmp_path / "data" / "chroma"), str(ready), str(tmp_path / "go"), str(ROOT / "knowledge")]
    command = [sys.executable, "-c", CHILD, *args]
    child = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return child, ready


@pytest.mark.timeout(240)
def test_two_processes_creating_a_new_index_at_once_both_succeed(tmp_path):
    children = [_start(tmp_path, name) for name in ("first", "second")]
    deadline = time.monotonic() + 120
    while not all(ready.exists() for _, ready in children):
        assert all(child.poll() is None for child, _ in children), [c.communicate() for c, _ in children]
        assert time.monotonic() < deadline, "the processes did not get ready"
        time.sleep(0.01)
    (tmp_path / "go").touch()
    reports = []
    for child, _ in children:
        out, err = child.communicate(timeout=180)
        assert child.returncode == 0, err[-3000:]
        assert "could not save" not in err, err[-3000:]
        reports.append(json.loads(out.strip().splitlines()[-1]))

    first, second = reports
    assert first["top"] == second["top"] == "demand-forecast"
    assert first["collections"] == second["collections"], "both use the one index"
    assert [r["built"] for r in reports].count(True) == 1, "one built it, the other waited and reused it"
    for r in reports:
        assert r["counts"] == r["sizes"] and min(r["counts"]) > 0, "whole collections"
    # and the folder is whole for a later start: nothing to rebuild, nothing left over
    client = chroma_client(tmp_path / "data" / "chroma")
    again = PatternIndex.open(load_knowledge(ROOT / "knowledge"), client, "patterns", HashingEmbeddingFunction())
    assert again.dense.build_seconds is None
    assert sorted(c.name for c in client.list_collections()) == first["collections"]
    assert again.search("we throw away bread every night", k=1)[0].id == "demand-forecast"


def test_a_lock_held_too_long_says_what_to_do(tmp_path):
    # the second holder (another file handle, as another process would have) gives up after its wait
    held = pytest.raises(TimeoutError, match="THEME_ASSISTANT_DATA_DIR")
    with folder_lock(tmp_path), held, folder_lock(tmp_path, wait_s=0.1):
        pass
