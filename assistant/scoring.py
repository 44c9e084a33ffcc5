"""Value (money per year, arithmetic shown) and feasibility (with reasons) of a theme."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.knowledge import Pattern
from assistant.quantities import Quantity, per_year
from assistant.state import Amount, Feasibility, Pain, Quote, Reason, Theme, ValueEstimate
from assistant.vocabulary import Lang

_SYMBOL = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥"}
_PERIOD_WORD = {
    "en": {"day": "day", "week": "week", "month": "month", "quarter": "quarter", "year": "year"},
    "ja": {"day": "日", "week": "週", "month": "月", "quarter": "四半期", "year": "年"},
}


@dataclass(frozen=True)
class Rates:
    """Assumptions used when the employee gives time instead of money."""

    hourly_jpy: float = 5000.0
    hourly_usd: float = 50.0
    workdays: int = 240


def money(amount: float, currency: str, lang: Lang) -> str:
    """¥15,000,000 / 1,500万円 / $1,200,000."""
    if currency == "JPY" and lang == "ja":
        if amount >= 1e8:
            return f"{amount / 1e8:,.1f}億円".replace(".0億", "億")
        if amount >= 1e5:
            return f"{amount / 1e4:,.0f}万円"
        if amount >= 1e4:
            return f"{amount / 1e4:,.1f}万円".replace(".0万", "万")
        return f"{amount:,.0f}円"
    return f"{_SYMBOL.get(currency, currency + ' ')}{amount:,.0f}"


def _per(n: float, period: str, lang: Lang) -> str:
    word = _PERIOD_WORD[lang].get(period, period)
    if lang == "ja":
        return f"{word}{n:g}回"
    return f"{n:g} per {word}"


def estimate_value(pain: Pain, lang: Lang, rates: Rates) -> ValueEstimate:
    """Money per year = frequency x cost (money and staff time), each step written out."""
    moneys = [c for c in pain.costs if c.unit != "hours" and c.per != "hour"]
    stated_rate = next((c for c in pain.costs if c.unit != "hours" and c.per == "hour"), None)
    hours = [c for c in pain.costs if c.unit == "hours"]
    if any(h.per != "occurrence" for h in hours):
        # "10 minutes each, a day and a half a week": the periodic total already counts the pieces
        hours = [h for h in hours if h.per != "occurrence"]
    currency = moneys[0].unit if moneys else stated_rate.unit if stated_rate else ("JPY" if lang == "ja" else "USD")
    arithmetic: list[str] = []
    assumptions: list[str] = []
    if hours and any(c.per == "year" for c in moneys):
        # "20 analysts, around £1.2 million a year": the yearly money figure already counts the staff time
        assumptions.append(
            "年額の記載に作業時間分も含まれるとみなし、時間は加算しない"
            if lang == "ja"
            else "staff time not added: the yearly figure given is taken to include it"
        )
        hours = []
    freq = pain.frequency
    freq_year: float | None = None
    if freq is not None:
        if freq.per == "day":
            freq_year = freq.value * rates.workdays
            assumptions.append(
                f"1年の稼働日を{rates.workdays}日と仮定"
                if lang == "ja"
                else f"{rates.workdays} working days a year (assumed)"
            )
        elif freq.per != "occurrence":
            freq_year = per_year(_q(freq), rates.workdays)
    for a in [*pain.costs, *([freq] if freq else [])]:
        if a.approximate:
            shown = money(a.value, a.unit, lang) if a.unit not in ("hours", "count") else f"{a.value:g}"
            assumptions.append(
                f"「{a.quote.text}」を{shown}と読んで計算"
                if lang == "ja"
                else f"“{a.quote.text}” read as {shown} (a rough figure)"
            )
    total = 0.0
    known = False
    if any(c.per == "year" for c in moneys if c.unit == currency):
        # The employee's own yearly figure wins; a per-day or per-case figure next to it is usually the same cost
        # in other units, and adding both would count it twice.
        moneys = [c for c in moneys if c.per == "year"]
    for c in moneys:
        if c.unit != currency:
            continue
        line, value = _annualize(c, c.value, freq_year, freq, lang, rates, currency, assumptions)
        if value is not None:
            total += value
            known = True
            arithmetic.append(line)
    if hours:
        rate = rates.hourly_jpy if currency == "JPY" else rates.hourly_usd
        if stated_rate is not None:
            rate = stated_rate.value
        for c in hours:
            line, value = _annualize(c, c.value * rate, freq_year, freq, lang, rates, currency, assumptions)
            if value is None:
                continue
            hours_text = f"{c.value:g}時間" if lang == "ja" else f"{c.value:g} h"
            line = line.replace(
                money(c.value * rate, currency, lang),
                f"{hours_text} × {money(rate, currency, lang)}/" + ("時間" if lang == "ja" else "h"),
                1,
            )
            total += value
            known = True
            arithmetic.append(line)
        if stated_rate is None:
            assumptions.append(
                f"人件費を1時間あたり{money(rate, currency, lang)}と仮定"
                if lang == "ja"
                else f"staff time costed at {money(rate, currency, lang)} per hour (assumed)"
            )
    if not known:
        missing = "頻度" if freq_year is None and (moneys or hours) else "1回あたりの損失"
        if lang == "en":
            missing = "how often it happens" if freq_year is None and (moneys or hours) else "what it costs each time"
        arithmetic.append(f"未確定: {missing}が分かっていません" if lang == "ja" else f"not yet known: {missing}")
        return ValueEstimate(per_year=None, currency=currency, arithmetic=arithmetic, assumptions=assumptions)
    if len(arithmetic) > 1:
        arithmetic.append(
            ("合計 " if lang == "ja" else "total ")
            + money(total, currency, lang)
            + ("/年" if lang == "ja" else " per year")
        )
    return ValueEstimate(
        per_year=round(total, 2),
        currency=currency,
        arithmetic=arithmetic,
        assumptions=list(dict.fromkeys(assumptions)),
    )


def _q(a: Amount) -> Quantity:
    return Quantity(a.value, a.unit, a.per, a.quote.text)


def _annualize(
    c: Amount,
    value: float,
    freq_year: float | None,
    freq: Amount | None,
    lang: Lang,
    rates: Rates,
    currency: str,
    assumptions: list[str],
) -> tuple[str, float | None]:
    unit_money = money(value, currency, lang)
    year = "/年" if lang == "ja" else " per year"
    if c.per == "year":
        return f"{unit_money}{year}" + (" (本人の発言)" if lang == "ja" else " (as stated)"), value
    if c.per in ("day", "week", "month", "quarter"):
        n = {"day": rates.workdays, "week": 52, "month": 12, "quarter": 4}[c.per]
        if c.per == "day":
            assumptions.append(
                f"1年の稼働日を{rates.workdays}日と仮定"
                if lang == "ja"
                else f"{rates.workdays} working days a year (assumed)"
            )
        label = _PERIOD_WORD[lang][c.per]
        if lang == "ja":
            return (
                f"{unit_money}/{label} × {n}{label}/年 = {money(value * n, currency, lang)}{year}",
                value * n,
            )
        return (
            f"{unit_money} per {label} × {n} {label}s = {money(value * n, currency, lang)}{year}",
            value * n,
        )
    if freq_year is None or freq is None:
        return "", None
    return (
        f"{unit_money} × {_per(freq.value, freq.per, lang)}"
        + (f" ({freq_year:g}回/年)" if lang == "ja" and freq.per != "year" else "")
        + (f" ({freq_year:g} a year)" if lang == "en" and freq.per != "year" else "")
        + f" = {money(value * freq_year, currency, lang)}{year}"
    ), value * freq_year


_NUMBER = re.compile(r"(\d[\d,.]*)")


def _amount_number(text: str | None) -> float | None:
    if not text:
        return None
    m = _NUMBER.search(text.replace(",", ""))
    if not m:
        return None
    n = float(m.group(1))
    if re.search(r"years?|年", text) and not re.search(r"件|rows|records|entries|cases|枚|photos|images", text):
        n *= 250  # years of daily records, roughly
    if "万" in text:
        n *= 1e4
    return n


def assess_feasibility(pain: Pain, pattern: Pattern | None, lang: Lang) -> Feasibility:
    """Data exists, outcomes are recorded, the judgment repeats, the truth comes soon, enough examples."""
    ja = lang == "ja"
    reasons: list[Reason] = []
    score = 0.0
    data = pain.data
    quote = data.quote if data else None
    if data and data.exists:
        score += 0.3
        reasons.append(Reason(text="記録が残っている" if ja else "the data is recorded", positive=True, quote=quote))
    elif data and data.exists is False:
        reasons.append(
            Reason(
                text="記録が残っていない（まず記録から）" if ja else "nothing is recorded yet (start recording first)",
                positive=False,
                quote=quote,
            )
        )
    else:
        score += 0.1
        reasons.append(
            Reason(
                text="記録の有無は未確認" if ja else "whether data is recorded is not known yet",
                positive=False,
            )
        )
    needs_labels = pattern.data_needs.labels_required if pattern else True
    if data and data.exists and pattern is not None and pattern.task_kind == "forecasting" and not data.labels:
        # the history of the quantity to forecast is its own record of outcomes
        data = data.model_copy(update={"labels": True})
    if data and data.labels:
        score += 0.25
        reasons.append(
            Reason(
                text="結果（正解）も記録されている" if ja else "outcomes are recorded (labels)",
                positive=True,
                quote=quote,
            )
        )
    elif not needs_labels:
        score += 0.2
        reasons.append(
            Reason(
                text=f"パターン{pattern.id}は正解ラベルなしでも始められる"
                if ja and pattern
                else f"pattern {pattern.id} can start without recorded outcomes"
                if pattern
                else "",
                positive=True,
                quote=Quote(text=pattern.id, source="pattern", pattern_id=pattern.id) if pattern else None,
            )
        )
    elif data and data.labels is False:
        reasons.append(
            Reason(
                text="結果（正解）が記録されていない" if ja else "outcomes are not recorded (no labels)",
                positive=False,
                quote=quote,
            )
        )
    else:
        score += 0.1
        reasons.append(
            Reason(
                text="結果が記録されているかは未確認" if ja else "whether outcomes are recorded is not known",
                positive=False,
            )
        )
    freq = pain.frequency
    if freq is not None:
        yearly = freq.value * {"day": 240, "week": 52, "month": 12, "quarter": 4, "year": 1}.get(freq.per, 1)
        if yearly >= 12:
            score += 0.15
            reasons.append(
                Reason(
                    text="判断が頻繁に繰り返される" if ja else "the judgment repeats often",
                    positive=True,
                    quote=freq.quote,
                )
            )
        else:
            score += 0.07
            reasons.append(
                Reason(
                    text="起きる回数が少ない（事例が集まりにくい）"
                    if ja
                    else "it happens rarely (few examples per year)",
                    positive=False,
                    quote=freq.quote,
                )
            )
    else:
        score += 0.05
    if pattern is not None:
        pq = Quote(text=pattern.truth_wait.get(lang), source="pattern", pattern_id=pattern.id)
        if pattern.truth_wait_days <= 30:
            score += 0.15
            reasons.append(
                Reason(
                    text=("正解がすぐ分かる: " if ja else "the truth is known soon: ") + pattern.truth_wait.get(lang),
                    positive=True,
                    quote=pq,
                )
            )
        elif pattern.truth_wait_days <= 365:
            score += 0.08
            reasons.append(
                Reason(
                    text=("正解が分かるまで時間がかかる: " if ja else "the truth takes a while: ")
                    + pattern.truth_wait.get(lang),
                    positive=False,
                    quote=pq,
                )
            )
        else:
            score += 0.02
            reasons.append(
                Reason(
                    text=("正解が分かるまで非常に長い: " if ja else "the truth takes very long: ")
                    + pattern.truth_wait.get(lang),
                    positive=False,
                    quote=pq,
                )
            )
        n = _amount_number(data.amount if data else None)
        if n is not None and n >= pattern.data_needs.min_examples:
            score += 0.15
            reasons.append(
                Reason(
                    text=(
                        f"量は足りそう（目安{pattern.data_needs.min_examples:,}件）"
                        if ja
                        else f"enough examples (about {pattern.data_needs.min_examples:,} needed)"
                    ),
                    positive=True,
                    quote=quote,
                )
            )
        elif n is not None:
            score += 0.05
            reasons.append(
                Reason(
                    text=(
                        f"量が少ないかもしれない（目安{pattern.data_needs.min_examples:,}件）"
                        if ja
                        else f"maybe too few examples (about {pattern.data_needs.min_examples:,} needed)"
                    ),
                    positive=False,
                    quote=quote,
                )
            )
    if pain.difficulty == "hard":
        reasons.append(
            Reason(
                text="人による判断が難しい・属人的（機械の助けが効く）"
                if ja
                else "hard for a person to judge (where a model helps most)",
                positive=True,
                quote=pain.judge.quote if pain.judge else None,
            )
        )
    return Feasibility(score=round(min(score, 1.0), 3), reasons=[r for r in reasons if r.text])


def rank_themes(themes: list[Theme]) -> list[Theme]:
    """Best first: complete themes, then expected value (value x feasibility), then feasibility."""

    def key(t: Theme) -> tuple[int, float, float]:
        v = t.value.per_year or 0.0
        return (int(t.complete), v * max(t.feasibility.score, 0.05), t.feasibility.score)

    ranked = sorted(themes, key=key, reverse=True)
    for i, t in enumerate(ranked, start=1):
        t.rank = i
    return ranked
