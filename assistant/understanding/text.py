"""Text machinery for the offline parser: sentences, clauses, fillers, content words, clean noun phrases."""

from __future__ import annotations

import re
import unicodedata

from assistant.language import ja_inflections, ja_morphemes
from assistant.understanding import lexicon as lx
from assistant.vocabulary import Lang

#: "last year... around 60 of them": an ellipsis before a lower-case word or a number is a pause, not an end
_SENTENCE = re.compile(r"(?<=[.!?。！？])(?<!\.\.\.)\s+|(?<=\.\.\.)\s+(?![a-z0-9])|(?<=[。！？])|\n+")
_JA_CHARS = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")
_OPEN, _CLOSE = "(（[「『【", ")）]」』】"


def nfkc(text: str) -> str:
    """Unicode-normalised text with one space between words (full-width digits become ASCII)."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[ \t]+", " ", text).strip()


def sentences(text: str) -> list[str]:
    """Sentences, never split inside brackets: "(crime stories are the worst. by far)" stays one aside."""
    return split_outside_brackets(text, _SENTENCE)


def split_outside_brackets(text: str, separators: re.Pattern[str]) -> list[str]:
    """Split at `separators`, but never inside brackets 「（…）」: a list item keeps its own aside."""
    parts: list[str] = []
    depth, start = 0, 0
    pos = 0
    while pos < len(text):
        ch = text[pos]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE and depth:
            depth -= 1
        elif depth == 0:
            m = separators.match(text, pos)
            if m and m.end() > pos:
                parts.append(text[start:pos])
                start = pos = m.end()
                continue
            if m and pos > start:  # a zero-width separator (after 「。」): split here
                parts.append(text[start:pos])
                start = pos
        pos += 1
    parts.append(text[start:])
    return [p.strip() for p in parts if p and p.strip()]


def close_brackets(text: str) -> str:
    """Drop an aside whose bracket was never closed (a cut-off "(how many times we" fragment)."""
    for o, c in zip(_OPEN, _CLOSE, strict=True):
        while text.count(o) > text.count(c):
            text = text[: text.rfind(o)].rstrip(" ,、")
        while text.count(c) > text.count(o):
            i = text.find(c)
            text = (text[:i] + text[i + 1 :]).strip()
    return text


def strip_fillers(text: str, lang: Lang) -> str:
    """Remove fillers and hedges wherever they stand, and the punctuation they leave behind."""
    if lang == "ja":
        text = lx.FILLER_JA.sub("", text)
        text = lx.APOLOGY.sub("", text)
        return re.sub(r"^[、。,\s…ー]+|[、,\s…]+$", "", re.sub(r"、\s*、+", "、", text))
    text = lx.FILLER_EN.sub(" ", text)
    text = lx.LEADING_FILLER_EN.sub("", text.strip())
    text = re.sub(r"([,;:]\s*)(?:well|yeah|oh|right)\b[,]?\s+", r"\1", text, flags=re.IGNORECASE)
    text = re.sub(r"\s+([,.;:!?])", r"\1", text)
    text = re.sub(r"(^|[,;:]\s*)[,;:]+\s*", r"\1", text)
    return re.sub(r"\s+", " ", text).strip(" ,;:-–—")


def is_japanese(text: str) -> bool:
    return bool(_JA_CHARS.search(text))


def content_words(text: str, lang: Lang) -> list[str]:
    """Nouns, verbs and adjectives (Japanese: by MeCab part of speech; English: not a function word)."""
    if lang == "ja" or is_japanese(text):
        keep = ("名詞", "動詞", "形容詞", "形状詞", "接尾辞")
        return [m[0] for m in ja_morphemes(text) if m[1] in keep and m[2] != "非自立可能" and m[0] not in "ー"]
    found = re.findall(r"[A-Za-z0-9][A-Za-z0-9'/-]*", lx.FILLER_EN.sub(" ", text))
    return [w for w in found if w.lower() not in _FUNCTION_EN]


def sentence_case(text: str) -> str:
    """Lower the first letter of a phrase unless it starts an acronym or a name ("SAP", "Maximo")."""
    m = re.match(r"([A-Z])([a-z'-]*)", text)
    if not m or (len(m.group(0)) == 1 and text[1:2].isupper()):
        return text
    word = m.group(0).lower()
    if word in _FUNCTION_EN or word in _COMMON_START:
        return text[0].lower() + text[1:]
    return text


def is_dont_know(text: str) -> bool:
    """ "I don't know" and nothing more: "hard to say... maybe 400 dollars a case" is an answer with a hedge."""
    text = text.strip()
    if not lx.DONT_KNOW.search(text):
        return False
    rest = lx.DONT_KNOW.sub("", text, count=1)
    return not re.search(r"\d", rest) and len(content_words(rest, "ja" if is_japanese(text) else "en")) < 4


_JA_SOFT_END = re.compile(
    r"(?:あたり|辺り|くらい|ぐらい|など|なんか|とか|等)?(?:ですかね|ですよね|ですね|ですか|かなと?|かなー|です|ます|でしょうか|"
    r"だと思います|と思います|かも|ね|よ)+$"
)


#: Nouns that say when or how much rather than what (UniDic tags them 名詞-普通名詞-副詞可能).
JA_TIME_NOUNS = {
    "前",
    "後",
    "あと",
    "とき",
    "時",
    "際",
    "うち",
    "間",
    "頃",
    "ころ",
    "段階",
    "時点",
    "今",
    "最中",
    "途中",
    "だいたい",
    "大体",
    "ほとんど",
    "全部",
    "ちょっと",
    "少し",
    "たくさん",
}


def soften_ja_end(text: str) -> str:
    """Drop the hedged sentence ending of a Japanese item (「〜あたりですかね」「〜ですね」)."""
    return _JA_SOFT_END.sub("", text).strip("、, ")


_JA_LEAD = ("接続詞", "助詞", "補助記号")
#: Endings left when 「〜んです」「〜なんです」「〜て」 were cut off: a nominaliser, a stray particle
_JA_TAIL = {"ん", "の", "なん", "て", "で", "けど", "が", "から", "し", "って"}


def finish_ja_clause(text: str) -> str:
    """A Japanese clause as a phrase that stands alone: no leading 「で、」「と」, no trailing 「ん」「なん」 left
    from 「〜んです」, and a predicate cut in mid-conjugation restored to its dictionary form
    (「気がし」 -> 「気がする」, 「見るしかなく」 -> 「見るしかない」)."""
    morphs = ja_inflections(text)
    start = 0
    if len(morphs) > 3 and morphs[0][1] == "代名詞" and morphs[1][1] == "助詞" and morphs[2][0] == "、":
        start = 3  # 「それで、」「それから、」: a connective written as pronoun + particle
    while start < len(morphs) - 1 and morphs[start][1] in _JA_LEAD and morphs[start][0] not in ("「", "（", "("):
        start += 1
    end = len(morphs)
    while end > start + 1 and morphs[end - 1][1] in ("助詞", "補助記号") and morphs[end - 1][0] in _JA_TAIL | {"、"}:
        end -= 1
    kept = morphs[start:end]
    if not kept:
        return text
    _surface, pos1, form, base = kept[-1]
    mid_word = form.startswith(("連用形", "未然形", "仮定形", "意志推量形")) and pos1 in ("動詞", "形容詞", "助動詞")
    if mid_word and base and base != "*":
        kept = [*kept[:-1], (base, pos1, "終止形", base)]
    return "".join(m[0] for m in kept)


def split_ja_coordination(text: str) -> list[str]:
    """Split 「AとB」 where と joins two nouns (MeCab: a case particle between nouns), not 「〜と思う」."""
    morphs = ja_morphemes(text)
    parts: list[str] = []
    current = ""
    for i, (surface, pos1, _pos2, _lemma) in enumerate(morphs):
        prev_noun = i > 0 and (morphs[i - 1][1] in ("名詞", "接尾辞") or morphs[i - 1][0] in _CLOSE)
        next_noun = i + 1 < len(morphs) and morphs[i + 1][1] in ("名詞", "接頭辞", "代名詞")
        if surface == "と" and pos1 == "助詞" and prev_noun and next_noun:
            parts.append(current)
            current = ""
            continue
        current += surface
    parts.append(current)
    return [p for p in parts if p.strip()]


def trim_ja_phrase(text: str) -> str:
    """Cut a Japanese clause back to the noun phrase it ends in (or its か-question): drop the verb,
    auxiliaries and particles after the last noun, as in 「売上を見て」->「売上」, 「〜とか」->「〜」."""
    morphs = ja_morphemes(text)
    end = len(morphs)
    while end > 0:
        surface, pos1, pos2, _ = morphs[end - 1]
        degree = pos2 == "副詞可能" or surface in (
            "だいたい",
            "大体",
            "ほとんど",
            "全部",
            "ちょっと",
            "少し",
            "たくさん",
        )
        adverbial = degree and end > 1 and morphs[end - 2][1] == "助詞"
        if (
            pos1 in ("名詞", "代名詞", "接尾辞")
            and surface not in ("こと", "の", "もの", "とこ", "ところ", "感じ")
            and not adverbial
        ):
            break
        if pos1 == "助詞" and surface in ("か", "かどうか") and end > 1:
            break
        if pos1 == "補助記号" and surface in _CLOSE:
            break
        end -= 1
    return "".join(m[0] for m in morphs[:end]).strip("、, ")


_FUNCTION_EN = {
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "at",
    "to",
    "for",
    "from",
    "with",
    "by",
    "about",
    "and",
    "or",
    "but",
    "so",
    "if",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "do",
    "does",
    "did",
    "have",
    "has",
    "had",
    "it",
    "its",
    "it's",
    "this",
    "that",
    "these",
    "those",
    "there",
    "i",
    "me",
    "my",
    "we",
    "us",
    "our",
    "you",
    "your",
    "they",
    "them",
    "their",
    "he",
    "she",
    "his",
    "her",
    "very",
    "much",
    "more",
    "some",
    "any",
    "all",
    "each",
    "every",
    "other",
    "also",
    "too",
    "not",
    "no",
    "yes",
    "lot",
    "lots",
    "bit",
    "stuff",
    "things",
    "thing",
    "what",
    "which",
    "who",
    "how",
    "when",
    "where",
    "whether",
    "than",
    "as",
    "then",
    "up",
    "out",
    "into",
    "over",
    "can",
    "could",
    "would",
    "will",
    "should",
    "might",
    "must",
    "may",
    "look",
    "looks",
    "looking",
    "check",
    "checks",
    "see",
    "get",
    "got",
}
_COMMON_START = {"only", "usually", "mostly", "mainly", "basically", "first", "then", "whether", "which", "how"}
