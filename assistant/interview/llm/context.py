"""What is known so far, as a few plain lines for the prompts: the state is the summary of older turns."""

from __future__ import annotations

from collections.abc import Callable

from assistant.core.lines import FIGURES, CostLine
from assistant.interview.llm import prompts
from assistant.state import InterviewState

#: Each fact is cut to this many characters in a prompt (the state keeps it whole).
_FACT_CHARS = 160


def _cut(text: str) -> str:
    """At most _FACT_CHARS, ended at a word (or, in Japanese, a clause) rather than mid-word."""
    if len(text) <= _FACT_CHARS:
        return text
    head = text[: _FACT_CHARS - 1]
    cut = max(head.rfind(" "), head.rfind("、"), head.rfind("。"), head.rfind(";"), head.rfind(","))
    return (head[:cut] if cut > _FACT_CHARS // 2 else head).rstrip(" ,;、") + "…"


def describe(line: CostLine) -> str:
    """A cost line in a few words, so the model can complete or correct it by its number."""
    parts = [f"{line.what} ({line.form})"]
    for name in FIGURES:
        f = getattr(line, name)
        if f is None:
            continue
        value = f"{f.value:g}" + (f"-{f.high:g}" if f.high is not None else "")
        unit = " ".join(str(x) for x in (getattr(f, "currency", None), getattr(f, "unit", None)) if x)
        per = getattr(f, "per", None) or getattr(f, "per_unit", None)
        parts.append(f"{name}={value}" + (f" {unit}" if unit else "") + (f"/{per}" if per else ""))
    return ", ".join(parts)


def known_facts(state: InterviewState, clean: Callable[[str], str] = lambda t: t) -> str:
    """Work, the pain in focus and its slots, other pains, numbers given: one line each, in the state's language."""
    lang = state.lang
    sep = "、" if lang == "ja" else "; "
    lines: list[str] = []

    def add(name: str, value: str) -> None:
        lines.append("- " + prompts.render(name, lang, value=_cut(clean(value))))

    if state.work:
        add("known_work", state.work.value)
    focus = state.focus_pain()
    if focus is not None:
        add("known_pain", focus.text)
        if focus.target:
            add("known_target", focus.target.value)
        if focus.inputs:
            add("known_inputs", sep.join(i.value for i in focus.inputs))
        if focus.judge:
            add("known_judge", focus.judge.value)
        if focus.data is not None:
            data = focus.data
            said = [x for x in (data.amount, data.where) if x]
            if data.exists is not None:
                said.append(
                    ("recorded" if data.exists else "not recorded")
                    if lang == "en"
                    else ("記録あり" if data.exists else "記録なし")
                )
            if data.labels is not None:
                said.append(
                    ("outcomes kept" if data.labels else "outcomes not kept")
                    if lang == "en"
                    else ("結果の記録あり" if data.labels else "結果の記録なし")
                )
            if said:
                add("known_data", sep.join(said))
        for i, line in enumerate(focus.cost, start=1):
            add("known_cost_line", f"{i}. {describe(line)}")
        if focus.avoidable is not None:
            add("known_avoidable", f"{focus.avoidable.share.mid:.0%}")
    others = [p.text for p in state.pains if p.id != state.focus]
    if others:
        add("known_other_pains", sep.join(others))
    return "\n".join(lines) if lines else prompts.render("known_none", lang)
