"""Detection patterns of the knowledge base: schema, loader and validation."""

from __future__ import annotations

import hashlib
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from assistant.vocabulary import Lang, Modality, OutputShape, TaskKind

logger = logging.getLogger(__name__)

#: libyaml's loader parses 6.7x faster (it matters at thousands of patterns); the pure-Python one is
#: the fallback where PyYAML was built without libyaml.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_JA_CHARS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


def _check_ja(value: str) -> str:
    if not _JA_CHARS.search(value):
        raise ValueError("the Japanese text has no Japanese characters; write it in Japanese")
    return value


def _check_en(value: str) -> str:
    if _JA_CHARS.search(value):
        raise ValueError("the English text contains Japanese characters; write it in English")
    return value


class Text(_Strict):
    """One user-facing sentence in both languages."""

    en: Annotated[str, Field(min_length=1)]
    ja: Annotated[str, Field(min_length=1)]

    _en = field_validator("en")(_check_en)
    _ja = field_validator("ja")(_check_ja)

    def get(self, lang: Lang) -> str:
        return self.ja if lang == "ja" else self.en


class TextList(_Strict):
    """Several user-facing phrases in both languages (the lists need not pair up)."""

    en: Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]
    ja: Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1)]

    @field_validator("en")
    @classmethod
    def _en_items(cls, items: list[str]) -> list[str]:
        return [_check_en(i) for i in items]

    @field_validator("ja")
    @classmethod
    def _ja_items(cls, items: list[str]) -> list[str]:
        return [_check_ja(i) for i in items]

    def get(self, lang: Lang) -> list[str]:
        return self.ja if lang == "ja" else self.en


class DataNeeds(_Strict):
    """How much data a first model needs and whether outcomes must be recorded."""

    min_examples: Annotated[int, Field(ge=1)]
    """Rough number of past examples a PoC needs."""
    labels_required: bool
    """True when past outcomes (labels) must be recorded for the pattern to work."""
    notes: Text


class Metrics(_Strict):
    """How success is measured, for the data scientist and for the manager."""

    ml: Text
    business: Text


class PocStep(_Strict):
    step: Text
    weeks: Annotated[int, Field(ge=1, le=26)]


class Pattern(_Strict):
    """One detection pattern: "based on X, detect Y", with what it takes to do it."""

    id: Annotated[str, Field(pattern=_ID)]
    title: Text
    task_kind: TaskKind
    modalities: Annotated[list[Modality], Field(min_length=1)]
    industries: Annotated[list[Annotated[str, Field(pattern=_ID)]], Field(min_length=1)]
    detection: Text
    """The detection sentence: "Based on X, detect Y." / 「Xを基にYを検出する」"""
    inputs: TextList
    """What a person looks at when judging today (the model's inputs)."""
    target: Text
    """What is detected."""
    output_shape: OutputShape
    entity: Text
    """What one detection is about: a part, a customer, a loan."""
    truth_wait: Text
    """When the truth becomes known after the detection."""
    truth_wait_days: Annotated[int, Field(ge=0)]
    """The same wait in days, roughly (0 = known at once), for feasibility scoring."""
    baseline: Text
    """The usual non-ML way of doing it today, which the model must beat."""
    pains: TextList
    """Phrases an employee would actually say when this pattern fits."""
    keywords: TextList
    """Plain words of the domain that signal the pattern (no ML terms)."""
    data_needs: DataNeeds
    metrics: Metrics
    pitfalls: Annotated[list[Text], Field(min_length=2)]
    value_levers: Annotated[list[Text], Field(min_length=1)]
    poc_plan: Annotated[list[PocStep], Field(min_length=3)]

    @field_validator("modalities")
    @classmethod
    def _unique_modalities(cls, value: list[Modality]) -> list[Modality]:
        if len(set(value)) != len(value):
            raise ValueError("a modality is listed twice; list each once")
        return value

    @model_validator(mode="after")
    def _enough_pains(self) -> Pattern:
        for lang in ("en", "ja"):
            if len(self.pains.get(lang)) < 5:
                raise ValueError(
                    f"pains.{lang} has {len(self.pains.get(lang))} phrases; "
                    "write at least 5 things an employee would actually say"
                )
        return self

    @property
    def poc_weeks(self) -> int:
        return sum(s.weeks for s in self.poc_plan)


