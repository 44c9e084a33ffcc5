"""Reading numbers as the value model needs them: each with its unit, what it is per, and what it measures.

A mention is a number with the unit next to it (a currency, a duration, a percent or ratio, a counted noun
or a Japanese counter). What it is per comes from the words attached to it in the same clause ("a week",
"each", "per shop", 「1件あたり」「月に」), and its kind follows from unit + attachment: money per period
is a total, money each is a cost per event, a count per period is how often, and so on. A correction
("no wait", 「じゃなくて」) inside one message replaces the earlier figure of the same kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.numbers import JA_COMPOUND, MONEY_MARK, NUM, normalize_numbers
from assistant.understanding import lexicon as lx
from assistant.understanding.text import nfkc, sentences
from assistant.understanding.units import canonical_units
from assistant.understanding.update import Quantity
from assistant.vocabulary import Lang

_CURRENCY_SYMBOL = {"$": "USD", "＄": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "￥": "JPY"}
_CURRENCY_WORD = [
    (r"dollars?|bucks|usd", "USD"),
    (r"euros?|eur", "EUR"),
    (r"pounds|quid|gbp", "GBP"),
    (r"yen|jpy|円", "JPY"),
]


def _range(tag: str = "") -> str:
    """A number, or a range of two ("10-20", "3 or 4", 「20〜30」), as named groups n<tag> and hi<tag>."""
    return (
        rf"(?P<n{tag}>{NUM})(?:\s*(?:-|–|~|〜|to|or|から|、(?=\d+\s*[件回台個本人日時]))\s*[$€£¥]?(?P<hi{tag}>{NUM}))?"
    )


_RANGE = _range()
_MONEY = re.compile(
    rf"(?P<sym>[$＄€£¥￥])\s*{_range('1')}|{_range('2')}\s*(?P<word>dollars?|bucks|usd|euros?|eur|pounds|quid|gbp|"
    r"yen|jpy|円)",
    re.IGNORECASE,
)
_TIME = re.compile(
    rf"(?P<special>1 day and a half|a day and a half|half (?:a|the|my|our|his|her|their) (?:work ?)?day|half a shift|半日|1日半|丸1日|丸一日|"
    rf"half an hour|30分)|{_RANGE}\s*(?P<unit>hours?|hrs?|h(?![a-z])|minutes?|mins?|min(?![a-z])|seconds?|secs?|秒|person[- ]days?|"
    r"man[- ]days?|(?:working )?days?(?= (?:of work|each|per|a|every|to)\b)|時間|分(?!の)|人日)",
    re.IGNORECASE,
)
_SHARE = re.compile(
    rf"(?P<pct>{NUM})\s*(?:%|％|percent|per cent|パーセント)|"
    rf"(?P<one>{NUM})\s*(?:in|out of)\s*(?P<every>{NUM})(?!\s*(?:%|hours?|days?|weeks?))|"
    rf"(?P<wari>{NUM})\s*割|(?P<den>{NUM})\s*分の\s*(?P<num>{NUM})|"
    r"(?P<word>\bhalf\b(?![ -](?:empty|full|asleep|awake|joking|dead|done|baked)\b)|\b(?:a|one|two|three|four|[1-9])\s+(?:third|quarter|fifth|sixth|eighth|tenth|twentieth)s?\b(?!-)|半分|半数|大半)(?:\s+of)?",
    re.IGNORECASE,
)
_COUNT = re.compile(
    rf"{_RANGE}\s*(?P<ja>件|回|度|台|個|本|枚|便|ロット|バッチ|人|名|店舗|店|拠点|工場|ライン|頭|箱|社|通|検体|室|部屋|"
    r"棟|か所|箇所|カ所|ヶ所)?",
)
_PER_BEFORE_JA = re.compile(
    r"(?<![今去昨来先翌前])(?P<p>年間|月間|週間|年|月|週|日|1日|一日|毎日|毎朝|毎晩|毎週|毎月|毎年|1年|1か月|1ヶ月|1カ月|1週間)"
    r"(?:に|で|あたり|当たり|間|の)?\s*(?:1人|一人|ひとり|各自|それぞれ)?(?:あたり|当たり)?\s*(?:約|およそ|だいたい|大体|ざっと|平均|ほぼ|最低|最大)?\s*$"
)
_EACH_BEFORE = re.compile(
    r"(?:\beach\b(?: one| time| of them)?|\bper (?:\w+)|\bevery (?:one|time)|"
    r"(?:1|一)(?:件|回|台|個|本|枚|便|ロット|バッチ|箱)(?:あたり|当たり|につき)?|それぞれ)"
    r"[^.。!?]{0,25}$",
    re.IGNORECASE,
)
_EACH_AFTER = re.compile(
    r"^\s*(?:each|a piece|apiece|per (?:item|unit|case|call|ticket|load|job|claim|order|event|incident|one|time|batch|"
    r"lot|visit|truck|delivery|report|contract|alert|application|patient|part|piece|sample))\b|^\s*(?:/件|/回|/台)",
    re.IGNORECASE,
)
_CORRECTION = re.compile(
    r"\b(?:no wait|no,? wait|wait,? no|sorry,? (?:i mean|it'?s)|i mean|actually|correction|scratch that|make that|"
    r"or rather|well,? more like|more like)\b|いや|じゃなくて|ではなく|訂正|すみません|ごめん|違(?:い|う)",
    re.IGNORECASE,
)
#: Days a year the work runs: "the season is about 120 days", "we're open 310 days a year", 「シーズンは120日」.
_DAYS = re.compile(
    r"(?:season|open|operat\w*|run(?:s|ning)?|working|harvest|シーズン|稼働|営業|期間)[^.。\d]{0,24}?(?P<n>\d+)\s*(?:days|日)|"
    r"(?P<m>\d+)\s*(?:days|日)\s*(?:a year|per year|/年|of (?:the )?(?:season|year)|稼働|営業)",
    re.IGNORECASE,
)
_YEARS_OF_DATA = re.compile(r"^\s*(?:years?|年分|年間分|か月分|ヶ月分)", re.IGNORECASE)


@dataclass
class _Mention:
    start: int
    end: int
    kind: str
    value: float
    high: float | None
    currency: str | None = None
    per: str | None = None
    noun: str | None = None
    within: str | None = None  # "40 trials per project": the thing each of which holds this many


def _num(s: str | None) -> float | None:
    return float(s.replace(",", "")) if s else None


def _period(word: str | None) -> str | None:
    if not word:
        return None
    w = word.lower().rstrip("s")
    if w in lx.PERIOD_EN:
        return lx.PERIOD_EN[w]
    return lx.PERIOD_ADVERB_EN.get(word.lower())


_ATTACH = re.compile(
    r"\b(?:a|an|per|each|every|in a|a single)\s+(\w+)|/\s*(\w+)|\b(hourly|daily|nightly|weekly|monthly|quarterly|"
    r"yearly|annually)\b",
    re.IGNORECASE,
)


_LAST_PERIOD = re.compile(
    r"\b(?:last|this|past|in the last|over the last|previous|each|every) (?:fiscal |financial |calendar )?(year|month|week|quarter)\b|"
    r"\b(?:a|per) (?:fiscal |financial )?(year)\b|\bannual(?:ly)?\b|\bp\.?a\.?\b|\bper annum\b",
    re.IGNORECASE,
)


_JA_PERIOD_AFTER = re.compile(
    r"^\s*(?:弱|強|ちょっと|くらい|ぐらい|ほど|程度|前後)?\s*(?:ですね|です|かな)?[、,]?\s*(?:1|一)?(年|月|週|日)(?:間)?(?:で|に|あたり|当たり|の|です)"
)


def _period_after(text: str, end: int) -> str | None:
    """The first period attached after a number, within its clause ("30k of bread per store a month",
    "$3.2 million last fiscal year", 「2億弱ですね、年で」)."""
    ja = _JA_PERIOD_AFTER.match(text[end : end + 20])
    if ja:
        return lx.PERIOD_JA[ja.group(1)]
    window = re.split(r"[,;.!?、。]|\band\b|\bbut\b", text[end : end + 48], maxsplit=1)[0]
    window = re.split(r"[$€£¥]?\d", window, maxsplit=1)[
        0
    ]  # "6 to 10 hours at $15,000 an hour": the hour is the money's
    last = _LAST_PERIOD.search(window)
    if last and not re.search(r"\b(?:a|an|per|each|every)\s+\w+", window[: last.start()]):
        return _period(last.group(1) or last.group(2) or "year")
    for m in _ATTACH.finditer(window):
        found = _period(m.group(1) or m.group(2)) or _period(m.group(3))
        if found:
            return found
    return None


_COUNT_PERIOD = re.compile(
    r"^\s*(?:[\w-]+\s+){0,3}?(?:\b(?:a|an|per|each|every|in a)\s+|/\s*)(\w+)|^\s*(?:[\w-]+\s+){0,2}?(hourly|daily|nightly|weekly|"
    r"monthly|quarterly|yearly|annually|last year|this year|a year)\b",
    re.IGNORECASE,
)


def _count_period_after(tail: str) -> str | None:
    """A count's period must follow it closely ("600 loads a week", "15 a month"), not three clauses on;
    "within 30 days" is a window, not how often."""
    tail = re.sub(r"^(\s*[\w-]+)?\s+within \d+\s+\w+", r"\1", tail, flags=re.IGNORECASE)
    m = _COUNT_PERIOD.match(tail[:40])
    if not m:
        return None
    word = (m.group(1) or m.group(2) or "").lower()
    return _period(word) or ("year" if "year" in word else None)


def _period_before(text: str, start: int, near: bool = False) -> str | None:
    sentence_head = re.split(r"[.!?。！？]", text[max(0, start - 90) : start])[-1]
    last = re.search(
        r"\b(?:last|this|past|previous) (?:fiscal |financial |calendar )?(year|month|week|quarter)\b",
        sentence_head,
        re.I,
    )
    if last and not re.search(r"\d", sentence_head[last.end() :].replace(" ", "")[:0]):
        return _period(last.group(1))  # "last year outside counsel billed us about $380k"
    head = text[max(0, start - 28) : start]
    clause_ja = re.split(r"[、。,]", head)[-1]
    sentence_ja = re.split(r"[。]", head if len(head) > 40 else text[max(0, start - 60) : start])[-1]
    if not near and re.search(r"(?:去年|昨年|昨年度|前期|今年|今年度)(?:は|で|の|に|も)?", sentence_ja):
        return "year"  # 「去年は100万円くらい損した」: one year's loss
    m = _PER_BEFORE_JA.search(head) or (None if near else re.search(r"(?P<p>毎日|毎朝|毎晩|毎週|毎月|毎年)", clause_ja))
    if m:
        key = re.sub(r"^(?:毎|1|一)", "", m.group("p")).replace("間", "") or "日"
        key = {"か月": "月", "ヶ月": "月", "カ月": "月", "週": "週"}.get(key, key)
        return lx.PERIOD_JA.get(key) or lx.PERIOD_JA.get(key[:1])
    segments = re.split(r"[,;.!?]", text[max(0, start - 48) : start])
    head = segments[-1]
    if len(segments) >= 2 and re.fullmatch(r"\s*(?:every|each|per|a|once a|twice a)\s+\w+\s*", segments[-2], re.I):
        head = segments[-2] + " " + head  # "Every week, about 20 hours": a leading period adverbial
    m = re.search(
        # "a" makes a period only after a count ("twice a week, …", "3 hours a day, …"); "misjudging a night by…"
        # names one night
        r"(?:\b(?:every|each|per)|(?:\d\S*(?:\s+[a-z]+)?|\btimes|\bonce|\btwice|\bover|\bin|\bfor|\bacross)\s+a)\s+"
        r"(day|morning|night|evening|shift|week|month|quarter|year)\b[^.]{0,30}$",
        head,
        re.I,
    )
    if m and not re.search(r"\b(?:each|per)\s+\w+\s*$", head[m.end() :]):
        return lx.PERIOD_EN[m.group(1).lower()]
    last = re.search(
        r"\b(?:last|this|past|previous) (?:fiscal |financial )?(year|month|week|quarter)\b[^.]{0,30}$", head, re.I
    )
    if last:
        return _period(last.group(1))
    m = re.search(r"\b(daily|nightly|weekly|monthly|quarterly|yearly|annually)\b[^.]{0,20}$", head, re.IGNORECASE)
    return lx.PERIOD_ADVERB_EN[m.group(1).lower()] if m else None


_PER_HOUR_HEAD = re.compile(
    r"(?:1|一)時間(?:[^、。,.\d]{0,8}?)(?:と|で|ごとに|につき)[、,]?[^、。,.\d]{0,8}$|"
    r"\b(?:an|one|1|each|every|per) hour (?:of [a-z-]+|(?:the|our) [a-z ]{2,20}? (?:is|are|sits?|stands?) "
    r"(?:down|idle|stopped))\s+(?:costs?|is worth|loses?|means)(?: us)?(?: about| around| roughly)?\s*$",
    re.IGNORECASE,
)


def _money(text: str) -> list[_Mention]:
    out = []
    for m in _MONEY.finditer(text):
        cur = _CURRENCY_SYMBOL.get(m.group("sym") or "") or next(
            c for w, c in _CURRENCY_WORD if re.fullmatch(w, m.group("word") or "", re.IGNORECASE)
        )
        n = _num(m.group("n1") or m.group("n2"))
        hi = _num(m.group("hi1") or m.group("hi2"))
        if n is None:
            continue
        head = text[max(0, m.start() - 14) : m.start()]
        tail = text[m.end() : m.end() + 16]
        per = _period_after(text, m.end()) or _period_before(text, m.start())
        if per is None and re.match(
            r"\s*(?!(?:of\s+)?(?:lost|missed|forgone)\b)(?:\w+\s+){0,2}?(?:budget|revenue|turnover|sales|wage bill|payroll|salary bill|spend)\b",
            tail,
            re.I,
        ):
            per = "year"  # a budget, a wage bill or revenue is a yearly figure unless said otherwise
        if _PER_HOUR_HEAD.search(text[max(0, m.start() - 60) : m.start()]):
            per = "hour"  # 「1時間止まると数百万円」, "every hour the line is down costs $20k": a loss per hour
        if re.search(r"(?:時給|1時間(?:あたり|当たり|につき)?)\s*$", head) or re.match(
            r"\s*(?:an|per|/|a)\s*(?:hour|hr|h)\b|\s*/時間?", tail, re.IGNORECASE
        ):
            per = "hour"
        out.append(_Mention(m.start(), m.end(), "money", n, hi, currency=cur, per=per))
    return out


def _time(text: str) -> list[_Mention]:
    out = []
    for m in _TIME.finditer(text):
        special = (m.group("special") or "").lower()
        if special:
            hours = {"半日": 4.0, "1日半": 12.0, "丸1日": 8.0, "丸一日": 8.0, "half an hour": 0.5, "30分": 0.5}.get(
                special, 12.0 if "and a half" in special else 4.0
            )
            n, hi = hours, None
        else:
            base, hi_raw = _num(m.group("n")), _num(m.group("hi"))
            unit = (m.group("unit") or "").lower()
            if base is None:
                continue
            scale = (
                1 / 60
                if unit.startswith(("min", "分"))
                else 1 / 3600
                if unit.startswith(("sec", "秒"))
                else 8.0
                if re.match(r"(day|person|man|人日|working)", unit)
                else 1.0
            )
            n, hi = base * scale, (hi_raw * scale if hi_raw is not None else None)
        head = text[max(0, m.start() - 16) : m.start()]
        tail = text[m.end() : m.end() + 24]
        # "within 30 days", "two days later", 「3日前」: when, not time spent
        if re.search(r"\b(?:within|after|for the last|past|last|every|in)\s+$", head, re.IGNORECASE):
            continue
        if re.match(r"\s*(?:later|ago|after|before|ahead|early|earlier|out|from now|後|前|以内|先|早く|の間に)", tail):
            continue
        per = _period_after(text, m.end()) or _period_before(text, m.start())
        if per == "hour":
            continue
        out.append(_Mention(m.start(), m.end(), "time", n, hi, per=per))
    return out


_FRACTION_NUM = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4}
_FRACTION_DEN = {"third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "eighth": 8, "tenth": 10, "twentieth": 20}


def _fraction(word: str) -> float:
    """ "half" -> 0.5, "a tenth" -> 0.1, "two thirds" -> 0.667; 半分 and the like are a half."""
    parts = re.sub(r"\s+", " ", word.lower()).split(" ")
    if len(parts) == 2 and (parts[0] in _FRACTION_NUM or parts[0].isdigit()):
        num = int(parts[0]) if parts[0].isdigit() else _FRACTION_NUM[parts[0]]
        return num / _FRACTION_DEN.get(parts[1].rstrip("s"), 2)
    return 0.5


def _shares(text: str) -> list[_Mention]:
    out = []
    for m in _SHARE.finditer(text):
        if m.group("pct"):
            v = float(m.group("pct")) / 100
        elif m.group("one"):
            v = float(m.group("one")) / max(float(m.group("every")), 1.0)
        elif m.group("wari"):
            v = float(m.group("wari")) / 10
        elif m.group("den"):
            v = float(m.group("num")) / max(float(m.group("den")), 1.0)
        else:
            word = m.group("word").lower()
            v = _fraction(word)
            if word in ("大半",):
                v = 0.7
        if 0 < v <= 1:
            tail = text[m.end() : m.end() + 40]
            per = _period_after(text, m.end()) or _period_before(text, m.start())
            of = re.match(
                r"\s*(?:of\s+)?(?:the|our|all|all the|my|their|those|these)\s+(?:\w+\s+)??([a-z]+)|\s*of\s+([a-z]{3,})",
                tail,
                re.IGNORECASE,
            )
            out.append(
                _Mention(
                    m.start(), m.end(), "share", v, None, per=per, noun=(of.group(1) or of.group(2)) if of else None
                )
            )
    return out


def _counts(text: str, taken: list[tuple[int, int]], lang: Lang) -> list[_Mention]:
    out = []
    for m in _COUNT.finditer(text):
        if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
            continue
        n, hi = _num(m.group("n")), _num(m.group("hi"))
        if n is None or re.match(r"\s*(?:%|％|割|分の|年|月|日|時|:|/\d)", text[m.end() : m.end() + 2]):
            continue
        head = text[max(0, m.start() - 12) : m.start()]
        if re.search(r"\b(?:each|every|this|that|which|the)\s*$", head, re.IGNORECASE) and m.group("n") == "1":
            continue  # "each one", "this one": a pronoun, not a count
        if re.match(r"(?:19|20)\d\d$", m.group("n")) and not m.group("ja"):
            year_word = re.search(r"\b(?:since|in|from|until|till|by|back to|of|year)\s*$", head, re.I)
            if year_word or re.match(r"\s*年(?!間)", text[m.end() : m.end() + 3]):
                continue  # a year ("since 2008"), not a count
        if re.search(r"\d/$", head) or re.match(r"/\d", text[m.end() : m.end() + 2]):
            continue  # 24/7, 3/4: not a count
        tail = text[m.end() : m.end() + 40]
        if _YEARS_OF_DATA.match(tail) or re.match(r"\s*(?:あたり|当たり|につき|ずつ|ごと)", tail):
            continue  # 「1店あたり」「1人あたり」 says what a figure is per, it counts nothing
        noun = m.group("ja") or _noun_after(tail)
        bare = tail.lstrip().removeprefix(MONEY_MARK) if noun != MONEY_MARK else tail
        per = _count_period_after(" " + bare.lstrip()) or _period_before(text, m.start(), near=True)
        within = None if per else _within(text, m.start(), tail, lang)
        out.append(_Mention(m.start(), m.end(), "count", n, hi, per=per, noun=noun, within=within))
    return out


_NOT_CONTAINER = (
    r"(?:of|the|a|an|our|other|day|night|shift|week|month|quarter|year|hour|minute|time|person|people|one|each|"
    r"日|週|月|年|時間|分|人|名|店|店舗|拠点|工場)s?"
)


def _within(text: str, start: int, tail: str, lang: Lang) -> str | None:
    """The thing a count is counted inside: "40 trials per project", "each project runs about 40 trials",
    「1件の開発で試作が平均40回」. Periods, people and sites say something else (per_site, per_person)."""
    if lang == "ja":
        head = text[max(0, start - 24) : start]
        m = re.search(
            r"(?:1|一)(?:件|つ|個|本|台|回|ロット|バッチ)?の?([^\d\s、。,]{1,8}?)(?:で|につき|あたり|当たり|ごとに)[、,]?[^、。\d]{0,12}$",
            head,
        )
    else:
        m = re.match(
            r"\s*(?:[a-z-]+\s+){0,2}?(?:per|for each|in each|in every|for every)\s+([a-z]+)", tail, re.I
        ) or re.search(
            r"\b(?:each|every|per)\s+([a-z]+)\s+(?:(?:we|i|they|you)\s+)?[a-z]+\s+"
            r"(?:(?:about|around|roughly|maybe|like|some|up to|over|~)\s*)?$",
            text[max(0, start - 40) : start],
            re.I,
        )
    if m and not re.fullmatch(_NOT_CONTAINER, m.group(1), re.I) and not re.fullmatch(lx.SITE_NOUN_EN, m.group(1), re.I):
        return m.group(1).lower()
    return None


_NOT_NOUN = {
    "a",
    "an",
    "the",
    "of",
    "or",
    "and",
    "to",
    "each",
    "per",
    "every",
    "in",
    "on",
    "at",
    "more",
    "other",
    "or so",
    "odd",
    "ish",
    "plus",
    "that",
    "which",
    "we",
    "i",
    "is",
    "are",
    "was",
    "were",
    "times",
    "time",
}
_MONEY_WORDS = {
    "lost",
    "loss",
    "gone",
    "down",
    "wasted",
    "spent",
    "total",
    "extra",
    "apiece",
    "worth",
    "bucks",
    "quid",
    "odd",
}
_ADJ = {"other", "more", "different", "new", "old", "big", "small", "full", "extra", "separate", "regular", "main"}


def _noun_after(tail: str) -> str | None:
    """The counted noun right after a number ("600 loads", "42 other shops"), or None."""
    if tail.lstrip().startswith(MONEY_MARK):
        # "2k each" is money; "3k invoices a month" counts invoices
        after = re.findall(r"[a-z][a-z-]*", tail.lstrip()[1:30].lower())
        return after[0] if after and after[0] not in _NOT_NOUN and after[0] not in _MONEY_WORDS else MONEY_MARK
    of = re.match(r"\s*of (us|them)\b", tail, re.IGNORECASE)
    if of:
        return f"of {of.group(1).lower()}"
    found = re.findall(r"[a-z][a-z-]*", tail[:30].lower())
    if found and found[0] in _ADJ:
        found = found[1:]
    return found[0] if found and found[0] not in _NOT_NOUN else None


_COST_VERB = re.compile(
    r"\b(?:costs?|worth|lose|loses|lost|losing|pay|paid|spend|spent|fines?|penalt\w*|charges?|bills?|write[- ]?offs?)"
    r"\b(?:(?!\b(?:and|but)\b)[^.,;]){0,24}$",  # within its clause: "lost revenue, and we make 3 a week" counts
    re.IGNORECASE,
)


def _bare_money(m: _Mention, text: str, currency: str | None) -> None:
    """A bare amount in a money context ("say 10k each", "we lose about 40k a month") is money in the
    interview's currency."""
    if m.kind != "count" or (m.noun and m.noun != MONEY_MARK) or currency is None:
        return
    if m.noun == MONEY_MARK:
        m.kind, m.currency, m.noun = "money", currency, None
        m.per = _period_after(text, m.end + 2) or m.per
        return
    tail = text[m.end : m.end + 12]
    head = text[max(0, m.start - 40) : m.start]
    if re.match(r"\s*(?:each|apiece|a piece|a pop)\b", tail, re.IGNORECASE) or _COST_VERB.search(head):
        m.kind, m.currency = "money", currency


