"""Numbers with the unit next to them: money, durations, shares and counted nouns, as mentions in a sentence."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.numbers import MONEY_MARK, NUM
from assistant.understanding import lexicon as lx
from assistant.understanding.periods import count_period_after, period_after, period_before
from assistant.vocabulary import Lang

CURRENCY_SYMBOL = {"$": "USD", "＄": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "￥": "JPY"}


CURRENCY_WORD = [
    (r"dollars?|bucks|usd", "USD"),
    (r"euros?|eur", "EUR"),
    (r"pounds|quid|gbp", "GBP"),
    (r"yen|jpy|円", "JPY"),
]


def _range(tag: str = "") -> str:
    """A number, or a range of two ("10-20", "3 or 4", 「20〜30」), as named groups n<tag> and hi<tag>."""
    return (
        rf"(?P<n{tag}>{NUM})(?:\s*(?:-|–|~|〜|to|or|から|、(?=\d+(?:\.\d+)?\s*[件回台個本人日時万千円]))\s*[$€£¥]?"
        rf"(?P<hi{tag}>{NUM}))?"
    )


_RANGE = _range()


MONEY = re.compile(
    rf"(?P<sym>[$＄€£¥￥])\s*{_range('1')}|{_range('2')}\s*(?P<word>dollars?|bucks|usd|euros?|eur|pounds|quid|gbp|"
    r"yen|jpy|円|cents?\b|¢|pence\b)",
    re.IGNORECASE,
)
#: A hundredth of the currency named: "18 cents a part" is $0.18 (euro cents in a euro interview), "40 pence" £0.40.
_HUNDREDTH = {"cent": None, "cents": None, "¢": None, "pence": "GBP"}


_TIME = re.compile(
    rf"(?P<special>1 day and a half|a day and a half|half (?:a|the|my|our|his|her|their) (?:work ?)?day|half a shift|半日|1日半|丸1日|丸一日|"
    rf"half an hour|30分|(?:an|one) hour(?= (?:a|per|each|every) (?:day|week|month|shift)\b))|{_RANGE}\s*(?P<unit>hours?|hrs?|h(?![a-z])|minutes?|mins?|min(?![a-z])|seconds?|secs?|秒|person[- ]days?|"
    r"man[- ]days?|(?:working )?days?(?= (?:of work|each|per|a|every|to)\b)|時間|分(?!の)|人日)",
    re.IGNORECASE,
)


_SHARE = re.compile(
    rf"(?:(?:\bbetween\s+(?P<blo>{NUM})\s*%?\s+and|(?P<plo>{NUM})\s*%?\s*(?:-|–|~|〜|to|or|、))\s*)?"
    rf"(?P<pct>{NUM})\s*(?:%|％|percent|per cent|パーセント)|"
    rf"(?P<one>{NUM})\s*(?:in|out of)\s*(?P<every>{NUM})(?!\s*(?:%|hours?|days?|weeks?))|"
    rf"(?:(?P<wlo>{NUM})\s*割?\s*(?:-|–|~|〜|から|、)\s*)?(?P<wari>{NUM})\s*割|(?P<den>{NUM})\s*分の\s*(?P<num>{NUM})|"
    r"(?P<halfpct>\bhalf (?:a|of a|of one) ?(?:percent|per cent|%|percentage point))|"
    r"(?P<word>\bhalf\b(?!-)(?! (?:empty|full|asleep|awake|joking|dead|done|baked)\b)|\b(?:a|one|two|three|four|[1-9])\s+(?:third|quarter|fifth|sixth|eighth|tenth|twentieth)s?\b(?!-)|半分|半数|大半)(?:\s+of)?",
    re.IGNORECASE,
)


_COUNT = re.compile(
    rf"{_RANGE}\s*(?P<ja>件|回|度|台|個|本|枚|便|ロット|バッチ|人|名|店舗|店|拠点|工場|ライン|頭|箱|社|通|検体|室|部屋|"
    r"棟|か所|箇所|カ所|ヶ所)?",
)


_YEARS_OF_DATA = re.compile(r"^\s*(?:years?|年分|年間分|か月分|ヶ月分)", re.IGNORECASE)


@dataclass
class Mention:
    start: int
    end: int
    kind: str
    value: float
    high: float | None
    currency: str | None = None
    per: str | None = None
    noun: str | None = None
    within: str | None = None  # "12 samples per batch": the thing each of which holds this many


def _num(s: str | None) -> float | None:
    return float(s.replace(",", "")) if s else None


_PER_HOUR_HEAD = re.compile(
    r"(?:1|一)時間(?:[^、。,.\d]{0,8}?)(?:と|で|ごとに|につき)[、,]?[^、。,.\d]{0,8}$|"
    r"\b(?:an|one|1|each|every|per) hour (?:of [a-z-]+|(?:the|our) [a-z ]{2,20}? (?:is|are|sits?|stands?) "
    r"(?:down|idle|stopped))\s+(?:costs?|is worth|loses?|means)(?: us)?(?: about| around| roughly)?\s*$",
    re.IGNORECASE,
)


_SPAN_UNIT_EN = r"(?P<u>day|week|month|year)s?\b"
_SPAN = re.compile(
    rf"\banother\s+(?:about\s+|around\s+|roughly\s+)?(?P<n>{NUM})\s+{_SPAN_UNIT_EN}|"
    rf"\b(?P<n2>{NUM})\s+more\s+(?P<u2>day|week|month|year)s?\b|"
    rf"\b(?:lasts?|lasted|sits?\s+(?:empty|vacant|idle)(?:\s+for)?|stays?\s+(?:empty|vacant|open)(?:\s+for)?|"
    rf"would(?:'ve|\s+have)\s+stayed(?:\s+for)?)\s+(?:about\s+|around\s+|roughly\s+|maybe\s+)?(?P<n3>{NUM})\s+"
    rf"(?P<u3>day|week|month|year)s?\b|"
    rf"あと(?:平均で?|だいたい|大体)?(?P<n4>{NUM})\s*(?P<u4>ヶ月|か月|カ月|年|週間|日)|"
    rf"(?P<n5>{NUM})\s*(?P<u5>ヶ月|か月|カ月|年|週間|日)(?:間)?(?:くらい|ほど|ぐらい)?(?:は|も)?(?:続|通|残|空い|埋まらな|延び|伸び|遅れ|ずれ)|"
    # a delay each loss causes: "each miss pushes the sale back 3 weeks", "delays delivery by 10 days"
    rf"\b(?:delays?|delayed|pushes|pushed|sets?)\s+(?:[a-z]+\s+){{0,3}}?(?:back\s+|by\s+)(?:about\s+|around\s+|roughly\s+)?"
    rf"(?P<n6>{NUM})\s+(?P<u6>day|week|month|year)s?\b",
    re.IGNORECASE,
)
_SPAN_PER = {"ヶ月": "month", "か月": "month", "カ月": "month", "年": "year", "週間": "week", "日": "day"}
_PER_DELAY = re.compile(
    r"(?:1|一)(日|週間)(?:でも)?(?:延び|伸び|遅れ|ずれ)(?:ると|たら|れば)[^。]{0,20}$|"
    r"\b(?:each|every|a|per)\s+(day|week)\s+(?:of\s+delay|late|longer|it\s+slips|it'?s\s+late)\b[^.]{0,20}$",
    re.IGNORECASE,
)


def span_mentions(text: str) -> list[Mention]:
    """How long one loss lasts: "another 10 months", "2 more years", "a vacancy lasts 3 weeks", 「あと6ヶ月」."""
    out = []
    for m in _SPAN.finditer(text):
        k = next(i for i in ("", "2", "3", "4", "5", "6") if m.group(f"n{i}"))
        unit = m.group(f"u{k}").lower()
        n = _num(m.group(f"n{k}"))
        if n is not None and n > 0:
            out.append(Mention(m.start(f"n{k}"), m.end(f"u{k}"), "span", n, None, per=_SPAN_PER.get(unit, unit)))
    return out


#: An hourly cost named just before its figure: 「時給3,000円」, and with the words people put between them
#: (「時給換算で3,000円」「時給にすると2,500円くらい」「時給で約4,000円」「1時間あたり」)
_HOURLY_HEAD = re.compile(
    r"(?:(?:時給|時間単価|時間あたりの?単価|時間当たりの?単価)(?:換算|ベース)?(?:で|は|が|だと|に(?:する|直す|換算する)と|にして)?"
    r"(?:1人|一人|ひとり)?(?:あたり|当たり)?|1時間(?:あたり|当たり|につき)?)"
    r"(?:だいたい|大体|約|およそ|ざっと|平均(?:で)?)?\s*$"
)


def money_mentions(text: str) -> list[Mention]:
    out = []
    for m in MONEY.finditer(text):
        word = (m.group("word") or "").lower()
        n = _num(m.group("n1") or m.group("n2"))
        hi = _num(m.group("hi1") or m.group("hi2"))
        if n is None:
            continue
        cur: str | None
        if word in _HUNDREDTH:
            cur, n, hi = _HUNDREDTH[word], n / 100, (hi / 100 if hi is not None else None)  # the interview's currency
        else:
            cur = CURRENCY_SYMBOL.get(m.group("sym") or "") or next(
                c for w, c in CURRENCY_WORD if re.fullmatch(w, word, re.IGNORECASE)
            )
        head = text[max(0, m.start() - 14) : m.start()]
        tail = text[m.end() : m.end() + 16]
        per = period_after(text, m.end()) or period_before(text, m.start())
        if per is None and re.match(
            r"\s*(?!(?:of\s+)?(?:lost|missed|forgone)\b)(?:\w+\s+){0,2}?(?:budget|revenue|turnover|sales|wage bill|payroll|salary bill|spend)\b",
            tail,
            re.I,
        ):
            per = "year"  # a budget, a wage bill or revenue is a yearly figure unless said otherwise
        if _PER_HOUR_HEAD.search(text[max(0, m.start() - 60) : m.start()]):
            per = "hour"  # 「ラインが1時間止まると50万円」, "every hour the kiln is down costs $12k": a loss per hour
        delay = _PER_DELAY.search(text[max(0, m.start() - 50) : m.start()])
        if delay:  # 「1日延びると1000円」, "each week of delay costs $400": a loss per day or week a thing slips
            per = _SPAN_PER.get(delay.group(1) or "", (delay.group(1) or delay.group(2) or "day").lower())
        if _HOURLY_HEAD.search(head) or re.match(r"\s*(?:an|per|/|a)\s*(?:hour|hr|h)\b|\s*/時間?", tail, re.IGNORECASE):
            per = "hour"
        out.append(Mention(m.start(), m.end(), "money", n, hi, currency=cur, per=per))
    return out


def time_mentions(text: str) -> list[Mention]:
    out = []
    for m in _TIME.finditer(text):
        special = (m.group("special") or "").lower()
        if special:
            hours = {"半日": 4.0, "1日半": 12.0, "丸1日": 8.0, "丸一日": 8.0, "half an hour": 0.5, "30分": 0.5}.get(
                special, 12.0 if "and a half" in special else 1.0 if special.endswith(" hour") else 4.0
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
        if re.search(r"\b(?:within|after|for the last|past|last|every|in|first|the first)\s+$", head, re.IGNORECASE):
            continue
        if re.search(
            r"\b(?:adds?|added|delays?|delayed|late by|waits?(?: for)?|holds? \w+(?: \w+)? up for)\s+(?:about |around |roughly |another |an extra )?$",
            head,
            re.I,
        ):
            continue  # "adds about three days each", "holds the truck up for a day": a delay, not work
        if re.match(r"\s*(?:later|ago|after|before|ahead|early|earlier|out|from now|後|前|以内|先|早く|の間に)", tail):
            continue
        if re.match(
            r"\s*(?:単位|刻み|ごと|おき|[- ]?(?:slots?|intervals?|increments?|blocks?|buckets?)\b)", tail, re.I
        ):
            continue  # 「15分単位で」, "in 15-minute slots": a granularity, not time spent
        per = period_after(text, m.end()) or period_before(text, m.start())
        if special.startswith("half ") and re.search(r"\b(?:my|our|his|her|their) (?:work ?)?day$", special):
            per = per or "day"  # "half of my day": a share of every working day, not half a day once
        if per == "hour":
            continue
        out.append(Mention(m.start(), m.end(), "time", n, hi, per=per))
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


#: after a share, in the same sentence: "the other 4 are wasted", "the rest are false alarms", 「残りは無駄足」
#: "we recover maybe a third of it", 「3割は回収できる」: the part got back is no loss, the rest is
_RECOVERED = re.compile(
    r"\b(?:recover|get back|claw back|recoup|win back)\w*\s+(?:maybe\s+|about\s+|around\s+)?$", re.I
)
_RECOVERED_JA = re.compile(r"[^。、]{0,6}?(?:回収でき|取り戻せ|戻ってく|返ってく)")
_REST_IS_THE_PAIN = re.compile(
    r"[^.。;?!]*?(?:\bthe other(?:\s+\d+)?\b|\bthe rest\b|\bthe remaining\b|\ball the others\b|残り|それ以外|ほかは|他は)"
    r"[^.。;?!]{0,40}?(?:\bwasted?\b|\bfor nothing\b|\bfalse (?:alarms?|positives?)\b|\blost\b|\buseless\b|"
    r"\bpointless\b|\bno good\b|\bnothing\b|無駄|空振り|外れ|意味が?ない)",
    re.IGNORECASE,
)


_WORTH = re.compile(r"\s*(?:of\s+(?:[a-z-]+\s+){0,3}?)?(?:is|are|was)\s+worth\b", re.IGNORECASE)


def share_mentions(text: str) -> list[Mention]:
    out = []
    for m in _SHARE.finditer(text):
        hi = None  # "10 to 15%", 「1〜2割」: a range of shares keeps both ends
        if m.group("pct"):
            v = float(m.group("pct")) / 100
            low = m.group("plo") or m.group("blo")
            if low and float(low) < float(m.group("pct")):
                v, hi = float(low) / 100, v
        elif m.group("one"):
            v = float(m.group("one")) / max(float(m.group("every")), 1.0)
        elif m.group("wari"):
            v = float(m.group("wari")) / 10
            if m.group("wlo") and float(m.group("wlo")) < float(m.group("wari")):
                v, hi = float(m.group("wlo")) / 10, v
        elif m.group("den"):
            v = float(m.group("num")) / max(float(m.group("den")), 1.0)
        elif m.group("halfpct"):
            v = 0.005  # "half a percent of protein": a half of one percent, not a half
        else:
            word = m.group("word").lower()
            before = text[max(0, m.start() - 24) : m.start()]
            if re.fullmatch(r"a\s+quarter", word) and re.search(
                r"(?:\d[\d.,]*\s*(?:[a-z-]+\s+)?|\b(?:times|once|twice)\s+)$", before
            ):
                continue  # "8 incidents a quarter", "twice a quarter": a period, not a share
            v = _fraction(word)
            if word in ("大半",):
                v = 0.7
        if _WORTH.match(text[m.end() : m.end() + 40]):
            continue  # "half a percent of protein is worth $8 a tonne": what a difference is worth, no share of a count
        recovered = _RECOVERED.search(text[max(0, m.start() - 30) : m.start()]) or _RECOVERED_JA.match(
            text[m.end() : m.end() + 16]
        )
        if 0 < v <= 1 and (recovered or _REST_IS_THE_PAIN.match(text[m.end() : m.end() + 90])):
            # "we win 1 in 5, the other 4 are wasted": the pain is the rest, not the share said
            v, hi = (1 - hi if hi is not None else 1 - v), (1 - v if hi is not None else None)
        if 0 < v <= 1:
            tail = text[m.end() : m.end() + 40]
            per = period_after(text, m.end()) or period_before(text, m.start())
            of = re.match(
                r"\s*(?:of\s+)?(?:the|our|all|all the|my|their|those|these)\s+(?:\w+\s+)??([a-z]+)|\s*of\s+([a-z]{3,})",
                tail,
                re.IGNORECASE,
            )
            noun = (of.group(1) or of.group(2)) if of else None
            if re.match(r"\s*(?:of\s+)?(?:those|these)\b", tail, re.IGNORECASE):
                noun = "those"  # "half of those runs": points back at what was just counted, whatever its name
            out.append(Mention(m.start(), m.end(), "share", v, hi, per=per, noun=noun))
    return out


_CLOCK = re.compile(r"\s*(?:[ap]\.?m\b\.?|o'?clock\b)", re.IGNORECASE)


def count_mentions(text: str, taken: list[tuple[int, int]], lang: Lang) -> list[Mention]:
    out = []
    for m in _COUNT.finditer(text):
        if any(s <= m.start() < e or s < m.end() <= e for s, e in taken):
            continue
        n, hi = _num(m.group("n")), _num(m.group("hi"))
        if n is None or re.match(r"\s*(?:%|％|割|分の|年|月|日|時|:|/\d)", text[m.end() : m.end() + 2]):
            continue
        if _CLOCK.match(text, m.end()):
            continue  # "short at 9am on a monday": a time of day counts nothing
        head = text[max(0, m.start() - 12) : m.start()]
        if m.group("n") == "1" and re.search(
            r"\b(?:each|every|this|that|which|the)\s*$|\b(?:a|an|the|this|that)\s+[a-z]+\s*$", head, re.IGNORECASE
        ):
            continue  # "each one", "this one", "last year was a bad one": a pronoun, not a count
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
        if noun and re.fullmatch(r"(?:thing|problem|issue|headache|pain|question|topic|idea)s?", noun, re.I):
            continue  # "two headaches": how the employee counts their own points, not a quantity
        if re.search(r"(?:悩み|困りごと|問題|課題|話)が?\s*$", head) and re.match(r"\s*つ", tail):
            continue
        bare = tail.lstrip().removeprefix(MONEY_MARK) if noun != MONEY_MARK else tail
        per = count_period_after(" " + bare.lstrip()) or period_before(text, m.start(), near=True)
        within = None if per else _within(text, m.start(), tail, lang)
        out.append(Mention(m.start(), m.end(), "count", n, hi, per=per, noun=noun, within=within))
    return out


_NOT_CONTAINER = (
    r"(?:of|the|a|an|our|other|day|night|shift|week|month|quarter|year|hour|minute|time|person|people|one|each|"
    r"日|週|月|年|時間|分|人|名|店|店舗|拠点|工場)s?"
)


def _within(text: str, start: int, tail: str, lang: Lang) -> str | None:
    """The thing a count is counted inside: "12 samples per batch", "each audit pulls about 25 files",
    「1つの案件で見積もりを平均6回」. Periods, people and sites say something else (per_site, per_person)."""
    if lang == "ja":
        head = text[max(0, start - 24) : start]
        m = re.search(
            r"(?:1|一)(?:件|つ|個|本|台|回|ロット|バッチ)?の?([^\d\s、。,]{1,8}?)(?:で|につき|あたり|当たり|ごとに)[、,]?[^、。\d]{0,12}$",
            head,
        )
    else:
        m = re.match(
            r"\s*(?:[a-z-]+\s+){0,2}?(?:per|for each|in each|in every|for every|a|an)\s+([a-z]+)", tail, re.I
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
    "since",  # "$24 an hour, no, 26 since january": a corrected figure, not 26 of something
}


_MONEY_WORDS = {
    "all",  # "1.5k all in": money, not 1,500 of something
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


_ADJ = {
    "other",
    "more",
    "different",
    "new",
    "old",
    "big",
    "small",
    "full",
    "extra",
    "separate",
    "regular",
    "main",
    "full-time",
    "part-time",
    "senior",
    "junior",
}


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
