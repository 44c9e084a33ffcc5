"""Pains in an answer (lists, enumerations, sentences that name one) and who judges today."""

from __future__ import annotations

import re

from assistant.language import normalize
from assistant.understanding import cues
from assistant.understanding.text import content_words, sentences, strip_fillers
from assistant.vocabulary import Lang


def content_size(text: str) -> int:
    return len(content_words(text, "ja" if re.search(r"[\u3040-\u30ff\u3400-\u9fff]", text) else "en"))


_ENUM_EN = re.compile(
    r"(?:^|(?<=[\s,;:.]))(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|also|another (?:one|thing|pain|"
    r"problem) is|on top of that|besides that|plus|and then there'?s|the other (?:one|thing) is|"
    r"one is|the other is)\b[,:]?\s*",
    re.IGNORECASE,
)
_ENUM_JA = re.compile(
    r"(?:一つ目は|二つ目は|三つ目は|1つ目は|2つ目は|3つ目は|一つは|もう一つは|ひとつは|もうひとつは|"
    r"それから|あと(?=[、は])|他には|ほかには|加えて|さらに|また(?=、))[、,]?"
)
_INTRO = re.compile(
    r"(?:いくつか|幾つか|二つ|2つ|三つ|3つ|色々|いろいろ)(?:あって|あります|ある)|^(?:困りごとは|悩みは)?[^、。]{0,6}(?:あって|あります)$|"
    r"\b(?:several|a few|two|three|a couple of|some)\s+(?:things|problems|issues|pains|headaches)\b|:$",
    re.IGNORECASE,
)


_LIST_INTRO_EN = re.compile(
    r"^(?:[^:.]{0,40}?)\b(?P<n>two|three|four|several|a few|a couple of|some)\s+(?:things|problems|"
    r"issues|pains|headaches)\b(?:[^:,]{0,20}(?::|\s[-–—]\s)|(?:\s+\w+){0,3}\s*,)\s*(.+)$",
    re.IGNORECASE | re.DOTALL,
)
_LIST_JA = re.compile(
    r"(?<=こと)(?:、|，)(?:それと|あと|さらに|また)?|(?:(?<=の)|(?<=のと))(?:、)(?:あと|それと)?"
    r"(?=[^、]{4,}(?:こと|の|やつ|もの|点)(?:です|ですね)?[、。]?)"
)


def announces_list(clause: str) -> bool:
    """ "two things bug me", 「困りごとが2つあって」: a clause that announces several pains."""
    return bool(_INTRO.search(clause) or _LIST_INTRO_EN.match(clause + ": x"))


def _list_after_intro(text: str) -> list[str]:
    """ "Three things: the queue, the write-ups, and the refreshes." / 「Aこと、Bこと、それとCことです」"""
    first = sentences(text)[0] if sentences(text) else text
    m = _LIST_INTRO_EN.match(first)
    if m:
        parts = [p.strip(" ,.") for p in re.split(r",\s*(?:and\s+|or\s+)?", m.group(m.lastindex or 1))]
        said = {"two": 2, "three": 3, "four": 4}.get(m.group("n").lower(), 2)
        if len(parts) < said:
            # "two things bug me, refunds are slow and labels come out wrong": the announced count splits at "and"
            parts = [p.strip(" ,.") for p in re.split(r",?\s+and\s+", m.group(m.lastindex or 1), maxsplit=said - 1)]
        parts = [p for p in parts if content_size(p) >= 2]
        if len(parts) >= 2:
            return parts
    body = re.sub(r"^.*?(?:いくつか|幾つか|二つ|2つ|三つ|3つ|色々|いろいろ)(?:あって|あります)[、。]?", "", first)
    if body != first:
        parts = [_strip(p).strip("、。") for p in _LIST_JA.split(body)]
        parts = [re.sub(r"(?:です|ですね|でしょうか)$", "", p) for p in parts if p and content_size(p) >= 2]
        parts = [re.sub(r"(?<=[いるた])のと?$", "", p) for p in parts]  # 「作業が長いのと、」: the item, not its joint
        if len(parts) >= 2:
            return parts
    return []


def split_pains(text: str) -> list[str]:
    """Several pains in one answer ("first…, second…", 「1つ目は…、2つ目は…」, bullets) become several
    items; otherwise sentences that name a pain; a single pain stays whole."""
    text = text.strip()
    if not text:
        return []
    pieces: list[tuple[str, bool]] = []  # (piece, introduced by an enumeration marker)
    for sentence in sentences(text):
        for part in re.split(r"\s*;\s*|(?:^|\s)[-•・]\s+", sentence):
            marked = _ENUM_EN.sub("\n\x01", part)
            marked = _ENUM_JA.sub("\n\x01", marked)
            for chunk in marked.split("\n"):
                enumerated = chunk.startswith("\x01")
                chunk = chunk.lstrip("\x01").strip(" ,、:：。.")
                if chunk:
                    pieces.append((chunk, enumerated))
    listed = [p for p, e in pieces if e and content_size(p) >= 2 and not _INTRO.search(p)]
    if len(listed) >= 2:
        return [_strip(p) for p in listed]
    items = _list_after_intro(text)
    if len(items) >= 2:
        return items
    named = [p for p, _ in pieces if cues.PAIN.search(p) and not _INTRO.search(p) and content_size(p) >= 4]
    if len(named) >= 2 and len(named) == len({normalize(n) for n in named}):
        return [_strip(p) for p in named]
    return [_strip(text)]


_ROLE_EN = re.compile(
    r"\b(?:veteran|senior|foreman|forem[ae]n|supervisor|manager|inspector|engineer|planner|buyer|analyst|nurse|"
    r"doctor|underwriter|adjuster|operator|expert|technician|team lead|chemist|investigator|attendant|clerk|"
    r"reviewer|specialist|old hand|craftsman|fitter|mechanic)s?\b",
    re.IGNORECASE,
)
_ROLE_JA = re.compile(
    r"ベテラン|熟練|担当者|課長|部長|主任|班長|職人|店長|検査員|医師|看護師|審査担当|エンジニア|技術者|"
    r"オペレーター|調査員|職員|上司|先輩"
)


def read_judge(text: str, lang: Lang) -> tuple[str | None, bool]:
    """How it is judged today: the employee's clause that names who judges (a role, not "I"), and whether
    the judgment is hard for a person."""
    hard = bool(cues.HARD.search(text))
    role = _ROLE_JA if lang == "ja" else _ROLE_EN
    for clause in re.split(r"(?<=[.!?。！？;；])\s*|(?<=[,、])\s*", text):
        if role.search(clause):
            return _clip(clause.strip(" ,、。.;"), lang), hard
    return None, hard


def specific_pain(sentence: str) -> bool:
    """A pain cue beyond "it's hard"/"大変": only then does an opening already name a pain."""
    found = [m.group(0) for m in cues.PAIN.finditer(sentence)]
    return any(not cues.GENERAL_PAIN.fullmatch(f.strip()) for f in found)


def _strip(text: str) -> str:
    lang: Lang = "ja" if re.search(r"[\u3040-\u30ff\u3400-\u9fff]", text) else "en"
    return strip_fillers(text, lang).strip(" 、,.。")


def _clip(text: str, lang: Lang) -> str:
    if lang == "ja":
        return text if len(text) <= 70 else text[:70] + "…"
    words = text.split()
    return " ".join(words[:20]) + (" …" if len(words) > 20 else "")