def _kind(m: _Mention, clause: str, has_share: bool, lang: Lang) -> tuple[str, dict[str, object]] | None:
    head, tail = clause[max(0, m.start - 60) : m.start], clause[m.end : m.end + 40]
    head = re.sub(r"\beach of (?:us|them|the \w+)\b|\bevery one of us\b", " ", head, flags=re.IGNORECASE)
    head = re.split(r"[、,;]", head)[-1]  # "each" belongs to its own clause: 「1本あたり…、年間で約3000万円」 is yearly
    each = bool(_EACH_BEFORE.search(head) or _EACH_AFTER.match(tail))
    site_re = lx.SITE_NOUN_JA if lang == "ja" else lx.SITE_NOUN_EN
    near = clause[max(0, m.start - 16) : m.end + 24]  # per shop must be said next to the figure, not anywhere
    per_site = bool(re.search(rf"\b(?:per|each|a|every)\s+{site_re}|{site_re}(?:あたり|当たり|ごと|毎)", near, re.I))
    extra: dict[str, object] = {"per_site": per_site, "per_person": bool(lx.PER_PERSON.search(clause))}
    if m.kind == "money":
        if m.per == "hour":
            return "rate", extra
        if m.per and m.per != "event" and not each:
            return "money_total", extra
        return "cost_each", extra
    if m.kind == "time":
        if m.per and not each:
            return "time_total", extra
        return "time_each", extra
    if m.kind == "share":
        return "share", extra
    noun = (m.noun or "").lower()
    if re.fullmatch(r"(?:second|minute|hour|day|week|month|year|time)s?|日|時間|分|年|月", noun):
        return None  # "within 30 days", "5 years": a span of time counts nothing
    if m.within and not m.per and m.value > 1:
        return "per_each", {}
    if noun == "of us":
        return ("people", {}) if m.value > 1 else None  # "60 hours a week between the two of us": who, not how often
    if m.per:
        return ("base" if has_share else "events"), extra
    if noun and re.fullmatch(site_re, noun, re.IGNORECASE):
        return "sites", {}
    if noun and (re.fullmatch(lx.PEOPLE_NOUN_EN, noun, re.IGNORECASE) or noun in ("人", "名")):
        return ("people", {}) if m.value > 1 else None  # 「1人2時間」 says per person, it counts no one
    time_noun = re.fullmatch(r"(?:second|minute|hour|day|week|month|year|time)s?|日|時間|分|年|月", noun or "")
    if noun and noun != MONEY_MARK and m.value > 1 and not time_noun:
        return "base", {}  # a stock ("a 210 room hotel"): a share "of the rooms" each night applies to it
    return None


