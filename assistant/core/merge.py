"""Cost lines said over several messages: a line that names a known one completes or corrects it, factor by factor
(only the factors said change), or takes it back (`drop`); any other is a new line; the same line said twice is
one line."""

from __future__ import annotations

from assistant.core.lines import CostLine, CostLineUpdate
from assistant.language import normalize


def _same_what(a: str, b: str) -> bool:
    na, nb = normalize(a), normalize(b)
    return na == nb or (min(len(na), len(nb)) > 3 and (na in nb or nb in na))


def _target(known: list[CostLine], said: CostLineUpdate) -> int | None:
    if said.line is not None and 1 <= said.line <= len(known):
        return said.line - 1  # numbered from 1, as the prompt lists them
    for i, line in enumerate(known):
        if line.form == said.form and _same_what(line.what, said.what):
            return i
    return None


def merge_lines(known: list[CostLine], said: list[CostLineUpdate]) -> list[CostLine]:
    """`known` with the lines of one message applied (a new list; `known` is not changed)."""
    out = list(known)
    for update in said:
        i = _target(out, update)
        if update.drop:
            if i is not None:  # "that one's no loss after all": only a line that exists can be taken back
                del out[i]
            continue
        given = {k: getattr(update, k) for k in update.model_fields_set if k not in ("line", "notes", "drop")}
        if i is None:
            line = CostLine.model_validate(update.model_dump(exclude={"line", "drop"}))
            if line not in out:
                out.append(line)
            continue
        # a field left empty keeps what was said before (a model often sends every field, most of them null)
        out[i] = out[i].model_copy(update={k: v for k, v in given.items() if v is not None})
    return out
