"""Sentence-level readings of how a cost is structured that no single number carries: only part of the year
("from December to February", 「11月から2月だけ」), once every few years, how long a shift is, the days a week
hours a day run, one year's figure beside the usual one, losses now and then, figures said only to be denied, and
money said not to be a loss ("the agency bill, we'd pay that anyway", 「それは必要な分」)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.core.update import Quantity
from assistant.understanding.mentions import Mention

#: a month by its first three letters, as the range pattern below matches it ("sept" and "september" are "sep")
_MONTHS_EN = {
    m: i
    for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)
}
_MONTH = r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)"
#: which part of a month a range starts or ends in ("late July", "the end of August", 「7月の後半」「8月末」)
_PART_EN = r"(?:(early|mid|late|the\s+(?:start|beginning|middle|end)\s+of)[\s-]+)?"
_PART_JA = r"(?:の)?(上旬|初旬|初め|はじめ|頭|中旬|半ば|前半|後半|下旬|末)?"
_RANGE_EN = re.compile(
    rf"\b(?:from\s+)?{_PART_EN}{_MONTH}\s*(?:to|through|thru|till|until|-|–)\s*{_PART_EN}{_MONTH}\b", re.I
)
_RANGE_JA = re.compile(rf"(\d{{1,2}})月{_PART_JA}(?:頃|ごろ)?(?:から|〜|~|－|-|ー)(\d{{1,2}})月{_PART_JA}")
#: where in its month a range starts, and up to where in its month it ends, as a fraction of the month
_STARTS = {"mid": 0.33, "the middle of": 0.33, "中旬": 0.33, "半ば": 0.33, "後半": 0.5, "late": 0.67, "下旬": 0.67}
_STARTS |= {"the end of": 0.8, "末": 0.8}
_ENDS = {"early": 0.33, "the start of": 0.33, "the beginning of": 0.33, "上旬": 0.33, "初旬": 0.33, "初め": 0.33}
_ENDS |= {"はじめ": 0.33, "頭": 0.33, "前半": 0.5, "mid": 0.67, "the middle of": 0.67, "中旬": 0.67, "半ば": 0.67}
#: the length the employee says right after the range ("from late July to the end of August, so about 6 weeks",
#: 「7月の後半から8月末までの6週間くらい」): their own figure, kept over one computed from the range
_LENGTH_AFTER = re.compile(
    r"[\s、,]*(?:まで)?(?:の)?(?:約|およそ|だいたい)?(\d+(?:\.\d+)?)\s*(週間?|か月|ヶ月|カ月|ヵ月|ケ月)|"
    r"[\s,(–-]*(?:(?:so|that'?s|which is|about|around|roughly|some|call it)\s+)+(\d+(?:\.\d+)?)\s+(week|month)s?\b",
    re.I,
)
_SPAN_EN = re.compile(
    r"\b(?:only\s+(?:for\s+)?(?:about\s+)?)?(\d+(?:\.\d+)?)[- ](month|week)s?\s+(?:a|per|of the|each)\s+year\b|"
    r"\b(?:a|the)\s+(\d+(?:\.\d+)?)[- ](month|week)\s+season\b|\bseason\s+(?:is|lasts|runs)\s+(?:about\s+|around\s+)?"
    r"(\d+(?:\.\d+)?)\s+(month|week)s?\b|\bonly\s+(?:for\s+)?(?:about\s+)?(\d+(?:\.\d+)?)\s+(month|week)s\b",
    re.I,
)
_SPAN_JA = re.compile(
    r"(?:年に|1年のうち|一年のうち|繁忙期の?|シーズンの?|時期の?)(?:約|およそ)?(\d+(?:\.\d+)?)(?:か月|ヶ月|カ月|ヵ月|ケ月)(?:間)?|"
    r"(\d+(?:\.\d+)?)(?:か月|ヶ月|カ月|ヵ月|ケ月)(?:間)?(?:ほど|くらい)?(?:だけ|のみ)|"
    r"(?:年に|1年のうち|繁忙期の?|シーズンの?)(?:約|およそ)?(\d+(?:\.\d+)?)週(?:間)?|(\d+(?:\.\d+)?)週間(?:だけ|のみ)"
)
_EVERY_YEARS = re.compile(
    r"\b(?:(?:about |maybe |roughly )?once |one time )?every\s+(\d+(?:\.\d+)?)(?:\s*(?:-|–|to|or)\s*(\d+(?:\.\d+)?))?\s+years?\b|"
    r"\bevery other year\b|\bonce in (\d+(?:\.\d+)?)\s+years\b|"
    r"(\d+(?:\.\d+)?)(?:〜(\d+(?:\.\d+)?))?年に(?:1|一)(?:回|度)|数年に(?:1|一)(?:回|度)",
    re.I,
)
_SHIFT = re.compile(
    r"\b(\d+(?:\.\d+)?)[- ]hour\s+(?:shift|day|night)s?\b|(?:1回|一回|1日|一日)?(\d+(?:\.\d+)?)時間(?:の)?(?:シフト|勤務|夜勤)",
    re.I,
)
#: Money the employee says is no loss: a bill they would pay anyway, a cost that is needed.
_NO_LOSS = re.compile(
    r"\b(?:we'?d|we would|we'?ll|we will|we have to|we need to|we must)\s+pay\s+(?:that|it|them|those)?\s*anyway\b|"
    r"\b(?:that'?s|it'?s|which is|those are)\s+(?:just\s+|only\s+|simply\s+)?(?:fine|normal|necessary|needed|unavoidable|"
    r"(?:just\s+)?the cost of (?:doing business|selling|running|operating|\w+ing)(?:\s+\w+)?)\b|"
    # income and volume said to give the scale: "whole book brings in £1.2bn, for scale", 「売上は年40億くらい」
    r"\bfor (?:scale|context|reference)\b|\b(?:revenue|turnover|premium income|gross premiums?)\s+(?:is|are|was|were)\b|"
    r"\b(?:our|total|annual|yearly) sales (?:is|are|was|were)\b|\bbrings? in\b|"
    r"(?:売上|売り上げ|売上高)は(?![^。]*(?:減|落ち|下が|失|逃|損))|年商|"
    # money that passes through, said for scale: 「ATM全体で月に出ていく額は600億」, 「取扱高」, "throughput"
    r"(?:出ていく|出て行く|出ていってる)(?:額|お金|金額)|取扱(?:高|額)|取り扱い(?:高|額)|流通(?:額|高)|\bthroughput\b|"
    r"\b(?:not|isn'?t|no)\s+(?:really\s+)?(?:a|the)\s+(?:loss|problem)\b|\bpay\s+(?:it|that)\s+anyway\b|"
    r"\b(?:going to|gonna|would|will|'d|'ll)\s+(?:happen|be paid|pay(?:\s+(?:it|that))?)\s+(?:regardless|anyway|either way)\b|"
    r"(?:それは|そこは|これは)?(?:必要な(?:分|経費|費用|お金)|必要経費|仕方(?:ない|がない|のない)|問題(?:ではない|じゃない|ではありません)|"
    r"損(?:ではない|じゃない)|どのみち払う|どうせ払う|払うしかない)|"
    # 「それは契約なので別です」「それは普通にかかるものなんで」: the money said is apart from the loss
    r"(?:それ|そっち|そちら|そこ|これ)は[^。]{0,12}?(?:別(?:です|で|なので|物|もの)|関係ない|普通にかかる|かかるもの|固定費|経費)",
    re.I,
)


#: Said right after a count: what it counts costs little ("those don't cost us much", 「それはお金はそんなにかからない」)
_COSTS_LITTLE = re.compile(
    r"\b(?:that|those|these|they|it)\s+(?:really\s+|honestly\s+)?(?:doesn'?t|don'?t|do not|does not)\s+cost\s+(?:us\s+)?"
    r"(?:much|a lot|anything)\b|\b(?:that|those|these|they|it)\s+costs?\s+(?:us\s+)?(?:next to|almost|basically)?\s*nothing\b|"
    r"(?:それ|そっち|そちら|そこ)(?:は|も)[^。]{0,12}?(?:お金|費用|コスト|損失?)(?:は|も)?(?:そんなに|あまり|たいして|大して|ほとんど)"
    r"(?:かから|かかって(?:い)?な|出て(?:い)?な|出な)",
    re.I,
)


def costs_little(text: str) -> bool:
    """The sentence says what was just counted costs little: its count is no loss to multiply."""
    return bool(_COSTS_LITTLE.search(text))


#: A yearly figure said of one particular year ("last year it was over 20M", 「去年はひどくて2,000万」).
_ONE_YEAR = re.compile(
    r"\blast (?:fiscal |financial )?year\b|\bthe year before\b|\bin (?:19|20)\d\d\b|\b(?:bad|worst|good|best) year\b|"
    r"\bthat year\b|去年|昨年|前年|前期|一昨年|おととし|(?:ひどい|悪い|多い|最悪の|良い)年|(?:19|20)\d\d年(?:度)?(?:は|に)",
    re.I,
)
#: A yearly figure said of years in general ("normally", 「普通の年なら」「ならすと」).
_TYPICAL_YEAR = re.compile(
    r"\b(?:normally|usually|typically|on average|normal year|typical year|most years|average year)\b|"
    r"普通の年|例年|普段|平均(?:で|すると|的に)|ならすと|通常|いつもの年",
    re.I,
)


def one_year_only(head: str) -> bool:
    """The words before a yearly figure tie it to one year, not to years in general."""
    return bool(_ONE_YEAR.search(head)) and not _TYPICAL_YEAR.search(head)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def _part(word: str | None, table: dict[str, float], default: float) -> float:
    return table.get(" ".join((word or "").lower().split()), default)


def _month_range(text: str) -> tuple[float, str, Span] | None:
    """ "from late July to the end of August" (1.3 months), 「11月から2月」 (4 months); a length said right after it
    ("so about 6 weeks") is the employee's own and wins."""
    en, ja = _RANGE_EN.search(text), _RANGE_JA.search(text)
    if en:
        a, b = _MONTHS_EN[en.group(2).lower()[:3]], _MONTHS_EN[en.group(4).lower()[:3]]
        m, start, end = en, en.group(1), en.group(3)
    elif ja and 1 <= int(ja.group(1)) <= 12 and 1 <= int(ja.group(3)) <= 12:
        a, b = int(ja.group(1)), int(ja.group(3))
        m, start, end = ja, ja.group(2), ja.group(4)
    else:
        return None
    said = _LENGTH_AFTER.match(text, m.end())
    if said:
        n, unit = float(said.group(1) or said.group(3)), (said.group(2) or said.group(4)).lower()
        return n, "week" if unit.startswith(("週", "week")) else "month", Span(m.start(), said.end())
    months = (b - a) % 12 + _part(end, _ENDS, 1.0) - _part(start, _STARTS, 0.0)
    return round(months, 1), "month", Span(m.start(), m.end())