def read_quantities(text: str, lang: Lang, currency: str | None = None) -> list[Quantity]:
    """Every number in `text` that the value model can use, in order of mention. A figure given after a
    correction marker ("no wait", 「じゃなくて」) replaces the earlier figure of the same kind. `currency`:
    the interview's currency so far, for bare amounts ("say 10k each")."""
    out: list[Quantity] = []
    found = _MONEY.search(normalize_numbers(nfkc(text))[0])
    if found:
        currency = _CURRENCY_SYMBOL.get(found.group("sym") or "") or next(
            c for w, c in _CURRENCY_WORD if re.fullmatch(w, found.group("word") or "", re.IGNORECASE)
        )
    currency = currency or ("JPY" if lang == "ja" else "USD")
    for sentence in sentences(nfkc(text)):
        for q, corrected in _sentence_quantities(sentence, lang, currency):
            if corrected:
                out = [k for k in out if k.kind != q.kind]
            out.append(q)
    if lx.EVERY_DAY.search(text):
        # "we're open every night" in one sentence makes every per-day figure of the message run 365 days
        out = [q.model_copy(update={"every_day": True}) if q.per in ("day", "shift") else q for q in out]
    return out


def _inherit(mentions: list[_Mention], marks: list[int]) -> None:
    """A bare number after a correction takes the unit of the figure it corrects ("9,000 euros, no wait,
    more like 4,000")."""
    for i, m in enumerate(mentions):
        if m.kind != "count" or m.per or m.noun or not any(p < m.start for p in marks):
            continue
        before = [x for x in mentions[:i] if x.kind in ("money", "time") and any(x.end <= p < m.start for p in marks)]
        if before:
            src = before[-1]
            m.kind, m.currency, m.per = src.kind, src.currency, src.per


