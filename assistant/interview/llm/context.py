"""What is known so far, as a few plain lines for the prompts: the state is the summary of older turns."""

from __future__ import annotations

from collections.abc import Callable

from assistant.core.lines import FIGURES, CostLine
from assistant.interview.llm import prompts
from assistant.state import DataFacts, InterviewState
from assistant.vocabulary import Lang

#: Each fact is cut to this many characters in a prompt (the state keeps it whole).
_FACT_CHARS = 160
#: A list (what they look at) may run longer: every item the employee named is the model's to see.
_LIST_CHARS = 480


def _cut(text: str, limit: int = _FACT_CHARS) -> str:
    """At most `limit` characters, ended at a word (or, in Japanese, a clause) rather than mid-word."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    cut = max(head.rfind(" "), head.rfind("、"), head.rfind("。"), head.rfind(";"), head.rfind(","))
    return (head[:cut] if cut > limit // 2 else head).rstrip(" ,;、") + "…"


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
        inner = getattr(f, "within", None)
        if inner is not None:  # "25 files in each audit", "a third of those"
            parts.append(f"{name}.within={inner.value:g}" + (f"-{inner.high:g}" if inner.high is not None else ""))
    return ", ".join(parts)


#: How each half of the records reads in a prompt: kept, partly kept, not kept.
_RECORDED = {
    "en": {
        "data": ("recorded", "partly recorded", "not recorded"),
        "outcomes": ("outcomes kept", "outcomes partly kept", "outcomes not kept"),
    },
    "ja": {
        "data": ("記録あり", "一部のみ記録", "記録なし"),
        "outcomes": ("結果の記録あり", "結果の記録は一部のみ", "結果の記録なし"),
    },
}


def _data_words(data: DataFacts, lang: Lang) -> list[str]:
    """What is recorded, with "partly" and its note kept (a partial record is not a full one to the model)."""
    said = [x for x in (data.amount, data.where) if x]
    for half, known in (("data", data.exists), ("outcomes", data.labels)):
        if known is not None:
            kept, partly, not_kept = _RECORDED[lang][half]
            said.append(partly if half in data.partly else kept if known else not_kept)
    if data.note:
        said.append(data.note)
    return said


def known_facts(state: InterviewState, clean: Callable[[str], str] = lambda t: t) -> str:
    """Work, the pain in focus and its slots, other pains, numbers given: one line each, in the state's language."""
    lang = state.lang
    sep = "、" if lang == "ja" else "; "
    lines: list[str] = []

    def add(name: str, value: str, limit: int = _FACT_CHARS) -> None:
        lines.append("- " + prompts.render(name, lang, value=_cut(clean(value), limit)))

    if state.work:
        add("known_work", state.work.value)
    focus = state.focus_pain()
    if focus is not None:
        add("known_pain", focus.text)
        if focus.target:
            add("known_target", focus.target.value)
        if focus.inputs:
            add("known_inputs", sep.join(i.value for i in focus.inputs), limit=_LIST_CHARS)
        if focus.judge:
            add("known_judge", focus.judge.value)
        if focus.data is not None:
            said = _data_words(focus.data, lang)
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
