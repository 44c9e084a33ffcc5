"""Reading numbers as the value model needs them: each with its unit, what it is per, and what it measures.

A mention is a number with the unit next to it (a currency, a duration, a percent or ratio, a counted noun
or a Japanese counter). What it is per comes from the words attached to it in the same clause ("a week",
"each", "per shop", 「1件あたり」「月に」), and its kind follows from unit + attachment: money per period
is a total, money each is a cost per event, a count per period is how often, and so on. A correction
("no wait", 「じゃなくて」) inside one message replaces the earlier figure of the same kind.
"""

from __future__ import annotations

import re

from assistant.core.update import Quantity
from assistant.numbers import JA_COMPOUND, MONEY_MARK, normalize_numbers
from assistant.understanding import lexicon as lx
from assistant.understanding.mentions import (
    CURRENCY_SYMBOL,
    CURRENCY_WORD,
    MONEY,
    Mention,
    count_mentions,
    money_mentions,
    share_mentions,
    span_mentions,
    time_mentions,
)
from assistant.understanding.periods import period_after, period_of
from assistant.understanding.readings import (
    costs_little,
    days_a_week,
    denied,
    every_years,
    no_loss,
    occasional,
    one_year_dropped,
    one_year_only,
    season,
    shift_hours,
)
from assistant.understanding.text import nfkc, sentences
from assistant.understanding.units import canonical_units
from assistant.vocabulary import Lang

_EACH_BEFORE = re.compile(
    r"(?:\beach\b(?: one| time| of them)?|\bper (?:\w+)|\bevery (?:one|time)|"
    r"(?:1|一)(?:件|回|台|個|本|枚|便|ロット|バッチ|箱)(?:あたり|当たり|につき)?|(?:1|一)(?:人|名)(?:あたり|当たり|につき)|それぞれ)"
    r"[^.。!?]{0,25}$",
    re.IGNORECASE,
)


