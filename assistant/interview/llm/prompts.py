"""The LLM interviewer's prompts: named templates in both languages (prompts/*.yaml), rendered strictly."""

from __future__ import annotations

import functools
import string
from pathlib import Path
from typing import Any

import yaml

from assistant.prompts import TemplateError
from assistant.vocabulary import LANGS, Lang

_DIR = Path(__file__).parent / "prompts"


@functools.cache
def _templates(lang: Lang) -> dict[str, str]:
    data = yaml.safe_load((_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not all(isinstance(v, str) for v in data.values()):
        raise TemplateError(f"{_DIR / f'{lang}.yaml'}: expected a mapping of template names to strings")
    return data


def names(lang: Lang) -> set[str]:
    return set(_templates(lang))


def render(name: str, lang: Lang, **values: Any) -> str:
    """Render `name` in `lang`; a missing variable or an unused one raises, so no prompt drifts silently."""
    if lang not in LANGS:
        raise TemplateError(f"unknown language {lang!r}; use one of {LANGS}")
    try:
        text = _templates(lang)[name]
    except KeyError:
        raise TemplateError(
            f"no prompt {name!r} in {lang}.yaml; add it to assistant/interview/llm/prompts/{lang}.yaml"
        ) from None
    wanted = {f for _, f, _, _ in string.Formatter().parse(text) if f}
    if wanted != set(values):
        raise TemplateError(
            f"prompt {name!r} ({lang}) takes {sorted(wanted)}, got {sorted(values)}; pass exactly those to render()"
        )
    return text.format(**values).strip()
