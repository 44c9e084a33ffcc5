"""The proposal: a traceable draft built from the interview state and the matched patterns."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel

from assistant.core.lines import said_numbers
from assistant.core.money import money
from assistant.knowledge import KnowledgeBase, Pattern
from assistant.scoring import outcomes_recorded
from assistant.state import Fact, InterviewState, Quote, Theme
from assistant.textsafe import short
from assistant.vocabulary import Lang

SectionKey = Literal["background", "question", "value", "data", "approach", "success", "poc_plan", "risks", "people"]
REQUIRED_SECTIONS: tuple[SectionKey, ...] = (
    "background",
    "question",
    "value",
    "data",
    "approach",
    "success",
    "poc_plan",
    "risks",
    "people",
)

#: The title quotes the detection target; a long one is cut (titles become file and document properties).
TITLE_TARGET_CHARS = 120

#: Patterns matching at least this share of the best match are offered as alternatives in the approach.
APPROACH_SHARE = 0.6

_TITLES: dict[str, dict[str, str]] = {
    "en": {
        "background": "Background and the pain",
        "question": "The detection question",
        "value": "Expected value",
        "data": "Data and labels",
        "approach": "Approach",
        "success": "How success is measured",
        "poc_plan": "PoC plan",
        "risks": "Risks and how to reduce them",
        "people": "People and the next step",
    },
    "ja": {
        "background": "背景と困りごと",
        "question": "検出したいこと（問い）",
        "value": "期待される価値",
        "data": "データと正解ラベル",
        "approach": "アプローチ",
        "success": "成功の測り方",
        "poc_plan": "PoC計画",
        "risks": "リスクと対策",
        "people": "関係者と次の一歩",
    },
}


class Item(BaseModel):
    """One statement of the proposal and where it comes from (nothing is invented)."""

    text: str
    source: Quote | None = None
    label: str | None = None


class Section(BaseModel):
    key: SectionKey
    title: str
    items: list[Item]
    table: list[list[str]] | None = None
    """Rows of a table (first row = header), e.g. the PoC plan."""


class Proposal(BaseModel):
    session_id: str
    theme_id: str
    lang: Lang
    title: str
    sections: list[Section]
    generated_at: datetime

    def section(self, key: SectionKey) -> Section:
        return next(s for s in self.sections if s.key == key)

    def missing_sections(self) -> list[str]:
        keys = {s.key for s in self.sections if s.items or s.table}
        return [k for k in REQUIRED_SECTIONS if k not in keys]


def _t(lang: Lang, en: str, ja: str) -> str:
    return ja if lang == "ja" else en


#: The label of each kind of statement, (English, Japanese).
_LABELS: dict[str, tuple[str, str]] = {
    "work": ("Work", "業務"),
    "pain": ("Pain", "困りごと"),
    "today": ("Today", "現在の判断"),
    "question": ("Question", "問い"),
    "target": ("Target", "ターゲット"),
    "input": ("Input", "インプット"),
    "entity": ("One detection is about", "1回の検出の対象"),
    "truth": ("The truth is known", "正解が分かる時点"),
    "cost": ("In your words", "お話しいただいた数字"),
    "arithmetic": ("Arithmetic", "計算"),
    "assumption": ("Assumption", "仮定"),
    "lever": ("Value lever", "価値の源泉"),
    "per_year": (
        "Money at stake per year (the most a solution can win back)",
        "困りごとの年間コスト（改善で取り戻せる上限）",
    ),
    "avoidable": ("Of that, avoidable by knowing earlier", "そのうち、早く分かれば防げる分"),
    "check": ("To check", "要確認"),
    "recorded": ("Recorded today", "現在の記録"),
    "missing": ("Missing", "未確認"),
    "lacking": ("Missing", "不足"),
    "needed": ("Needed", "必要なデータ"),
    "amount": ("Rough amount", "目安の量"),
    "baseline": ("Baseline to beat", "超えるべき現状"),
    "usual": ("Usual non-ML baseline", "一般的な非ML手法"),
    "ml": ("ML metric", "MLの指標"),
    "kpi": ("Business KPI", "業務KPI"),
    "failed": ("Failed if", "失敗の条件"),
    "total": ("Total", "合計"),
    "risk": ("Risk", "リスク"),
    "judge": ("Who judges today", "現在判断している人"),
    "involve": ("Involve", "関係者"),
    "next": ("Next step", "次の一歩"),
    "generic": ("No close pattern: generic approach", "近いパターンなし：一般的な進め方"),
}
#: Fixed sentences of the proposal that are our advice, not the employee's facts (marked as assumptions).
_ADVICE: dict[str, tuple[str, str]] = {
    "avoidable_unknown": (
        "how much of it knowing earlier would avoid is not known yet: some of the loss may be out of reach whatever "
        "is detected; estimate it in the PoC",
        "早く分かれば防げるのがそのうちどれだけかは未確認（検出できても防げない部分もありうる）。PoCで見積もる",
    ),
    "labels_unknown": (
        "whether past outcomes are recorded is not known yet; check before the PoC starts",
        "過去の結果が記録されているかは未確認。PoC開始前に確認する",
    ),
    "labels_missing": (
        "outcomes are not recorded: start recording them (or label past cases) before modelling",
        "結果が記録されていない。モデル化の前に記録を始める（または過去事例にラベル付けする）",
    ),
    "failed": (
        "This PoC failed if, on the most recent period held out, the model does not beat today's way of "
        "judging on the ML metric above, or if the people who judge today would not use it.",
        "直近の検証期間で、上記の指標で今の判断方法を上回れない、または今判断している人が使おうと思えない場合、"
        "このPoCは失敗とする。",
    ),
    "people_risk": (
        "People: the model is ignored if the people who judge today are not part of it; involve them "
        "from week one and show the model beside their own judgment.",
        "人: 今判断している人が関わらないとモデルは使われない。初週から巻き込み、本人の判断と並べて見せる。",
    ),
    "drift": (
        "Drift: conditions change; re-check the model's accuracy every month and retrain when it drops.",
        "ドリフト: 状況は変わる。毎月精度を確認し、下がったら再学習する。",
    ),
    "roles": (
        "the employee who raised it (owner), the person who judges today, the owner of the data (IT or the "
        "system's admin), and the manager who decides on the PoC",
        "提案者（オーナー）、今判断している人、データの管理者（情報システム部門など）、PoCを決める上長",
    ),
}


class _Writer:
    """Makes the statements of one proposal, each with its source."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def label(self, key: str) -> str:
        return _t(self.lang, *_LABELS[key])

    def fact(self, key: str, fact: Fact) -> Item:
        return Item(label=self.label(key), text=fact.value, source=fact.quote)

    def said(self, key: str, quote: Quote) -> Item:
        return Item(label=self.label(key), text=quote.text, source=quote)

    def pattern(self, key: str, p: Pattern, text: str) -> Item:
        return Item(label=self.label(key), text=text, source=_pq(p, text))

    def derived(self, key: str, text: str) -> Item:
        return Item(label=self.label(key), text=text, source=_derived(text))

    def advice(self, key: str, name: str) -> Item:
        text = _t(self.lang, *_ADVICE[name])
        return Item(label=self.label(key), text=text, source=_assume(text))


