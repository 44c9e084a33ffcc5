"""Eval case files: the schema of the design's contract, plus the `ml_theme` extension."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from assistant.knowledge import parse_yaml, read_yaml_text, yaml_files
from assistant.vocabulary import Lang, Modality, TaskKind

Currency = Literal["JPY", "USD", "EUR", "GBP"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Persona(_Strict):
    role: Annotated[str, Field(min_length=1)]
    industry: Annotated[str, Field(pattern=r"^[a-z0-9_-]+$")]


class Answers(_Strict):
    """What the simulated employee says when asked about each topic (any may be left out)."""

    work: str | None = None
    pains: str | None = None
    judgment: str | None = None
    inputs: str | None = None
    data: str | None = None
    value: str | None = None


class ValueRange(_Strict):
    """The yearly cost of the pain that the answers support, as a range in one currency."""

    currency: Currency
    min: Annotated[float, Field(ge=0)]
    max: Annotated[float, Field(ge=0)]

    @model_validator(mode="after")
    def _ordered(self) -> ValueRange:
        if self.min > self.max:
            raise ValueError(f"value.min ({self.min:g}) is above value.max ({self.max:g}); swap them")
        return self


class Expect(_Strict):
    """Checked on the top-ranked theme when the interview ends.

    `ml_theme: false` (our extension) says the honest result is "not an ML theme": the case then
    passes when the assistant says so, and the theme checks (task kind, modality, target, inputs)
    do not apply and must be left out.
    """

    ml_theme: bool = True
    task_kinds: list[TaskKind] = []
    modalities: list[Modality] = []
    patterns_any: list[Annotated[str, Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")]] = []
    """Acceptable ids for the top pattern (checked when given)."""
    target_any: list[Annotated[str, Field(min_length=1)]] = []
    inputs_any: list[Annotated[str, Field(min_length=1)]] = []
    value: ValueRange | None = None
    """The yearly value range; `null` (given explicitly) says the answers allow no figure. Checked when given."""
    max_turns: Annotated[int, Field(ge=1, le=40)] = 10

    @property
    def checks_value(self) -> bool:
        """True when the case states `value` (a range, or null for "no figure can be computed")."""
        return "value" in self.model_fields_set

    @model_validator(mode="after")
    def _consistent(self) -> Expect:
        theme_keys = {
            "task_kinds": self.task_kinds,
            "modalities": self.modalities,
            "target_any": self.target_any,
            "inputs_any": self.inputs_any,
        }
        if self.ml_theme:
            missing = [k for k, v in theme_keys.items() if not v]
            if missing:
                raise ValueError(f"an ML-theme case needs non-empty {', '.join(missing)}")
        else:
            present = [k for k, v in theme_keys.items() if v]
            present += [k for k in ("patterns_any", "value") if k in self.model_fields_set]
            if present:
                raise ValueError(f"with ml_theme: false, leave out {', '.join(present)}")
        return self


class Case(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z0-9-]+$")]
    lang: Lang
    title: Annotated[str, Field(min_length=1)]
    persona: Persona
    opening: Annotated[str, Field(min_length=1)]
    answers: Answers
    expect: Expect


class CaseError(ValueError):
    """A case file is invalid; the message names the file and the field."""


def load_case(path: Path) -> Case:
    try:
        data: Any = parse_yaml(read_yaml_text(path))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise CaseError(f"{path}: cannot read the case as UTF-8 YAML: {exc}") from exc
    except OSError as exc:
        raise CaseError(f"{path}: cannot be read ({exc.strerror}); check that it is a readable file") from exc
    if not isinstance(data, dict):
        raise CaseError(f"{path}: expected a YAML mapping at the top level")
    try:
        case = Case.model_validate(data)
    except ValidationError as exc:
        fields = "; ".join(
            f"field '{'.'.join(str(p) for p in e['loc']) or '(case)'}': {e['msg']}" for e in exc.errors()
        )
        raise CaseError(f"{path}: {fields}") from exc
    return case


def load_cases(folder: Path) -> list[Case]:
    """Every `*.yaml` below `folder` (a suite), sorted by id; ids must be unique."""
    if not folder.is_dir():
        raise CaseError(f"{folder}: not a folder; pass --cases with a folder of case files (*.yaml)")
    files, errors = yaml_files(folder, recursive=True)
    if not files and not errors:
        raise CaseError(f"{folder}: no case files (*.yaml) found; pass --cases with a folder of cases")
    cases: dict[str, Case] = {}
    for path in files:
        try:
            case = load_case(path)
        except CaseError as exc:
            errors.append(str(exc))
            continue
        if case.id in cases:
            errors.append(f"{path}: field 'id': '{case.id}' is used by another case; ids must be unique")
        cases[case.id] = case
    if errors:
        raise CaseError("\n".join(errors))
    return [cases[k] for k in sorted(cases)]