_EACH_AFTER = re.compile(
    r"^\s*¤?\s*(?:each|a piece|apiece|per (?:item|unit|case|call|ticket|load|job|claim|order|event|incident|one|time|batch|"
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


_COST_VERB = re.compile(
    r"\b(?:costs?|worth|lose|loses|lost|losing|pay|paid|spend|spent|fines?|penalt\w*|charges?|bills?|write[- ]?offs?)"
    r"\b(?:(?!\b(?:and|but)\b)[^.,;]){0,24}$",  # within its clause: "lost revenue, and we make 3 a week" counts
    re.IGNORECASE,
)


def _bare_money(m: Mention, text: str, currency: str | None) -> None:
    """A bare amount in a money context ("say 10k each", "we lose about 40k a month") is money in the
    interview's currency."""
    if m.kind != "count" or (m.noun and m.noun != MONEY_MARK) or currency is None:
        return
    if m.noun == MONEY_MARK:
        m.kind, m.currency, m.noun = "money", currency, None
        m.per = period_after(text, m.end + 2) or m.per
        return
    tail = text[m.end : m.end + 12]
    head = text[max(0, m.start - 40) : m.start]
    if re.match(r"\s*(?:each|apiece|a piece|a pop)\b", tail, re.IGNORECASE) or _COST_VERB.search(head):
        m.kind, m.currency = "money", currency


#: "an account is worth", "one idle press costs us about": an amount said of one item, not of the whole pain
_ONE_ITEM = re.compile(
    r"(?:\b(?:a|an|one|each|every|per)|(?<![\d.,])\b1)\s+(?:[a-z-]+\s+){0,2}?(?:is worth|are worth|costs?|brings in|pays|loses)\s+"
    r"(?:us\s+)?(?:about\s+|around\s+|roughly\s+|maybe\s+)?$",
    re.IGNORECASE,
)


_FULL_TIME = re.compile(
    r"\bfull[- ]time\b|\bnothing (?:else )?but (?:this|that|it)\b|\ball day(?: long)?\b|"
    r"専任|専従|これだけを?(?:やって|して)|これにかかりきり|かかりっきり|つきっきり|フルタイムで|一日中",
    re.IGNORECASE,
)


def _full_time(found: list[tuple[Quantity, int]], sentence: str) -> list[tuple[Quantity, int]]:
    """ "3 of us do nothing but this", 「専任の担当者が5人います」: a headcount working on the pain all day
    is a working day of hours for each of them."""
    people = [(q, at) for q, at in found if q.kind == "people"]
    if not people or any(q.kind == "time_total" for q, _ in found) or not _FULL_TIME.search(sentence):
        return []
    q, at = people[0]
    day = Quantity(kind="time_total", value=8.0, per="day", per_person=True, quote=q.quote, approximate=True)
    return [(day, at)]


def _kind(
    m: Mention, clause: str, has_share: bool, lang: Lang, timed: bool = False
) -> tuple[str, dict[str, object]] | None:
    head, tail = clause[max(0, m.start - 60) : m.start], clause[m.end : m.end + 40]
    head = re.sub(r"\beach of (?:us|them|the \w+)\b|\bevery one of us\b", " ", head, flags=re.IGNORECASE)
    head = re.split(r"[、,;]", head)[-1]  # "each" belongs to its own clause: 「1本あたり…、年間で約3000万円」 is yearly
    each = bool(_EACH_BEFORE.search(head) or _EACH_AFTER.match(tail))
    site_re = lx.SITE_NOUN_JA if lang == "ja" else lx.SITE_NOUN_EN
    near = clause[max(0, m.start - 16) : m.end + 24]  # per shop must be said next to the figure, not anywhere
    per_site = bool(
        re.search(rf"\b(?:per|each|a|every)\s+{site_re}|{site_re}(?:あたり|当たり|ごと|毎)|各{site_re}", near, re.I)
    )
    # "each shop throws out roughly $120 a day": each shop is where it happens, not each event
    site_subject = re.search(
        rf"\b(?:each|every)\s+{site_re}\b[^.,;]{{0,40}}$|各{site_re}(?:で|の|が)?[^。、]{{0,20}}$", head, re.I
    )
    if site_subject:
        per_site, each = True, bool(_EACH_AFTER.match(tail))
    extra: dict[str, object] = {"per_site": per_site, "per_person": bool(lx.PER_PERSON.search(clause))}
    if m.kind == "span":
        return "span", {}
    if m.kind == "money":
        if m.per == "hour":
            return "rate", extra
        if m.per and m.per != "event" and not site_subject and _ONE_ITEM.search(clause[max(0, m.start - 50) : m.start]):
            return "cost_each", extra  # "an account is worth $20,000 a year", "one idle press costs $150k a year"
        if m.per and m.per != "event" and not each:
            return "money_total", extra
        return "cost_each", extra
    if m.kind == "time":
        # "4 of us, each doing 3 hours a day", 「5人がそれぞれ毎日2時間」: each person's time per period
        before = clause[max(0, m.start - 60) : m.start]
        each_person = bool(
            re.search(
                r"(?:of us|of them|people|人|名|\b\d+\s+[a-z-]+s)(?:\s+[a-z-]+){0,2}(?:が|は|で)?\W{0,3}(?:each|それぞれ|各自)",
                before,
                re.I,
            )
        )
        if m.per and (not each or each_person):
            return "time_total", {**extra, "per_person": bool(extra["per_person"]) or each_person}
        return "time_each", extra
    if m.kind == "share":
        return "share", extra
    noun = (m.noun or "").lower()
    if re.fullmatch(r"(?:second|minute|hour|day|week|month|year|time)s?|日|時間|分|年|月", noun):
        return None  # "within 30 days", "5 years": a span of time counts nothing
    people_noun = bool(noun) and bool(re.fullmatch(lx.PEOPLE_NOUN_EN, noun, re.IGNORECASE) or noun in ("人", "名"))
    if noun in ("人", "名") and m.per and timed and m.value > 1:
        return "people", {}  # 「毎日5人が2時間ずつ」: who does it every day, not how often it happens
    if timed and m.value > 1 and not m.per and re.match(r"\s*[a-z-]+s\s+each\b", tail, re.I):
        return "people", {}  # "the 3 mods each do 6 hours a day": who does it, each for that long
    if m.within and not m.per and m.value > 1 and not people_noun:
        return "per_each", {}
    if noun == "of us":
        return ("people", {}) if m.value > 1 else None  # "60 hours a week between the two of us": who, not how often
    if m.per:
        return ("base" if has_share else "events"), extra
    if noun and re.fullmatch(site_re, noun, re.IGNORECASE):
        return "sites", {}
    if people_noun:
        return ("people", {}) if m.value > 1 else None  # 「1人2時間」 says per person, it counts no one
    time_noun = re.fullmatch(r"(?:second|minute|hour|day|week|month|year|time)s?|日|時間|分|年|月", noun or "")
    if noun and noun != MONEY_MARK and m.value > 1 and not time_noun:
        return "base", {}  # a stock ("a 210 room hotel"): a share "of the rooms" each night applies to it
    return None


def _structure(norm: str, sentence: str, mentions: list[Mention]) -> tuple[list[Mention], list[tuple[Quantity, int]]]:
    """Readings of the sentence as a whole (see understanding.readings): a season, once every N years. The numbers
    inside them are theirs, not counts or times of their own."""
    found: list[tuple[Quantity, int]] = []
    quote = sentence.strip()[:200]
    runs = season(norm)
    if runs is not None:
        n, unit, at = runs
        found.append((Quantity(kind="season", value=n, per=unit, quote=quote), at.start))  # type: ignore[arg-type]
        mentions = [m for m in mentions if not at.start <= m.start < at.end]
    every = every_years(norm)
    if every is not None:
        years, most, at = every
        rate = Quantity(
            kind="events", value=1 / (most or years), high=1 / years if most else None, per="year", quote=quote
        )
        found.append((rate, at.start))
        mentions = [m for m in mentions if not at.start <= m.start < at.end]
    return mentions, found


def _shift_days(found: list[tuple[Quantity, int]], norm: str) -> list[tuple[Quantity, int]]:
    """ "each on a 10-hour shift, three days a week": the days are that long (not 8 hours), each person's; the
    shift's own length is no time spent on top."""
    shift = shift_hours(norm)
    if shift is None:
        return found
    hours, at = shift
    people = any(q.kind == "people" for q, _ in found)
    out = []
    for q, pos in found:
        if at.start <= pos < at.end and q.kind in ("time_each", "time_total"):
            continue
        if q.kind == "time_total" and q.per in ("week", "month") and q.value % 8 == 0:
            q = q.model_copy(update={"value": q.value / 8 * hours, "per_person": q.per_person or people})
        out.append((q, pos))
    return out


_MONEY_KINDS = ("money_total", "cost_each")


def _without_last_sentence(out: list[Quantity], kinds: tuple[str, ...]) -> list[Quantity]:
    """What was read so far, less the `kinds` of the last sentence that gave a figure (a sentence after it took
    them back)."""
    if not out:
        return out
    said = out[-1].quote
    return [q for q in out if not (q.quote == said and q.kind in kinds)]


def read_quantities(text: str, lang: Lang, currency: str | None = None) -> list[Quantity]:
    """Every number in `text` that the value model can use, in order of mention. A figure given after a
    correction marker ("no wait", 「じゃなくて」) replaces the earlier figure of the same kind. `currency`:
    the interview's currency so far, for bare amounts ("say 10k each")."""
    out: list[Quantity] = []
    found = MONEY.search(normalize_numbers(nfkc(text))[0])
    if found:
        named = CURRENCY_SYMBOL.get(found.group("sym") or "") or next(
            (c for w, c in CURRENCY_WORD if re.fullmatch(w, found.group("word") or "", re.IGNORECASE)), None
        )
        currency = named or currency  # "18 cents" names no currency of its own
    currency = currency or ("JPY" if lang == "ja" else "USD")
    for sentence in sentences(nfkc(text)):
        if costs_little(sentence):
            # 「けがのない転倒は月に十数件…でもそれはお金はそんなにかからない」: that count is no loss to multiply
            out = _without_last_sentence(out, ("events", "base"))
        said_here = _sentence_quantities(sentence, lang, currency)
        if one_year_only(sentence) and any(q.kind == "money_total" and q.per == "year" for q in out):
            # 「年間で4000万くらいです。えーと、去年は4200万だったかな」: one year's figure said after the general one
            said_here = [(q, c) for q, c in said_here if not (q.kind == "money_total" and q.per == "year")]
        if no_loss(nfkc(sentence)) and not re.search(r"\d", normalize_numbers(nfkc(sentence))[0]):
            # "The plant bill is about 1.8 million a year. That's just the cost of running the place.": the money
            # of the sentence before is no loss
            out = _without_last_sentence(out, _MONEY_KINDS)
        for q, corrected in said_here:
            if corrected:
                out = [k for k in out if k.kind != q.kind]
            out.append(q)
    if lx.EVERY_DAY.search(text):
        # "we're open every night" in one sentence makes every per-day figure of the message run 365 days
        out = [q.model_copy(update={"every_day": True}) if q.per in ("day", "shift") else q for q in out]
    return out


def _said_before(m: Mention, mentions: list[Mention], norm: str) -> bool:
    """ "maybe 40% fail — no, more like a third, 40 was a bad year": a bare number that names a figure said before
    it ("40" for "40%") and goes on to say something about it is no new figure."""
    if m.kind != "count" or m.noun or not re.match(r"\s*(?:was|were|is)\b", norm[m.end : m.end + 8], re.I):
        return False
    return any(x.end <= m.start and m.value in (x.value, round(x.value * 100, 6)) for x in mentions if x is not m)


def _inherit(mentions: list[Mention], marks: list[int]) -> None:
    """A bare number after a correction takes the unit of the figure it corrects ("9,000 euros, no wait,
    more like 4,000")."""
    for i, m in enumerate(mentions):
        if m.kind == "time" and not m.per and any(p < m.start for p in marks):
            # 「1日1時間くらい…いや…平均したら1時間半」: the corrected time keeps the period of the one it corrects
            timed = [x for x in mentions[:i] if x.kind == "time" and x.per and any(x.end <= p < m.start for p in marks)]
            if timed:
                m.per = timed[-1].per
            continue
        if m.kind != "count" or m.per or not any(p < m.start for p in marks):
            continue
        between = [x for x in mentions[:i] if any(x.end <= p < m.start for p in marks)]
        before = [x for x in between if x.kind in ("money", "time")] if not m.noun else []
        # 「月に40件、いや4件です」, "40 a week, no, 4": a count corrects the count of the same noun before it
        counted = [x for x in between if x.kind == "count" and x.per and (not m.noun or x.noun == m.noun)]
        if before:
            src = before[-1]
            m.kind, m.currency, m.per = src.kind, src.currency, src.per
        elif counted:
            m.per = counted[-1].per


_BARE_PERIOD = re.compile(
    r"(?:no wait|sorry|i mean|no|actually|correction)[,\s]+(?:no[,\s]+)?(?:it'?s\s+|make that\s+)?(?:a|per|every)\s+"
    r"(day|week|month|year|shift|quarter)\b|(?:いや|じゃなくて|ではなく|すみません)[、,\s]*(?:1)?(日|週|月|年)(?:に|で|です)",
    re.IGNORECASE,
)


def _corrected_period(mentions: list[Mention], text: str) -> None:
    """ "30 returns a week, sorry, no, a day": a correction that gives only a period changes the figure before it."""
    for m in _BARE_PERIOD.finditer(text):
        before = [x for x in mentions if x.end <= m.start() and x.per]
        if before:
            word = m.group(1) or m.group(2)
            before[-1].per = period_of(word) or lx.PERIOD_JA.get(word or "")


#: 「300万」「1億2千万」 with no counter after it: in a money answer that is yen.
#: (not before a counter or a counted noun in katakana: 「月産40万ショット」 counts shots)
_JA_BARE_MONEY = re.compile(JA_COMPOUND.pattern + r"(?<=[万億])(?![\d千百円人件回個台本枚時分日週月年名店ァ-ヶー])")


def _sentence_quantities(sentence: str, lang: Lang, currency: str) -> list[tuple[Quantity, bool]]:
    if lang == "ja":
        # 「300万」 in a money answer means yen even without 円
        sentence = _JA_BARE_MONEY.sub(r"\g<0>円", sentence)
    norm, vague = normalize_numbers(sentence, keep_ranges=True, mark_money=True)
    norm = canonical_units(norm)
    money, lasting = money_mentions(norm), span_mentions(norm)
    time = [t for t in time_mentions(norm) if not any(x.start <= t.start < x.end for x in lasting)]
    money += lasting  # read beside money and time, so no count reader takes "8 months" for a count
    spans = [(m.start, m.end) for m in money + time]
    shares = [x for x in share_mentions(norm) if not any(a <= x.start < b for a, b in spans)]  # "half a day" is time
    taken = spans + [(m.start, m.end) for m in shares]
    hourly = [x for x in money if x.per == "hour"]
    # the "1時間" / "an hour" that makes a loss per hour is no time spent
    time = [
        t
        for t in time
        if not (
            t.value == 1
            and t.per is None
            and not _EACH_BEFORE.search(norm[max(0, t.start - 12) : t.start])
            and any(x.start - 60 <= t.start < x.start for x in hourly)
        )
    ]  # ("an hour a day … at $35 an hour", 「1件あたり1時間…時給は2,000円」 are time spent: a period or an item each)
    mentions = sorted(money + time + shares + count_mentions(norm, taken, lang), key=lambda x: x.start)
    # 「1店舗じゃなくて全店で」, "not 40 but 400": the figure said only to be denied counts for nothing
    mentions = [m for m in mentions if not denied(norm, m) and not _said_before(m, mentions, norm)]
    marks = [m.start() for m in _CORRECTION.finditer(norm)]
    _inherit(mentions, marks)
    _corrected_period(mentions, norm)
    for m in mentions:
        _bare_money(m, norm, currency)
        if m.kind == "money" and m.currency is None:
            m.currency = currency  # "18 cents": a hundredth of the interview's currency
    every_day = bool(lx.EVERY_DAY.search(sentence))
    found: list[tuple[Quantity, int]] = []
    mentions, structure = _structure(norm, sentence, mentions)
    found += structure
    days = _DAYS.search(norm)
    window = days and re.search(r"\bwithin\s*$", norm[max(0, days.start() - 8) : days.start()])
    if days and (window or "以内" in norm[days.end() : days.end() + 3]):
        days = None  # "within 30 days" is a window, not a season
    closed = re.search(
        r"\bclosed\s+(?:maybe\s+|about\s+|around\s+|only\s+)?(\d+)\s+days\s+a\s+year\b|年に?(\d+)日(?:だけ)?休み",
        norm,
        re.I,
    )
    if closed:  # "open every day, closed maybe 5 days a year": the days it runs are the rest
        n = 365.0 - float(closed.group(1) or closed.group(2))
        found.append((Quantity(kind="days", value=n, quote=sentence.strip()[:200]), closed.start()))
        mentions = [m for m in mentions if not (closed.start() <= m.start < closed.end())]
        days = None
    if days:
        n = float(days.group("n") or days.group("m"))
        if 0 < n <= 366:
            found.append((Quantity(kind="days", value=n, quote=sentence.strip()[:200]), days.start()))
            mentions = [m for m in mentions if not (days.start() <= m.start < days.end())]
    mentions, week = days_a_week(mentions, norm, sentence)
    found += week
    mentions = one_year_dropped(mentions, norm)
    timed = bool(time)
    for m in mentions:
        kind = _kind(m, norm, bool(shares), lang, timed)
        if kind is None:
            continue
        name, extra = kind
        if name == "money_total" and m.per in ("hour", "day", "shift", "week") and occasional(norm, m):
            # 「1日で数千万円の損失になることもある」, "a bad day can cost us $50k": what one bad day costs, now and
            # then, not a rate that runs every day
            name = "cost_each"
        per = m.per if name in ("events", "base", "money_total", "time_total", "share", "span") else None
        if name == "cost_each" and m.per in ("day", "week", "month", "year"):
            per = m.per  # "each member pays $40 a month": a cost per entity that recurs (a span may say how long)
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
            occasional=name == "cost_each" and occasional(norm, m),
        )
        found.append((q, m.start))
    found += _full_time(found, sentence)
    found = _shift_days(found, norm)
    if no_loss(norm):  # "the agency bill, we'd pay that anyway": money said to be no loss is no cost
        found = [(q, at) for q, at in found if q.kind not in ("money_total", "cost_each")]
    out: list[tuple[Quantity, bool]] = []
    for i, (q, at) in enumerate(found):
        earlier = [(k, a) for k, a in found[:i] if k.kind == q.kind]
        corrected = bool(marks) and any(a < p < at for _, a in earlier for p in marks)
        if corrected:
            out = [(k, c) for k, c in out if k.kind != q.kind]
        starts_corrected = not earlier and any(p < at for p in marks) and at < 40
        out.append((q, corrected or starts_corrected))
    return out
