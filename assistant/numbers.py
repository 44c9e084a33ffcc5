"""Numbers as people write them: digits, English number words, kanji numerals, ranges and vague amounts."""

from __future__ import annotations

import re
import unicodedata

_EN_UNITS = {
    "zero": 0,
    "one": 1,
    "a": 1,
    "an": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_EN_SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
_SMALL = {"2": 2, "3": 3, "4": 4, "two": 2, "three": 3, "four": 4}
_EN_VAGUE = {
    "a handful": 4,
    "dozens": 24,
    "a couple of": 2,
    "a couple": 2,
    "a few": 3,
    "several": 4,
    "a dozen": 12,
    "dozens of": 24,
    "a handful of": 4,
    "half a dozen": 6,
}
_KANJI_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "壱": 1,
    "弐": 2,
    "参": 3,
    "両": 2,
}
_KANJI_SMALL = {"十": 10, "百": 100, "千": 1000}
_JA_VAGUE = {"十数": 15, "数十": 30, "数百": 300, "数千": 3000, "数": 3, "何十": 30, "何百": 300}

NUM = r"\d+(?:\.\d+)?"


def _kanji_to_int(s: str) -> int:
    total, current = 0, 0
    for ch in s:
        if ch in _KANJI_DIGITS:
            current = current * 10 + _KANJI_DIGITS[ch] if current else _KANJI_DIGITS[ch]
        elif ch in _KANJI_SMALL:
            total += (current or 1) * _KANJI_SMALL[ch]
            current = 0
    return total + current


#: A number written with Japanese scales: sections of digits with 千/百, joined by 億 and 万 (「1億2千万」,
#: 「12万3456」, 「2万件」). Matched whole, so a count's scale is never cut off from its section.
JA_COMPOUND = re.compile(
    r"(?=[\d.]*[千百]?[\d.]*[億万千])\d+(?:\.\d+)?(?:[千百](?:\d+(?:\.\d+)?)?)*"
    r"(?:[億万](?:\d+(?:\.\d+)?(?:[千百](?:\d+(?:\.\d+)?)?)*)?)*"
)


def _ja_section(s: str) -> float:
    """「2千5百」 -> 2500, 「2500」 -> 2500, 「1.5千」 -> 1500."""
    total = 0.0
    for m in re.finditer(r"(\d+(?:\.\d+)?)([千百]?)", s):
        total += float(m.group(1)) * {"千": 1e3, "百": 1e2, "": 1.0}[m.group(2)]
    return total


def ja_compound_value(s: str) -> float:
    """「1億2千万」 -> 120,000,000; 「2万5千」 -> 25,000; 「3億5000万」 -> 350,000,000."""
    total = 0.0
    rest = s
    for scale, factor in (("億", 1e8), ("万", 1e4)):
        if scale in rest:
            head, rest = rest.split(scale, 1)
            total += _ja_section(head) * factor
    return total + _ja_section(rest)