def season(text: str) -> tuple[float, str, Span] | None:
    """How much of the year the work runs, when said: (months or weeks, "month"/"week", where it was said)."""
    ranged = _month_range(text)
    if ranged is not None:
        return ranged
    for pattern in (_SPAN_EN, _SPAN_JA):
        m = pattern.search(text)
        if m:
            groups = [g for g in m.groups()]
            pairs = list(zip(groups[0::2], groups[1::2], strict=False)) if pattern is _SPAN_EN else None
            if pairs is not None:
                n, unit = next((float(v), u.lower()) for v, u in pairs if v)
            else:
                n = next(float(v) for v in groups if v)
                unit = "week" if "週" in m.group(0) else "month"
            limit = 12 if unit == "month" else 52
            if 0 < n < limit:
                return n, unit, Span(m.start(), m.end())
    return None


def every_years(text: str) -> tuple[float, float | None, Span] | None:
    """ "maybe once every 5 years", 「5年に1回」: (years between, the high end of a range, where it was said)."""
    m = _EVERY_YEARS.search(text)
    if not m:
        return None
    said = m.group(0)
    if "other" in said.lower():
        return 2.0, None, Span(m.start(), m.end())
    if "数年" in said:
        return 3.0, None, Span(m.start(), m.end())
    low = next(g for g in (m.group(1), m.group(3), m.group(4)) if g)
    high = m.group(2) or m.group(5)
    return float(low), float(high) if high else None, Span(m.start(), m.end())


