"""The things an employee looks at when judging, read from an answer as short noun phrases.

Inputs are the items of the list after "I look at" / 「〜を見ています」, split outside brackets, each cut back to
its noun phrase; vague items ("gut", 「経験」) are not inputs.
"""

from __future__ import annotations

import re

from assistant.core.update import Phrase
from assistant.understanding.phrases import DANGLING_EN, FIRST_PERSON
from assistant.understanding.text import (
    close_brackets,
    content_words,
    is_dont_know,
    nfkc,
    sentence_case,
    sentences,
    soften_ja_end,
    split_ja_coordination,
    split_outside_brackets,
    strip_fillers,
    trim_ja_phrase,
)
from assistant.vocabulary import Lang

_VAGUE_INPUT_EN = re.compile(
    r"^(?:gut(?: feel(?:ing)?)?(?: \w+)*|feel(?:ing)?|experience|instinct|intuition|common sense|stuff|things|(?:the )?usual(?: stuff)?|"
    r"everything|anything|whatever|various(?: things)?|it depends|depends|nothing|not much|sorry|idk|dunno|etc)$",
    re.I,
)


_VAGUE_INPUT_JA = re.compile(
    r"^(?:勘|経験|感覚|なんとなく|雰囲気|色々|いろいろ|全部|全て|すべて|その他|いつもの|特に|何も|すみません|あたり|辺り|"
    r"ところ|こと|もの|感じ)$"
)


_LOOK_FRAME_EN = re.compile(
    r"^.*?\b(?:look(?:s|ing)? at|check(?:s|ing)?|go(?:es)? by|rely on|use|used|read|listen(?:s)? to|watch|compare|know|"
    r"consider|based on|depends on|mostly|mainly)\b\s*(?:is\s+|are\s+)?(?:the\s+|a\s+)?",
    re.I,
)


_LIST_SEP_EN = re.compile(r"\s*(?:,|;|/|\band also\b|\bas well as\b|\bplus\b|\band\b|\bor\b)\s*", re.I)


_LIST_SEP_JA = re.compile(r"\s*(?:、|，|,|・|／|/|や|あと(?:は)?|それから|それと|とか|に加えて)\s*")


_LEAD_ADVERB_EN = re.compile(r"^(?:sometimes|often|usually|also|mostly|mainly|then|maybe|occasionally)\s+", re.I)


_LEAD_DET_EN = re.compile(
    r"^(?:the|a|an|our|my|their|his|her|its|any|some|all(?: the)?|both|just|also|then|maybe)\s+", re.I
)


_TAIL_EN = re.compile(
    r"\s*(?:\b(?:etc|and so on|and stuff|and things|too|as well|mostly|usually|really)\b\.?|\b(?:which|that|because|so|"
    r"to see|to check|when|if|who|where)\b.*)$",
    re.I,
)


_LOOK_TAIL_JA = re.compile(
    r"(?:を|は|が|も)?(?:見て|見ながら|確認して|チェックして|参考に|頼りに|基に|もとに|見比べて|聞いて|使って)"
    r"(?:います|いる|ます|る|判断|決め|い)?.*$"
)


def read_inputs(text: str, lang: Lang) -> list[Phrase]:
    """The things looked at when judging, each a short noun phrase; fillers and vague words dropped."""
    if not text.strip() or is_dont_know(text):
        return []
    items: list[Phrase] = []
    for sentence in sentences(nfkc(text)):
        pieces = _pieces_ja(sentence) if lang == "ja" else _pieces_en(sentence)
        for piece in pieces:
            if piece and not any(piece.lower() == i.text.lower() for i in items):
                items.append(Phrase(text=piece[:100], quote=sentence))
    return items


def _pieces_en(sentence: str) -> list[str]:
    # "material - lots of old cast iron and some AC pipe - diameter": an aside between spaced dashes describes the
    # item before it; it is no item of its own
    sentence = re.sub(r"\s[-–—]\s[^-–—]{3,80}?\s[-–—]\s", ", ", sentence)
    body = strip_fillers(sentence, "en")
    frame = _LOOK_FRAME_EN.search(body)
    # "I mostly look at X, Y": the frame opens the answer; "…, parking use, …" inside a list is no frame
    opens = frame is not None and len(body[: frame.end()].split()) <= 8 and not re.search(r",", body[: frame.start()])
    framed = body[frame.end() :] if frame is not None and opens else body
    out = []
    for raw in split_outside_brackets(framed, _LIST_SEP_EN):
        aside = re.search(r"\s*\([^()]*\)", raw)  # a bracketed aside is kept whole, its words are no clause tail
        masked = raw.replace(aside.group(0), " \x00") if aside else raw
        cleaned = strip_fillers(masked, "en")
        tail = _TAIL_EN.search(cleaned)
        # a clause after the noun is dropped ("the drawing, which we check"); an item that is a clause stays
        item = (cleaned[: tail.start()] if tail and tail.start() > 0 else cleaned).strip(" .,;:!?")
        if aside:
            # "soil type (we have corrosive clay on the east side)": a remark in brackets goes, the item stays
            remark = bool(FIRST_PERSON.search(aside.group(0)))
            item = item.replace("\x00", "" if remark else aside.group(0).strip()).strip()
        item = _LEAD_DET_EN.sub("", _LEAD_ADVERB_EN.sub("", item))
        item = _LEAD_DET_EN.sub("", item)
        item = close_brackets(item).strip(" .,;:")
        item = re.sub(r"\b(?:our|my|your)\b", "the", item, flags=re.I)
        item = re.sub(
            r"^(?:i|we|you|they)\s+(?:\w+\s+)?(?:look at|check|use|see|compare|read|watch|listen to|know)\s+",
            "",
            item,
            flags=re.I,
        )
        item = DANGLING_EN.sub("", item).strip(" .,;:")
        vague_tail = re.search(r"\b(?:thing|things|stuff|one|ones)$", item, re.I)  # "the invoice thing" names no input
        if FIRST_PERSON.search(item) or _VAGUE_INPUT_EN.match(item) or vague_tail or len(content_words(item, "en")) < 1:
            continue
        if len(item.split()) > 9:
            item = " ".join(item.split()[:9]).rstrip(",")
            item = close_brackets(re.sub(r"\s+\b(?:the|a|an|of|in|on|at|to|for|with|by|and|or)$", "", item))
        out.append(sentence_case(item))
    return out


def _pieces_ja(sentence: str) -> list[str]:
    body = strip_fillers(sentence, "ja").rstrip("。！？!?")
    body = _LOOK_TAIL_JA.sub("", body) if _LOOK_TAIL_JA.search(body) else body
    out = []
    raws = [r for piece in split_outside_brackets(body, _LIST_SEP_JA) for r in split_ja_coordination(piece)]
    for raw in raws:
        item = soften_ja_end(trim_ja_phrase(strip_fillers(raw, "ja")))
        item = re.sub(r"(?:あたり|辺り|くらい|ぐらい|など|とか)$", "", item)
        item = re.sub(r"^(?:まず|主に|あとは?|それと|特に|は|も)", "", item)
        item = close_brackets(item).strip("、, ")
        if not item or _VAGUE_INPUT_JA.match(item) or len(content_words(item, "ja")) < 1:
            continue
        out.append(item[:40])
    return out