_SCALE = {"million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "thousand": 1e3, "k": 1e3, "grand": 1e3}
#: Put after an amount that was written with a money scale ("2k", "200 grand"): chat shorthand for money.
MONEY_MARK = "¤"


def normalize_numbers(text: str, keep_ranges: bool = False, mark_money: bool = False) -> tuple[str, bool]:
    """Rewrite number words and kanji numerals as digits; say whether a vague word was read.
    A range ("6-10") becomes its middle unless `keep_ranges` (the value model keeps both ends)."""
    text = unicodedata.normalize("NFKC", text)
    vague = False

    def vague_sub(m: re.Match[str]) -> str:
        nonlocal vague
        vague = True
        return str(_JA_VAGUE.get(m.group(0)) or _EN_VAGUE[m.group(0).lower()])

    # "half an hour" is half of one hour (before "an hour" becomes "1 hour" below)
    text = re.sub(r"\b(?:half an hour|a half hour|half-hour)\b", "0.5 hours", text, flags=re.IGNORECASE)
    # "every other week", "every 2 weeks", 「2週間に1回」: a fraction of the period, as a number
    text = re.sub(r"\bevery other (day|week|month)\b", lambda m: f"0.5 times a {m.group(1)}", text, flags=re.IGNORECASE)
    text = re.sub(
        r"\b(?:once )?every (2|3|4|two|three|four) (days|weeks|months)\b",
        lambda m: f"{fmt(round(1 / _SMALL[m.group(1).lower()], 3))} times a {m.group(2).lower()[:-1]}",
        text,
        flags=re.IGNORECASE,
    )
    text = re.sub(
        r"(\d+)\s*(週間|か月|ヶ月|カ月)に(?:1|一)回",
        lambda m: f"{'週' if m.group(2) == '週間' else '月'}に{fmt(round(1 / max(float(m.group(1)), 1), 3))}回",
        text,
    )
    text = re.sub(r"\bonce or twice\b", "1-2 times", text, flags=re.IGNORECASE)  # a range, not "twice"
    # "once a month", "twice a week": how often, as a number (not "once the batch is done")
    text = re.sub(
        r"\b(once|twice|thrice)(?=\s+(?:a|an|per|every)\s+(?:day|night|shift|week|fortnight|month|quarter|year)\b)",
        lambda m: {"once": "1 time", "twice": "2 times", "thrice": "3 times"}[m.group(1).lower()],
        text,
        flags=re.IGNORECASE,
    )
    text = re.sub(
        "|".join(sorted(map(re.escape, _EN_VAGUE), key=len, reverse=True)),
        vague_sub,
        text,
        flags=re.IGNORECASE,
    )
    vague_words = (
        r"十数(?=[万億千回件人台個本枚日時週か])|数十|数百|数千|何十|何百|" r"数(?=[万億千百十回件人台個本枚日時週か])"
    )
    text = re.sub(vague_words, vague_sub, text)
    # Kanji numerals, but not inside words like 一般 or 一部 (only before a unit or scale).
    text = re.sub(
        r"(?<![\d万億])[〇零一二三四五六七八九十百千壱弐参両]+(?=[万億円回件人台個本枚時分日週か年度%％]|ヶ|カ|箇)",
        lambda m: str(_kanji_to_int(m.group(0))),
        text,
    )
    # 「1時間半」, "an hour and a half", "2 and a half hours": the half belongs to the hours
    text = re.sub(r"(\d+)時間半", r"\1.5時間", text)
    text = re.sub(r"\b(?:an|one) hour and a half\b", "1.5 hours", text, flags=re.IGNORECASE)
    text = re.sub(r"\b(\d+) (?:and a half hours|hours and a half)\b", r"\1.5 hours", text, flags=re.IGNORECASE)
    # thousands separators first: 「2,000万」 is 20 million, not "2," and 0万
    text = re.sub(r"(\d),(\d{3})(?!\d)", r"\1\2", text)
    text = re.sub(r"(\d),(\d{3})(?!\d)", r"\1\2", text)
    text = re.sub(r"(\d),(\d{3})", r"\1\2", text)
    # 「3〜4万円」「2から3億」: the unit said once belongs to both ends of the range
    text = re.sub(r"(?<![\d.])(\d+(?:\.\d+)?)\s*([〜~～\-－、]|から)\s*(\d+(?:\.\d+)?)\s*(万|億)", r"\1\4\2\3\4", text)
    # 「1億2千万」「2万5千」「3億5000万」: a Japanese compound number, read section by section
    text = JA_COMPOUND.sub(lambda m: fmt(ja_compound_value(m.group(0))), text)

    # "2 hundred" (from "a couple hundred"), so that "2 hundred grand" scales as 200 grand
    text = re.sub(rf"({NUM})\s+hundred\b", lambda m: fmt(float(m.group(1)) * 100), text, flags=re.IGNORECASE)
    # "3 to 4k", "2-3 million": the scale said once belongs to both ends of the range
    text = re.sub(
        rf"\b({NUM})(\s*(?:-|–|to|or)\s*)({NUM})\s*(million|billion|thousand|grand|bn|mn|m|k)\b",
        lambda m: (
            f"{fmt(float(m.group(1)) * _SCALE[m.group(4).lower()])}{m.group(2)}{m.group(3)}{m.group(4)}"
            if float(m.group(1)) < float(m.group(3))
            else m.group(0)
        ),
        text,
        flags=re.IGNORECASE,
    )
    if mark_money:
        text = re.sub(rf"({NUM})\s*(grand|k)\b", rf"\1\2{MONEY_MARK}", text, flags=re.IGNORECASE)
        text = re.sub(rf"(grand|k){MONEY_MARK}", rf"\1 {MONEY_MARK}", text, flags=re.IGNORECASE)
    text = re.sub(
        rf"({NUM})\s*(million|billion|thousand|grand|bn|mn|m|k)\b",
        lambda m: fmt(float(m.group(1)) * _SCALE[m.group(2).lower()]),
        text,
        flags=re.IGNORECASE,
    )
    text = re.sub(r"\ba (hundred|thousand|million|billion)\b", r"one \1", text, flags=re.IGNORECASE)
    # English number words: "two million", "forty five", "three hundred thousand".
    units = [w for w in _EN_UNITS if w not in ("a", "an")]
    word = r"(?:" + "|".join(units + list(_EN_SCALES)) + r")"
    lead = r"(?:" + "|".join(units) + r")"

    def en_sub(m: re.Match[str]) -> str:
        total, current = 0, 0
        for w in re.split(r"[\s-]+", m.group(0).lower()):
            if w in _EN_UNITS:
                current += _EN_UNITS[w]
            elif w == "hundred":
                current = (current or 1) * 100
            elif w in _EN_SCALES:
                total += (current or 1) * _EN_SCALES[w]
                current = 0
        return fmt(total + current)

    text = re.sub(rf"\b{lead}(?:[\s-]+(?:and\s+)?{word})*\b", en_sub, text, flags=re.IGNORECASE)
    # A range ("six to eight", "5、6回", "6-10 hours") counts as its middle.
    text = (
        text
        if keep_ranges
        else re.sub(
            rf"({NUM})\s*(?:to|or|-|~|〜|、|,)\s*({NUM})(?=\s*[^\d\s.,])",
            lambda m: (
                fmt((float(m.group(1)) + float(m.group(2))) / 2)
                if float(m.group(1)) < float(m.group(2)) <= 20 * max(float(m.group(1)), 1)
                else m.group(0)
            ),
            text,
        )
    )

    # "about an hour" is a duration; "dollars an hour" is a rate, read by find_money.
    def hour_sub(m: re.Match[str]) -> str:
        before = text[max(0, m.start() - 12) : m.start()]
        return m.group(0) if re.search(r"(dollars?|euros?|yen|pounds|usd|円|\d)\s*$", before, re.I) else "1 hour"

    text = re.sub(r"\ban hour\b", hour_sub, text, flags=re.IGNORECASE)
    # "30 minutes to 1 hour", 「30分から1時間」: one range, in hours (the minutes end was read alone)
    text = re.sub(
        rf"({NUM})\s*(?:minutes?|mins?|分)\s*(?:to|-|–|〜|~|から)\s*({NUM})\s*(hours?|時間)",
        lambda m: (
            f"{fmt(round(float(m.group(1)) / 60, 3))}{'〜' if m.group(3) == '時間' else '-'}{m.group(2)}"
            f"{'時間' if m.group(3) == '時間' else ' hours'}"
        ),
        text,
        flags=re.IGNORECASE,
    )
    return text, vague


def fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)