_BARE_PERIOD = re.compile(
    r"(?:no wait|sorry|i mean|no|actually|correction)[,\s]+(?:no[,\s]+)?(?:it'?s\s+|make that\s+)?(?:a|per|every)\s+"
    r"(day|week|month|year|shift|quarter)\b|(?:いや|じゃなくて|ではなく|すみません)[、,\s]*(?:1)?(日|週|月|年)(?:に|で|です)",
    re.IGNORECASE,
)


def _corrected_period(mentions: list[_Mention], text: str) -> None:
    """ "30 returns a week, sorry, no, a day": a correction that gives only a period changes the figure before it."""
    for m in _BARE_PERIOD.finditer(text):
        before = [x for x in mentions if x.end <= m.start() and x.per]
        if before:
            word = m.group(1) or m.group(2)
            before[-1].per = _period(word) or lx.PERIOD_JA.get(word or "")


_OCCASIONAL_EN = re.compile(
    r"\b(?:once|one time|sometimes|occasionally|at worst|worst case|in the worst case|can|could|might|may)\b", re.I
)


def _occasional(text: str, m: _Mention) -> bool:
    """ "A missed defect once cost us $90k", "it can cost up to $50k", 「数百万円の損になることもあります」: a loss that
    happens now and then, said in the clause of the amount."""
    clause_start = max(text.rfind(c, 0, m.start) for c in ".;。") + 1  # the sentence: "once cost us X, about $90k"
    head = text[clause_start : m.start]
    tail = re.split(r"[.;。]", text[m.end : m.end + 30])[0]
    if re.search(r"(?:こと|場合)も(?:ある|あり|あります)|ことがある|ことがあります|場合がある|かねない", tail):
        return True
    return bool(_OCCASIONAL_EN.search(head))