def _traced(state: InterviewState, words: str) -> Quote:
    """The employee's words for a number, with the message they were said in (the latest that holds them); words
    not found there (an edit) are marked as the employee's edit."""
    for i in range(len(state.transcript) - 1, -1, -1):
        turn = state.transcript[i]
        if turn.role == "user" and words.strip() and words.strip() in turn.text:
            return Quote(text=words, turn=i)
    return Quote(text=words, source="edit")


def _avoidable(w: _Writer, theme: Theme) -> Item:
    """The part knowing earlier would avoid: the employee's estimate, or an open question for the PoC."""
    v = theme.value
    if v.avoidable is None:
        return w.advice("avoidable", "avoidable_unknown")
    text = f"{money(v.avoidable, v.currency or 'USD', w.lang)} ({v.avoidable_note})" if v.avoidable_note else ""
    return w.derived("avoidable", text or money(v.avoidable, v.currency or "USD", w.lang))


def _pq(p: Pattern, text: str) -> Quote:
    return Quote(text=text, source="pattern", pattern_id=p.id)


def _derived(text: str) -> Quote:
    return Quote(text=text, source="derived")


def _assume(text: str) -> Quote:
    return Quote(text=text, source="assumption")


def build_proposal(state: InterviewState, kb: KnowledgeBase, theme: Theme | None = None) -> Proposal:
    """Draft the proposal for `theme` (default: the top-ranked one) from facts already in the state."""
    theme = theme or state.top_theme
    if theme is None:
        raise ValueError("no theme yet: finish the interview (or name a theme) before drafting a proposal")
    lang = state.lang
    w = _Writer(lang)
    pain = state.pain(theme.pain_id)
    patterns = [kb.patterns[m.id] for m in theme.patterns if m.id in kb.patterns]
    best = patterns[0] if patterns else None
    weak = bool(theme.patterns) and theme.patterns[0].weak
    asked = theme.task_kind
    if weak and asked is not None and asked in kb.generic:
        # no pattern is close: the plan, data needs and metrics follow the generic guidance of the kind the question
        # asks for, not a distant pattern's (a bakery must not get "extract three years of daily admissions")
        best = kb.generic[asked]
    q = theme.question
    sections: list[Section] = []

    def add(key: SectionKey, items: list[Item | None], table: list[list[str]] | None = None) -> None:
        kept = [i for i in items if i is not None and i.text]
        sections.append(Section(key=key, title=_TITLES[lang][key], items=kept, table=table))

    add(
        "background",
        [
            w.fact("work", state.work) if state.work else None,
            Item(label=w.label("pain"), text=pain.text, source=pain.quote) if pain else None,
            w.fact("today", pain.judge) if pain and pain.judge else None,
        ],
    )

    add(
        "question",
        [
            w.derived("question", q.text),
            Item(label=w.label("target"), text=q.target, source=pain.target.quote) if pain and pain.target else None,
            *[w.fact("input", i) for i in (pain.inputs if pain else [])],
            w.fact("entity", q.entity) if q.entity else None,
            w.fact("truth", q.truth_wait) if q.truth_wait else None,
        ],
    )

    per_year = (
        money(theme.value.per_year, theme.value.currency or "USD", lang) if theme.value.per_year is not None else None
    )
    add(
        "value",
        [
            *[w.said("cost", _traced(state, q)) for q in said_numbers(pain.cost if pain else [])],
            *[w.derived("arithmetic", line) for line in theme.value.arithmetic],
            *[Item(label=w.label("assumption"), text=a, source=_assume(a)) for a in theme.value.assumptions],
            Item(label=w.label("check"), text=theme.value.doubt, source=_assume(theme.value.doubt))
            if theme.value.doubt
            else None,
            w.derived("per_year", per_year) if per_year else None,
            _avoidable(w, theme) if per_year else None,
            *([w.pattern("lever", best, lever.get(lang)) for lever in best.value_levers] if best else []),
        ],
    )

    labels = outcomes_recorded(pain, best) if pain else None
    add(
        "data",
        [
            w.said("recorded", pain.data.quote) if pain and pain.data and pain.data.quote else None,
            w.advice("missing", "labels_unknown") if pain and labels is None else None,
            w.advice("lacking", "labels_missing") if pain and labels is False else None,
            w.pattern("needed", best, best.data_needs.notes.get(lang)) if best else None,
            Item(
                label=w.label("amount"),
                source=_pq(best, str(best.data_needs.min_examples)),
                text=_t(
                    lang,
                    f"about {best.data_needs.min_examples:,} past examples",
                    f"過去事例 約{best.data_needs.min_examples:,}件",
                ),
            )
            if best
            else None,
        ],
    )

    best_score = theme.patterns[0].score if theme.patterns else 0.0
    approach: list[Item | None] = []
    if weak and best is not None:
        approach.append(w.pattern("generic", best, best.detection.get(lang)))
    for m, p in zip(theme.patterns, patterns, strict=False):
        if m.score < APPROACH_SHARE * best_score:
            continue  # a distant match would only distract the reader
        if m.weak:
            # a weak match says nothing specific, not even its title: only that none is close, with its confidence
            note = _t(
                lang,
                f"no pattern of the knowledge base is close (best confidence {m.confidence:.2f})",
                f"知識ベースに近いパターンはありません（最も近いものの確信度 {m.confidence:.2f}）",
            )
            approach.append(Item(label=_t(lang, "Known patterns", "既知のパターン"), text=note, source=_derived(note)))
            continue
        kind = _t(
            lang,
            f"(task: {p.task_kind}; data: {', '.join(p.modalities)}; match {m.score:.2f})",
            f"（タスク: {p.task_kind}、データ: {', '.join(p.modalities)}、一致度 {m.score:.2f}）",
        )
        approach.append(
            Item(label=m.title, text=f"{p.detection.get(lang)} {kind}".replace(" （", "（"), source=_pq(p, p.id))
        )
    approach.append(w.fact("baseline", q.baseline) if q.baseline else None)
    if best and (q.baseline is None or q.baseline.quote.source != "pattern"):
        approach.append(w.pattern("usual", best, best.baseline.get(lang)))
    add("approach", approach)

    add(
        "success",
        [
            w.pattern("ml", best, best.metrics.ml.get(lang)) if best else None,
            w.pattern("kpi", best, best.metrics.business.get(lang)) if best else None,
            w.advice("failed", "failed"),
        ],
    )

    table: list[list[str]] | None = None
    plan: list[Item | None] = []
    if best:
        table = [[_t(lang, "Step", "ステップ"), _t(lang, "Weeks", "週")]]
        for step in best.poc_plan:
            table.append([step.step.get(lang), str(step.weeks)])
            plan.append(
                Item(
                    text=f"{step.step.get(lang)} ({step.weeks} {_t(lang, 'wk', '週')})",
                    source=_pq(best, step.step.get(lang)),
                )
            )
        table.append([w.label("total"), str(best.poc_weeks)])
        plan.append(w.pattern("total", best, _t(lang, f"{best.poc_weeks} weeks in all", f"合計 {best.poc_weeks}週")))
    add("poc_plan", plan, table)

    add(
        "risks",
        [
            *([w.pattern("risk", best, pit.get(lang)) for pit in best.pitfalls] if best else []),
            w.advice("risk", "people_risk"),
            w.advice("risk", "drift"),
        ],
    )

    add(
        "people",
        [
            w.fact("judge", pain.judge) if pain and pain.judge else None,
            w.advice("involve", "roles"),
            w.pattern("next", best, best.poc_plan[0].step.get(lang)) if best else None,
        ],
    )

    target = short(q.target, TITLE_TARGET_CHARS)
    title = _t(lang, f"PoC proposal: {target}", f"PoC提案: {target}")
    return Proposal(
        session_id=state.id,
        theme_id=theme.id,
        lang=lang,
        title=title,
        sections=sections,
        generated_at=datetime.now(UTC),
    )
