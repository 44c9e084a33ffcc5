"""Named message templates in both languages, rendered strictly (a missing variable raises)."""

from __future__ import annotations

import functools
import string
from pathlib import Path
from typing import Any

import yaml

from assistant.vocabulary import LANGS, Lang

_DIR = Path(__file__).parent


class TemplateError(KeyError):
    """A template is unknown or a variable it needs was not given."""


@functools.cache
def _templates(lang: Lang) -> dict[str, str | list[str]]:
    data = yaml.safe_load((_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise TemplateError(f"{_DIR / f'{lang}.yaml'}: expected a mapping of template names")
    return data


def names(lang: Lang) -> set[str]:
    return set(_templates(lang))


def variables(name: str, lang: Lang) -> set[str]:
    """The variables a template uses (all its variants together)."""
    raw = _templates(lang)[name]
    found: set[str] = set()
    for variant in raw if isinstance(raw, list) else [raw]:
        found |= {f for _, f, _, _ in string.Formatter().parse(variant) if f}
    return found


def render(name: str, lang: Lang, variant: int = 0, **values: Any) -> str:
    """Render template `name` in `lang`. Lists of variants are picked by `variant` (cycled)."""
    if lang not in LANGS:
        raise TemplateError(f"unknown language {lang!r}; use one of {LANGS}")
    try:
        raw = _templates(lang)[name]
    except KeyError:
        raise TemplateError(f"no template {name!r} in {lang}.yaml; add it to assistant/prompts/{lang}.yaml") from None
    text = raw[variant % len(raw)] if isinstance(raw, list) else raw
    missing = {f for _, f, _, _ in string.Formatter().parse(text) if f} - set(values)
    if missing:
        raise TemplateError(f"template {name!r} ({lang}) needs {sorted(missing)}; pass them to render()")
    return text.format(**values)
