"""What a number is per: the period words attached to it ("a week", "last year", 「月に」「毎日」)."""

from __future__ import annotations

import re

from assistant.understanding import lexicon as lx

_PER_BEFORE_JA = re.compile(
    r"(?<![今去昨来先翌前])(?P<p>年間|月間|週間|年産|月産|週産|日産|年|月|週|日|1日|一日|毎日|毎朝|毎晩|毎週|毎月|毎年|1年|1か月|1ヶ月|"
    r"1カ月|1週間)"
    r"(?:に|で|あたり|当たり|間|の)?\s*(?:1人|一人|ひとり|各自|それぞれ)?(?:あたり|当たり)?\s*(?:約|およそ|だいたい|大体|ざっと|ざっくり|平均|ほぼ|最低|最大|延べ|のべ|合計|トータル|\.\.\.|…|、|えー|えーと|えっと|あー|まあ|うーん|たぶん|多分|大体で)*\s*$"
)
#: 「年間でトンネル30本」「1日にトラックが300台」: the period opens the clause and the counted thing sits between it
#: and the number (a count's period; no other number in between)
_PER_TOPIC_JA = re.compile(
    r"(?<![今去昨来先翌前正例\d])(?P<p>年間|1年間?|毎年|月間|1か月|1ヶ月|1カ月|毎月|1週間|毎週|1日|毎日|年|月|週)"
    r"(?:で|に|あたり|当たり)(?:は)?"
    r"[^\d、。,.!?]{1,12}$"
)


def period_of(word: str | None) -> str | None:
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
    r"^\s*(?:弱|強|ちょっと|くらい|ぐらい|ほど|程度|前後)?\s*(?:ですね|です|かな)?[、,]?\s*(?:1|一)?(年|月|週|日)(?:間)?(?:で|に|あたり|当たり|の|です)|"
    r"^\s*(?:くらい|ほど)?\s*(?:が|は|も)\s*毎(年|月|週|日)"  # 「5%が毎年やめて」: the share is per year
)


def period_after(text: str, end: int) -> str | None:
    """The first period attached after a number, within its clause ("30k of bread per store a month",
    "$3.2 million last fiscal year", 「2億弱ですね、年で」)."""
    ja = _JA_PERIOD_AFTER.match(text[end : end + 20])
    if ja:
        return lx.PERIOD_JA[ja.group(1) or ja.group(2)]
    window = re.split(r"[,;.!?、。]|\band\b|\bbut\b", text[end : end + 48], maxsplit=1)[0]
    window = re.split(r"[$€£¥]?\d", window, maxsplit=1)[
        0
    ]  # "6 to 10 hours at $15,000 an hour": the hour is the money's
    last = _LAST_PERIOD.search(window)
    if last and not re.search(r"\b(?:a|an|per|each|every)\s+\w+", window[: last.start()]):
        return period_of(last.group(1) or last.group(2) or "year")
    for m in _ATTACH.finditer(window):
        found = period_of(m.group(1) or m.group(2)) or period_of(m.group(3))
        if found:
            return found
    return None


_COUNT_PERIOD = re.compile(
    r"^\s*(?:[\w-]+\s+){0,3}?(?:\b(?:a|an|per|each|every|in a)\s+|/\s*)(\w+)|^\s*(?:[\w-]+\s+){0,2}?(hourly|daily|nightly|weekly|"
    r"monthly|quarterly|yearly|annually|last year|this year|a year)\b",
    re.IGNORECASE,
)


def count_period_after(tail: str) -> str | None:
    """A count's period must follow it closely ("600 loads a week", "15 a month"), not three clauses on;
    "within 30 days" is a window, not how often."""
    tail = re.sub(r"^(\s*[\w-]+)?\s+within \d+\s+\w+", r"\1", tail, flags=re.IGNORECASE)
    m = _COUNT_PERIOD.match(tail[:40])
    if not m:
        return None
    word = (m.group(1) or m.group(2) or "").lower()
    return period_of(word) or ("year" if "year" in word else None)


_FILLER_EN = re.compile(
    r"\s*(?:uh+|um+|erm?|hmm+|like|maybe|i think|i guess|i'?d say|say|so|well|you know|honestly|actually)?\s*", re.I
)


def period_before(text: str, start: int, near: bool = False) -> str | None:
    sentence_head = re.split(r"(?<!\.)[.!?](?!\.)|[。！？]", text[max(0, start - 90) : start])[-1]  # "..." is a pause
    last = re.search(
        r"\b(?:last|this|past|previous) (?:fiscal |financial |calendar )?(year|month|week|quarter)\b",
        sentence_head,
        re.I,
    )
    if last and not re.search(r"\d", sentence_head[last.end() :].replace(" ", "")[:0]):
        return period_of(last.group(1))  # "last year outside counsel billed us about $380k"
    head = text[max(0, start - 28) : start]
    clause_ja = re.split(r"[、。,]", head)[-1]
    sentence_ja = re.split(r"[。]", head if len(head) > 40 else text[max(0, start - 60) : start])[-1]
    if not near and re.search(r"(?:去年|昨年|昨年度|前期|今年|今年度)(?:は|で|の|に|も)?", sentence_ja):
        return "year"  # 「去年は100万円くらい損した」: one year's loss
    fee = re.search(
        r"(月謝|月額|月会費|年会費|年額|日額)(?:は|が|で|の)?(?:平均|だいたい|大体|約|およそ)?(?:で)?\s*$", head
    )
    if fee:
        return {"月": "month", "年": "year", "日": "day"}[fee.group(1)[0]]  # 「月会費は平均8,000円」: a monthly fee
    m = (
        _PER_BEFORE_JA.search(head)
        or _PER_TOPIC_JA.search(clause_ja)
        or (None if near else re.search(r"(?P<p>毎日|毎朝|毎晩|毎週|毎月|毎年)", clause_ja))
    )
    if m:
        key = re.sub(r"^(?:毎|1|一)", "", m.group("p")).replace("間", "") or "日"
        key = {"か月": "月", "ヶ月": "月", "カ月": "月", "週": "週"}.get(key, key)
        return lx.PERIOD_JA.get(key) or lx.PERIOD_JA.get(key[:1])
    segments = re.split(r"[,;.!?]", text[max(0, start - 48) : start])
    while len(segments) >= 2 and _FILLER_EN.fullmatch(segments[-2]):
        del segments[-2]  # "every month we get, uh, like 20": a filler between the period and its number
    head = segments[-1]
    if len(segments) >= 2 and (
        re.fullmatch(r"\s*(?:every|each|per|a|once a|twice a)\s+\w+\s*", segments[-2], re.I)
        or re.match(r"\s*(?:every|each|per)\s+(?:day|night|shift|week|month|quarter|year)\b", segments[-2], re.I)
    ):
        head = segments[-2] + " " + head  # "Every week, about 20 hours": a leading period adverbial
    m = re.search(
        # "a" makes a period only after a count ("twice a week, …", "3 hours a day, …"); "misjudging a shift by…"
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
        return period_of(last.group(1))
    m = re.search(r"\b(daily|nightly|weekly|monthly|quarterly|yearly|annually)\b[^.]{0,20}$", head, re.IGNORECASE)
    return lx.PERIOD_ADVERB_EN[m.group(1).lower()] if m else None