def _denied(text: str, m: _Mention) -> bool:
    if re.match(r"[^、。,.\d]{0,8}?(?:じゃなくて|じゃなく|ではなくて|ではなく|でなく)", text[m.end : m.end + 16]):
        return True
    return bool(
        re.search(
            r"\bnot\s+(?:just\s+|only\s+)?(?:about\s+|around\s+)?[$€£¥]?$", text[max(0, m.start - 24) : m.start], re.I
        )
    ) and bool(re.match(r"[^.;]{0,30}?\bbut\b", text[m.end : m.end + 40], re.I))


#: 「300万」「1億2千万」 with no counter after it: in a money answer that is yen.
_JA_BARE_MONEY = re.compile(JA_COMPOUND.pattern + r"(?<=[万億])(?![\d千百円人件回個台本枚時分日週月年名店])")


def _sentence_quantities(sentence: str, lang: Lang, currency: str) -> list[tuple[Quantity, bool]]:
    if lang == "ja":
        # 「300万」 in a money answer means yen even without 円
        sentence = _JA_BARE_MONEY.sub(r"\g<0>円", sentence)
    norm, vague = normalize_numbers(sentence, keep_ranges=True, mark_money=True)
    norm = canonical_units(norm)
    money, time = _money(norm), _time(norm)
    spans = [(m.start, m.end) for m in money + time]
    shares = [x for x in _shares(norm) if not any(a <= x.start < b for a, b in spans)]  # "half a day" is time
    taken = spans + [(m.start, m.end) for m in shares]
    hourly = [x for x in money if x.per == "hour"]
    # the "1時間" / "an hour" that makes a loss per hour is no time spent
    time = [t for t in time if not (t.value == 1 and any(x.start - 60 <= t.start < x.start for x in hourly))]
    mentions = sorted(money + time + shares + _counts(norm, taken, lang), key=lambda x: x.start)
    # 「1ラインじゃなくて工場全体で」, "not 40 but 400": the figure said only to be denied counts for nothing
    mentions = [m for m in mentions if not _denied(norm, m)]
    marks = [m.start() for m in _CORRECTION.finditer(norm)]
    _inherit(mentions, marks)
    _corrected_period(mentions, norm)
    for m in mentions:
        _bare_money(m, norm, currency)
    every_day = bool(lx.EVERY_DAY.search(sentence))
    found: list[tuple[Quantity, int]] = []
    days = _DAYS.search(norm)
    window = days and re.search(r"\bwithin\s*$", norm[max(0, days.start() - 8) : days.start()])
    if days and (window or "以内" in norm[days.end() : days.end() + 3]):
        days = None  # "within 30 days" is a window, not a season
    if days:
        n = float(days.group("n") or days.group("m"))
        if 0 < n <= 366:
            found.append((Quantity(kind="days", value=n, quote=sentence.strip()[:200]), days.start()))
            mentions = [m for m in mentions if not (days.start() <= m.start < days.end())]
    for m in mentions:
        kind = _kind(m, norm, bool(shares), lang)
        if kind is None:
            continue
        name, extra = kind
        per = m.per if name in ("events", "base", "money_total", "time_total", "share") else None
        if name == "base" and m.kind == "count" and not m.per:
            per = None
        q = Quantity(
            kind=name,  # type: ignore[arg-type]
            value=m.value,
            high=m.high if m.high is not None and m.high > m.value else None,
            currency=m.currency if name in ("cost_each", "money_total", "rate") else None,  # type: ignore[arg-type]
            per=per,  # type: ignore[arg-type]
            every_day=every_day and per in ("day", "shift"),
            per_person=bool(extra.get("per_person")) and name in ("time_each", "time_total"),
            per_site=bool(extra.get("per_site"))
            and name in ("money_total", "cost_each", "events", "base", "time_total"),
            of=m.noun if m.kind in ("count", "share") else None,
            quote=sentence.strip()[:200],
            approximate=vague or bool(re.search(r"弱|強|ちょっと|ish\b", norm[m.end : m.end + 4])),
            occasional=name == "cost_each" and _occasional(norm, m),
        )
        found.append((q, m.start))
    out: list[tuple[Quantity, bool]] = []
    for i, (q, at) in enumerate(found):
        earlier = [(k, a) for k, a in found[:i] if k.kind == q.kind]
        corrected = bool(marks) and any(a < p < at for _, a in earlier for p in marks)
        if corrected:
            out = [(k, c) for k, c in out if k.kind != q.kind]
        starts_corrected = not earlier and any(p < at for p in marks) and at < 40
        out.append((q, corrected or starts_corrected))
    return out
