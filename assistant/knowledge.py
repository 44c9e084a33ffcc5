"""Detection patterns of the knowledge base: schema, loader and validation."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
import stat
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
#: Limits of what the knowledge base may hold: far above any real file, low enough that a wrong folder or a
#: runaway generator fails with a message instead of exhausting memory or slowing every search.
MAX_FILE_BYTES = 256 * 1024
MAX_PATTERNS = 20_000
#: All pattern files together (the shipped ones are about 1 MB): many files each under MAX_FILE_BYTES still fill
#: the memory of every process that loads them (1,000 files of 200 KB took 3 GB). Room for MAX_PATTERNS patterns of
#: today's size (7 KB each; 64 MB refused the 10,000-pattern scale benchmark).
MAX_TOTAL_BYTES = 160 * 1024 * 1024
MAX_PHRASES = 40
"""Items per list in a pattern (pains, keywords, inputs, pitfalls, ...)."""
MAX_SYNONYM_GROUPS = 5_000
MAX_SYNONYM_WORDS = 60
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

    en: Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1, max_length=MAX_PHRASES)]
    ja: Annotated[list[Annotated[str, Field(min_length=1)]], Field(min_length=1, max_length=MAX_PHRASES)]

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
    industries: Annotated[list[Annotated[str, Field(pattern=_ID)]], Field(min_length=1, max_length=MAX_PHRASES)]
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
    pitfalls: Annotated[list[Text], Field(min_length=2, max_length=MAX_PHRASES)]
    value_levers: Annotated[list[Text], Field(min_length=1, max_length=MAX_PHRASES)]
    poc_plan: Annotated[list[PocStep], Field(min_length=3, max_length=MAX_PHRASES)]

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
        elif e["type"] == "too_long":
            msg = f"{msg}; keep the {MAX_PHRASES} most telling items"
        lines.append(f"  field '{field}': {msg}")
    return "\n".join(lines)


class _UniqueKeyLoader(_YAML_LOADER):  # type: ignore[misc,valid-type]
    """Refuses a key given twice in one mapping (YAML would silently keep the last one)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: set[Any] = set()
        for key_node, _ in node.value:
            # a plain string key is its text; constructing each key twice was an eighth of loading the KB
            text = isinstance(key_node, yaml.ScalarNode) and key_node.tag == "tag:yaml.org,2002:str"
            key = key_node.value if text else self.construct_object(key_node, deep=True)
            if key in seen and key != "<<":
                raise yaml.constructor.ConstructorError(
                    None, None, f"key '{key}' is given twice; keep one of them", key_node.start_mark
                )
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def parse_yaml(text: str) -> Any:
    """The one YAML parser of the files people edit (patterns, synonyms, eval cases); raises yaml.YAMLError."""
    return yaml.load(text, Loader=_UniqueKeyLoader)  # a safe loader (see _YAML_LOADER)


def yaml_files(folder: Path, recursive: bool = False) -> tuple[list[Path], list[str]]:
    """The `*.yaml` files of `folder`, and a fix-it message for each entry named so that is no file to read
    (a folder, a broken link, a pipe) or that is too large."""
    files: list[Path] = []
    problems: list[str] = []
    found = folder.rglob("*.yaml") if recursive else folder.glob("*.yaml")
    # by parts: Path's own order, without building them at each comparison (1.4 s of 10,000 files' load)
    for path in sorted(found, key=lambda p: p.parts):
        try:
            info = path.stat()
        except OSError:
            problems.append(f"{path}: a link to a file that does not exist; remove the link or restore its target")
            continue
        if stat.S_ISDIR(info.st_mode):
            problems.append(f"{path}: a folder named like a YAML file; rename it (names ending in .yaml are read)")
        elif not stat.S_ISREG(info.st_mode):
            problems.append(f"{path}: not a regular file; remove it from the folder")
        elif info.st_size > MAX_FILE_BYTES:
            problems.append(
                f"{path}: {info.st_size:,} bytes, above the limit of {MAX_FILE_BYTES:,}; split it or shorten it"
            )
        else:
            files.append(path)
    return files, problems


def read_yaml_text(path: Path) -> str:
    """A YAML file's text; raises OSError or UnicodeDecodeError."""
    return path.read_bytes().decode("utf-8")


def load_pattern(path: Path) -> Pattern:
    """Load and validate one pattern file; raise KnowledgeError saying what to fix."""
    try:
        text = read_yaml_text(path)
    except UnicodeDecodeError as exc:
        raise KnowledgeError(f"{path}: not UTF-8 text ({exc}); save the file as UTF-8") from exc
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot be read ({exc.strerror}); check that it is a readable file") from exc
    try:
        data: Any = parse_yaml(text)
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