def shift_hours(text: str) -> tuple[float, Span] | None:
    """ "10-hour shifts", 「1回10時間のシフト」: how long one working day is for this work."""
    m = _SHIFT.search(text)
    if not m:
        return None
    return float(m.group(1) or m.group(2)), Span(m.start(), m.end())


def no_loss(text: str) -> bool:
    """The sentence says its money is no loss ("we'd pay that anyway", 「それは必要な分です」)."""
    return bool(_NO_LOSS.search(text))


def _clause_head(text: str, start: int) -> str:
    """The clause a figure is said in, up to it; "last year was a bad year, $500k": the clause before an amount
    said alone."""
    parts = re.split(r"[、,;]|けど|\bbut\b", text[max(0, start - 40) : start])
    return " ".join(parts[-2:]) if len(parts) > 1 and len(parts[-1].strip()) < 4 else parts[-1]


def one_year_dropped(mentions: list[Mention], norm: str) -> list[Mention]:
    """ "去年はひどくて2,000万超えてましたけど、普通の年なら1,500万": of two yearly amounts in one sentence, the one
    said of a particular year is an example, not a second loss."""
    yearly = [m for m in mentions if m.kind == "money" and m.per == "year"]
    marked = [m for m in yearly if one_year_only(_clause_head(norm, m.start))]
    if not marked or len(marked) == len(yearly):
        return mentions
    return [m for m in mentions if m not in marked]


