"""The proposal: a traceable draft built from the interview state and the matched patterns."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel

from assistant.knowledge import KnowledgeBase, Pattern
from assistant.scoring import money, outcomes_recorded
from assistant.state import InterviewState, Quote, Theme
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
    pain = state.pain(theme.pain_id)
    patterns = [kb.patterns[m.id] for m in theme.patterns if m.id in kb.patterns]
    best = patterns[0] if patterns else None
    q = theme.question
    sections: list[Section] = []

    def add(key: SectionKey, items: list[Item], table: list[list[str]] | None = None) -> None:
        sections.append(Section(key=key, title=_TITLES[lang][key], items=[i for i in items if i.text], table=table))

    background: list[Item] = []
    if state.work:
        background.append(Item(label=_t(lang, "Work", "業務"), text=state.work.value, source=state.work.quote))
    if pain:
        background.append(Item(label=_t(lang, "Pain", "困りごと"), text=pain.text, source=pain.quote))
        if pain.judge:
            background.append(
                Item(label=_t(lang, "Today", "現在の判断"), text=pain.judge.value, source=pain.judge.quote)
            )
    add("background", background)

    question = [Item(label=_t(lang, "Question", "問い"), text=q.text, source=_derived(q.text))]
    if pain and pain.target:
        question.append(Item(label=_t(lang, "Target", "ターゲット"), text=q.target, source=pain.target.quote))
    for inp in pain.inputs if pain else []:
        question.append(Item(label=_t(lang, "Input", "インプット"), text=inp.value, source=inp.quote))
    if q.entity:
        question.append(
            Item(
                label=_t(lang, "One detection is about", "1回の検出の対象"),
                text=q.entity.value,
                source=q.entity.quote,
            )
        )
    if q.truth_wait:
        question.append(
            Item(
                label=_t(lang, "The truth is known", "正解が分かる時点"),
                text=q.truth_wait.value,
                source=q.truth_wait.quote,
            )
        )
    add("question", question)

    value: list[Item] = []
    if pain:
        if pain.frequency:
            value.append(
                Item(
                    label=_t(lang, "How often", "頻度"),
                    text=pain.frequency.quote.text,
                    source=pain.frequency.quote,
                )
            )
        for c in pain.costs:
            value.append(Item(label=_t(lang, "Cost", "損失"), text=c.quote.text, source=c.quote))
    for line in theme.value.arithmetic:
        value.append(Item(label=_t(lang, "Arithmetic", "計算"), text=line, source=_derived(line)))
    for a in theme.value.assumptions:
        value.append(Item(label=_t(lang, "Assumption", "仮定"), text=a, source=_assume(a)))
    if theme.value.per_year is not None:
        value.append(
            Item(
                label=_t(
                    lang,
                    "Cost of the pain per year (the most a solution can win back)",
                    "困りごとの年間コスト（改善で取り戻せる上限）",
                ),
                text=money(theme.value.per_year, theme.value.currency or "USD", lang),
                source=_derived("per year"),
            )
        )
    if best:
        for lever in best.value_levers:
            value.append(
                Item(
                    label=_t(lang, "Value lever", "価値の源泉"),
                    text=lever.get(lang),
                    source=_pq(best, lever.get(lang)),
                )
            )
    add("value", value)

    data: list[Item] = []
    if pain and pain.data and pain.data.quote:
        data.append(
            Item(
                label=_t(lang, "Recorded today", "現在の記録"),
                text=pain.data.quote.text,
                source=pain.data.quote,
            )
        )
    labels = outcomes_recorded(pain, best) if pain else None
    if pain and labels is None:
        data.append(
            Item(
                label=_t(lang, "Missing", "未確認"),
                text=_t(
                    lang,
                    "whether past outcomes are recorded is not known yet; check before the PoC starts",
                    "過去の結果が記録されているかは未確認。PoC開始前に確認する",
                ),
                source=_assume("unknown"),
            )
        )
    elif pain and labels is False:
        data.append(
            Item(
                label=_t(lang, "Missing", "不足"),
                text=_t(
                    lang,
                    "outcomes are not recorded: start recording them (or label past cases) before modelling",
                    "結果が記録されていない。モデル化の前に記録を始める（または過去事例にラベル付けする）",
                ),
                source=_assume("labels"),
            )
        )
    if best:
        data.append(
            Item(
                label=_t(lang, "Needed", "必要なデータ"),
                text=best.data_needs.notes.get(lang),
                source=_pq(best, best.data_needs.notes.get(lang)),
            )
        )
        data.append(
            Item(
                label=_t(lang, "Rough amount", "目安の量"),
                text=_t(
                    lang,
                    f"about {best.data_needs.min_examples:,} past examples",
                    f"過去事例 約{best.data_needs.min_examples:,}件",
                ),
                source=_pq(best, str(best.data_needs.min_examples)),
            )
        )
    add("data", data)

    approach: list[Item] = []
    best_score = theme.patterns[0].score if theme.patterns else 0.0
    for m, p in zip(theme.patterns, patterns, strict=False):
        if m.score < APPROACH_SHARE * best_score:
            continue  # a distant match would only distract the reader
        approach.append(
            Item(
                label=m.title,
                text=_t(
                    lang,
                    f"{p.detection.en} (task: {p.task_kind}; data: {', '.join(p.modalities)}; match {m.score:.2f})",
                    f"{p.detection.ja}（タスク: {p.task_kind}、データ: {', '.join(p.modalities)}、"
                    f"一致度 {m.score:.2f}）",
                ),
                source=_pq(p, p.id),
            )
        )
    if q.baseline:
        approach.append(
            Item(
                label=_t(lang, "Baseline to beat", "超えるべき現状"),
                text=q.baseline.value,
                source=q.baseline.quote,
            )
        )
    if best and (q.baseline is None or q.baseline.quote.source != "pattern"):
        approach.append(
            Item(
                label=_t(lang, "Usual non-ML baseline", "一般的な非ML手法"),
                text=best.baseline.get(lang),
                source=_pq(best, best.baseline.get(lang)),
            )
        )
    add("approach", approach)

    success: list[Item] = []
    if best:
        success.append(
            Item(
                label=_t(lang, "ML metric", "MLの指標"),
                text=best.metrics.ml.get(lang),
                source=_pq(best, best.metrics.ml.get(lang)),
            )
        )
        success.append(
            Item(
                label=_t(lang, "Business KPI", "業務KPI"),
                text=best.metrics.business.get(lang),
                source=_pq(best, best.metrics.business.get(lang)),
            )
        )
    fail = _t(
        lang,
        "This PoC failed if, on the most recent period held out, the model does not beat today's way "
        "of judging on the ML metric above, or if the people who judge today would not use it.",
        "直近の検証期間で、上記の指標で今の判断方法を上回れない、または今判断している人が使おうと思えない場合、このPoCは失敗とする。",
    )
    success.append(Item(label=_t(lang, "Failed if", "失敗の条件"), text=fail, source=_assume(fail)))
    add("success", success)

    table: list[list[str]] | None = None
    plan: list[Item] = []
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
        total = _t(lang, f"{best.poc_weeks} weeks in all", f"合計 {best.poc_weeks}週")
        table.append([_t(lang, "Total", "合計"), str(best.poc_weeks)])
        plan.append(Item(label=_t(lang, "Total", "合計"), text=total, source=_pq(best, total)))
    add("poc_plan", plan, table)

    risks: list[Item] = []
    for p in patterns[:1]:
        for pit in p.pitfalls:
            risks.append(Item(label=_t(lang, "Risk", "リスク"), text=pit.get(lang), source=_pq(p, pit.get(lang))))
    people_risk = _t(
        lang,
        "People: the model is ignored if the people who judge today are not part of it; "
        "involve them from week one and show the model beside their own judgment.",
        "人: 今判断している人が関わらないとモデルは使われない。初週から巻き込み、本人の判断と並べて見せる。",
    )
    drift = _t(
        lang,
        "Drift: conditions change; re-check the model's accuracy every month and retrain when it drops.",
        "ドリフト: 状況は変わる。毎月精度を確認し、下がったら再学習する。",
    )
    risks += [
        Item(label=_t(lang, "Risk", "リスク"), text=people_risk, source=_assume(people_risk)),
        Item(label=_t(lang, "Risk", "リスク"), text=drift, source=_assume(drift)),
    ]
    add("risks", risks)

    people: list[Item] = []
    if pain and pain.judge:
        people.append(
            Item(
                label=_t(lang, "Who judges today", "現在判断している人"),
                text=pain.judge.value,
                source=pain.judge.quote,
            )
        )
    roles = _t(
        lang,
        "the employee who raised it (owner), the person who judges today, the owner of the data "
        "(IT or the system's admin), and the manager who decides on the PoC",
        "提案者（オーナー）、今判断している人、データの管理者（情報システム部門など）、PoCを決める上長",
    )
    people.append(Item(label=_t(lang, "Involve", "関係者"), text=roles, source=_assume(roles)))
    if best:
        first = best.poc_plan[0].step.get(lang)
        people.append(Item(label=_t(lang, "Next step", "次の一歩"), text=first, source=_pq(best, first)))
    add("people", people)

    title = _t(lang, f"PoC proposal: {q.target}", f"PoC提案: {q.target}")
    return Proposal(
        session_id=state.id,
        theme_id=theme.id,
        lang=lang,
        title=title,
        sections=sections,
        generated_at=datetime.now(UTC),
    )
