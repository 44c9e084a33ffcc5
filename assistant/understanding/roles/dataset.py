"""The labelled corpus of clause roles (corpus/*.jsonl, format in corpus/README.md): examples and their split."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

CORPUS = Path(__file__).parent / "corpus"

#: What a clause is. `command_*` are requests about the interview; the same words about the work are other roles.
ROLES = (
    "work",
    "pain",
    "decision",
    "target",
    "inputs",
    "data",
    "value",
    "filler",
    "dont_know",
    "correction",
    "switch",
    "question",
    "fixed_rule",
    "no_decision",
    "no_outcome",
    "off_topic",
    "command_proposal",
    "command_start_over",
    "command_skip",
    "command_another_pain",
)
ASKED = ("work", "pains", "judgment", "inputs", "data", "value", None)
#: One message in this many is held out for the test split (by a hash of its id: fixed, whatever is added).
TEST_EVERY = 5


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Number(_Model):
    said: str
    kind: str


class Clause(_Model):
    text: str
    role: str
    recorded: str | None = None
    of: str | None = None
    command: str | None = None
    numbers: list[Number] = Field(default_factory=list)


class Message(_Model):
    """One chat message as typed, split into clauses, each labelled (see corpus/README.md)."""

    id: str
    lang: str
    asked: str | None
    industry: str
    message: str
    clauses: list[Clause]


@dataclass(frozen=True)
class Example:
    """One clause with its context: what was asked, where it stands in the message, its label."""

    text: str
    lang: str
    asked: str | None
    position: int
    count: int
    role: str
    recorded: str | None
    of: str | None
    message_id: str

    @property
    def test(self) -> bool:
        return int(hashlib.sha256(self.message_id.encode()).hexdigest(), 16) % TEST_EVERY == 0


def messages(lang: str | None = None) -> list[Message]:
    out = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                m = Message.model_validate(json.loads(line))
                if lang is None or m.lang == lang:
                    out.append(m)
    return out


def examples(lang: str | None = None) -> list[Example]:
    """Every labelled clause (commands as `command_<which>`)."""
    out = []
    for m in messages(lang):
        for i, c in enumerate(m.clauses):
            role = f"command_{c.command}" if c.role == "command" else c.role
            out.append(Example(c.text, m.lang, m.asked, i, len(m.clauses), role, c.recorded, c.of, m.id))
    return out


def corpus_hash() -> str:
    """What the weights were trained on (train.py stores it; a test checks the weights are not stale)."""
    digest = hashlib.sha256()
    for path in sorted(CORPUS.glob("*.jsonl")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