class KnowledgeError(ValueError):
    """A knowledge-base file is invalid; the message names the file, the field and the fix."""


def _format_errors(path: Path, err: ValidationError) -> str:
    lines = [f"{path}: invalid detection pattern"]
    for e in err.errors():
        field = ".".join(str(p) for p in e["loc"]) or "(file)"
        msg = e["msg"]
        if e["type"] == "missing":
            msg = "required field is missing; add it (see knowledge/README.md for the schema)"
        elif e["type"] == "extra_forbidden":
            msg = "unknown field; remove it or fix its spelling"
        elif e["type"] == "literal_error":
            msg = f"{msg}; use one of the listed values"
        lines.append(f"  field '{field}': {msg}")
    return "\n".join(lines)


def load_pattern(path: Path) -> Pattern:
    """Load and validate one pattern file; raise KnowledgeError saying what to fix."""
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise KnowledgeError(f"{path}: not UTF-8 text ({exc}); save the file as UTF-8") from exc
    try:
        data: Any = yaml.load(text, Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: malformed YAML: {exc}; fix the syntax at the line shown") from exc
    if not isinstance(data, dict):
        raise KnowledgeError(f"{path}: expected a YAML mapping of fields at the top level")
    try:
        pattern = Pattern.model_validate(data)
    except ValidationError as exc:
        raise KnowledgeError(_format_errors(path, exc)) from exc
    if pattern.id != path.stem:
        raise KnowledgeError(
            f"{path}: field 'id' is '{pattern.id}' but the file is named '{path.stem}'; make them the same"
        )
    return pattern


@dataclass(frozen=True)
class KnowledgeBase:
    """All patterns, by id, with a hash of their content (to know when to re-index)."""

    patterns: dict[str, Pattern]
    content_hash: str
    folder: Path

    def get(self, pattern_id: str) -> Pattern:
        try:
            return self.patterns[pattern_id]
        except KeyError:
            raise KeyError(f"no pattern '{pattern_id}'; `theme-assistant patterns list` shows the ids") from None

    def __len__(self) -> int:
        return len(self.patterns)

    def __iter__(self) -> Iterator[Pattern]:
        return iter(self.patterns.values())


def load_knowledge(folder: Path) -> KnowledgeBase:
    """Load every `*.yaml` pattern under `folder/patterns`; all errors are reported together."""
    pattern_dir = folder / "patterns"
    files = sorted(pattern_dir.glob("*.yaml"))
    if not files:
        raise KnowledgeError(
            f"{pattern_dir}: no pattern files (*.yaml); point the knowledge folder "
            "setting (THEME_ASSISTANT_KNOWLEDGE_DIR) at the project's knowledge/ folder"
        )
    patterns: dict[str, Pattern] = {}
    errors: list[str] = []
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
        try:
            pattern = load_pattern(path)
        except KnowledgeError as exc:
            errors.append(str(exc))
            continue
        patterns[pattern.id] = pattern
    if errors:
        raise KnowledgeError("\n".join(errors))
    logger.debug("loaded %d patterns from %s", len(patterns), pattern_dir)
    return KnowledgeBase(patterns=patterns, content_hash=digest.hexdigest()[:16], folder=folder)


def default_knowledge_dir() -> Path:
    """The knowledge/ folder shipped beside the package (a source checkout or an installed copy)."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "knowledge", here / "knowledge"):
        if (candidate / "patterns").is_dir():
            return candidate
    return here.parent / "knowledge"