_DAYS_A_WEEK = re.compile(r"\b(?P<n>[1-7])\s+days?\s+(?:a|per|each)\s+week\b|週(?:に)?(?P<j>[1-7])日")


def days_a_week(mentions: list[Mention], norm: str, sentence: str) -> tuple[list[Mention], list[tuple[Quantity, int]]]:
    """ "6 hours a day, 7 days a week", 「1日2時間、週5日」: with hours a day said, the days a week are how many days a
    year those hours run, not time spent of their own."""
    week = _DAYS_A_WEEK.search(norm)
    daily = [m for m in mentions if m.kind == "time" and m.per == "day"]
    if week is None or not daily:
        return mentions, []
    n = float(week.group("n") or week.group("j"))
    days = Quantity(kind="days", value=n * 52, quote=sentence.strip()[:200])
    return [m for m in mentions if not (week.start() <= m.start < week.end())], [(days, week.start())]


_OCCASIONAL_EN = re.compile(
    r"\b(?:once|one time|sometimes|occasionally|at worst|worst case|in the worst case|can|could|might|may)\b", re.I
)


def occasional(text: str, m: Mention) -> bool:
    """ "A missed mislabel once cost us a $60k recall", "it can cost up to $50k", 「100万円かかることもあります」: a loss that
    happens now and then, said in the clause of the amount."""
    clause_start = (
        max(text.rfind(c, 0, m.start) for c in ".;。") + 1
    )  # the sentence: "once cost us a recall, about $60k"
    head = text[clause_start : m.start]
    tail = re.split(r"[.;。]", text[m.end : m.end + 30])[0]
    if re.search(r"(?:こと|場合)も(?:ある|あり|あります)|ことがある|ことがあります|場合がある|かねない", tail):
        return True
    return bool(_OCCASIONAL_EN.search(head))


def denied(text: str, m: Mention) -> bool:
    if re.match(r"[^、。,.\d]{0,8}?(?:じゃなくて|じゃなく|ではなくて|ではなく|でなく)", text[m.end : m.end + 16]):
        return True
    return bool(
        re.search(
            r"\bnot\s+(?:just\s+|only\s+)?(?:about\s+|around\s+)?[$€£¥]?$", text[max(0, m.start - 24) : m.start], re.I
        )
    ) and bool(re.match(r"[^.;]{0,30}?\bbut\b", text[m.end : m.end + 40], re.I))