def check_synonyms(path: Path) -> list[str]:
    """What is wrong with knowledge/synonyms.yaml (a missing file is fine: no synonyms)."""
    if not path.exists() and not path.is_symlink():
        return []
    files, problems = yaml_files(path.parent)
    if path not in files:
        return [p for p in problems if p.startswith(f"{path}:")]
    try:
        data = parse_yaml(read_yaml_text(path)) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        return [f"{path}: cannot be read as UTF-8 YAML: {exc}; fix it at the line shown"]
    groups = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(groups, list):
        return [f"{path}: expected a mapping with a list under 'groups'; see the comment at its top"]
    if len(groups) > MAX_SYNONYM_GROUPS:
        return [f"{path}: {len(groups):,} groups, above the limit of {MAX_SYNONYM_GROUPS:,}; keep the useful ones"]
    errors = []
    for i, group in enumerate(groups, start=1):
        if not isinstance(group, list) or not group or not all(isinstance(w, str) and w.strip() for w in group):
            errors.append(f"{path}: group #{i} must be a list of words, like [waste, discard, 廃棄]")
        elif len(group) > MAX_SYNONYM_WORDS:
            errors.append(f"{path}: group #{i} has {len(group)} words, above {MAX_SYNONYM_WORDS}; split it")
    return errors


@dataclass(frozen=True)
class KnowledgeBase:
    """All patterns, by id, with a hash of their content (to know when to re-index)."""

    patterns: dict[str, Pattern]
    content_hash: str
    folder: Path
    generic: dict[str, Pattern] = dataclasses.field(default_factory=dict)
    """Per task kind, the generic guidance used when no pattern is close (knowledge/generic/)."""

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
    files, errors = yaml_files(pattern_dir)
    if not files and not errors:
        raise KnowledgeError(
            f"{pattern_dir}: no pattern files (*.yaml); point the knowledge folder "
            "setting (THEME_ASSISTANT_KNOWLEDGE_DIR) at the project's knowledge/ folder"
        )
    if len(files) > MAX_PATTERNS:
        raise KnowledgeError(
            f"{pattern_dir}: {len(files):,} pattern files, above the limit of {MAX_PATTERNS:,}; "
            "check that THEME_ASSISTANT_KNOWLEDGE_DIR points at the knowledge base"
        )
    total = sum(_size(p) for p in files)
    if total > MAX_TOTAL_BYTES:
        raise KnowledgeError(
            f"{pattern_dir}: {total // 2**20:,} MB of pattern files, above the limit of {MAX_TOTAL_BYTES // 2**20} MB "
            "(the shipped knowledge base is about 1 MB); check that THEME_ASSISTANT_KNOWLEDGE_DIR points at it"
        )
    patterns: dict[str, Pattern] = {}
    digest = hashlib.sha256()
    for path in files:
        try:
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
            pattern = load_pattern(path)
        except KnowledgeError as exc:
            errors.append(str(exc))
            continue
        except OSError as exc:  # unreadable (permissions) or gone since it was listed
            errors.append(f"{path}: cannot be read ({exc.strerror}); check that it is a readable file")
            continue
        patterns[pattern.id] = pattern  # one folder, and an id is its file's name: ids are unique
    errors += check_synonyms(folder / "synonyms.yaml")
    generic = _load_generic(folder / "generic", errors)
    if errors:
        raise KnowledgeError("\n".join(errors))
    logger.debug("loaded %d patterns from %s", len(patterns), pattern_dir)
    return KnowledgeBase(patterns=patterns, content_hash=digest.hexdigest()[:16], folder=folder, generic=generic)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # gone since it was listed: reading it reports that


def _load_generic(folder: Path, errors: list[str]) -> dict[str, Pattern]:
    """Per task kind, the generic guidance (a missing folder: none); problems are added to `errors`."""
    files, problems = yaml_files(folder)
    errors += problems
    generic: dict[str, Pattern] = {}
    for path in files:
        try:
            pattern = load_pattern(path)
        except KnowledgeError as exc:
            errors.append(str(exc))
            continue
        if pattern.task_kind in generic:
            errors.append(
                f"{path}: a second generic guidance for {pattern.task_kind} (the other is "
                f"'{generic[pattern.task_kind].id}'); keep one file per task kind in {folder}"
            )
            continue
        generic[pattern.task_kind] = pattern
    return generic


def default_knowledge_dir() -> Path:
    """The knowledge/ folder shipped beside the package (a source checkout or an installed copy)."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "knowledge", here / "knowledge"):
        if (candidate / "patterns").is_dir():
            return candidate
    return here.parent / "knowledge"
