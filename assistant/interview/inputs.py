"""The inputs: what a person looks at when judging, split into short items in the employee's words."""

from __future__ import annotations

import re

from assistant.interview.text import clip, content_size, is_dont_know, sentences, strip_filler
from assistant.language import ja_morphemes, normalize
from assistant.vocabulary import Lang

_INPUT_LEAD_EN = re.compile(
    r"^\s*(?:[\w']+\s+){0,5}?(?:look(?:ing)? at|check(?:ing)?|go(?:ing)? by|based on|rely on|listen(?:ing)? to|"
    r"watch(?:ing)?|read(?:ing)?|compare|comparing|use|using|glance at|consider|we have|there'?s|there are|"
    r"it'?s)\b\s*",
    re.IGNORECASE,
)
_INPUT_TAIL_EN = re.compile(
    r"\s*(?:\b(?:to (?:decide|judge|tell|see|make|work out)|when (?:i|we)|before (?:i|we)|"
    r"and (?:then )?(?:decide|make a call|go with)|and guess|and hope|in (?:my|our) head)\b.*)$",
    re.IGNORECASE,
)
_INPUT_SPLIT_EN = re.compile(r"\s*(?:,|;|:|/|\band also\b|\bplus\b|\bas well as\b)\s*", re.IGNORECASE)
_INPUT_AND_EN = re.compile(r"\s+(?:and|or)\s+", re.IGNORECASE)
_INPUT_TAIL_JA = re.compile(
    r"(?:など|なんか|とか)?(?:を|で|から|に|は)?(?:ざっと|じっくり|よく|主に)?(?:見て|見ます|見る|見ていて|確認|参考|聞いて|聞く|聴いて|"
    r"比べ|照らし|チェック|触って|嗅いで|頼りに|眺め|判断|決め|使って|もとに|基に)[^、。]*$"
)
_ART = re.compile(r"^(?:the|a|an|our|my|their|his|her|its|some|any|all|each|every)\s+", re.IGNORECASE)


_INPUT_FILLER = re.compile(
    r"^(?:mostly|mainly|usually|sometimes|i suppose|i guess|really|also|just|最近は|主に|あとは)[,\s、]*|"
    r"[,\s]*(?:too|really|mostly|as well|i suppose|i guess)$",
    re.IGNORECASE,
)
_INPUT_JUNK = re.compile(
    r"^(?:to match it|that's it|that's all|etc|and so on|あり|いくつ|など|その他|ほか|色々|いろいろ)$"
)


def extract_inputs(text: str, lang: Lang) -> list[str]:
    """The things a person looks at when judging, as short items in the employee's words."""
    if not text.strip() or is_dont_know(text):
        return []
    items: list[str] = []
    for sentence in sentences(text):
        if lang == "ja":
            items.extend(_inputs_ja(sentence))
        else:
            s = strip_filler(sentence)
            lead = _INPUT_LEAD_EN.sub("", s, count=1)
            s = lead if content_size(lead) >= 1 else s
            s = _INPUT_TAIL_EN.sub("", s)
            for part in (p for chunk in _INPUT_SPLIT_EN.split(s) for p in _split_and(chunk)):
                part = _ART.sub("", part.strip(" .!?:\"'()"))
                part = re.sub(r"^(?:i |we |they |he |she )\w+ (?:at |to )?", "", part, flags=re.IGNORECASE)
                if content_size(part) >= 1:
                    items.append(clip(part, 12) if len(part.split()) > 12 else part)
    seen: set[str] = set()
    out = []
    for item in items:
        item = _INPUT_FILLER.sub("", item).strip(" ,.、")
        key = normalize(item)
        if key and key not in seen and not _INPUT_JUNK.match(key):
            seen.add(key)
            out.append(item)
    return out[:8]


def _split_and(chunk: str) -> list[str]:
    """ "vibration and temperature" are two things; "sales per store and item" or "public and school holidays"
    are one: when one side is a single word and the other is longer, the single word modifies the other."""
    parts = [p for p in _INPUT_AND_EN.split(chunk) if p.strip()]
    sizes = {min(len(_ART.sub("", p.strip()).split()), 2) for p in parts}
    if len(parts) > 1 and len(sizes) == 1:  # "vibration and temperature", "the oil level and the motor current"
        return parts
    return [re.sub(r"^(?:and|or)\s+", "", chunk.strip(), flags=re.IGNORECASE)]


def _inputs_ja(sentence: str) -> list[str]:
    s = strip_filler(sentence).rstrip("。.!！")
    s = re.sub(r"(?:しています|してます|します|しました|ています|てます|ます|です|でしょうか|ですね)$", "", s)
    s = (
        re.sub(
            r"(?:を|で|から|など|なんか|とか)*(?:見|確認し|参考にし|聞い|聴い|チェックし|調べ|比べ)(?:て|る)?$",
            "",
            s,
        )
        or s
    )
    trimmed = _INPUT_TAIL_JA.sub("", s)
    s = trimmed if len(trimmed) >= 2 else s
    # Split on list punctuation, and on と/や/とか/か only when MeCab calls them particles between nouns.
    pieces: list[str] = []
    current = ""
    for surface, pos1, pos2, _lemma in ja_morphemes(s):
        if (
            (pos1 == "補助記号" and surface in "、,・／/")
            or (
                pos1 == "助詞"
                and surface in ("と", "や", "とか", "か", "も", "あるいは", "または")
                and pos2 in ("格助詞", "副助詞", "係助詞", "並立助詞")
            )
            or pos1 == "接続詞"
            or surface in ("あと", "それから", "それと", "および", "及び", "または")
        ):
            pieces.append(current)
            current = ""
        else:
            current += surface
    pieces.append(current)
    # "後継者がいるかどうか" is one item, not "後継者がいる" and "どう"
    merged: list[str] = []
    for p in pieces:
        if p.strip() in ("どう", "どうか") and merged:
            merged[-1] += "かどうか"
        elif p.strip():
            merged.append(p)
    out = []
    for p in merged:
        p = re.sub(r"^(?:あと|それと|それから|そして|で|は|を|が|の)", "", p.strip())
        p = re.sub(r"(?:など|なんか|とか|くらい|ぐらい|程度|あたり|を|が|は|で|に|の)+$", "", p)
        if len(p) >= 2 and content_size(p) >= 1:
            out.append(p)
    return out
