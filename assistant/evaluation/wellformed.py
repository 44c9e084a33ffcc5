"""Eval checks on wording: does a detection question, target or input read as one clean phrase?

These are the eval's own judges, deliberately independent of the engine's parser: they look for the
traces that pasting an employee's words into a slot leaves behind (a wish frame, a filler, a capital
after "detect", a Japanese clause cut off at a particle), not for any particular wording.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from assistant.grounding import DETECT, VERBS
from assistant.vocabulary import Lang

# -- English -----------------------------------------------------------------------------------

#: First-person and wish frames: the employee talking, not a description of what is detected.
_EN_FRAME = re.compile(
    r"\b(?:i|i['’]d|i'?m|i['’]ve|i['’]ll|me|my|we|we['’]d|we['’]re|we['’]ve|we['’]ll|you|you['’]d)\b|"
    r"\b(?:want(?:s|ed)? to|would like|'d like|wish|hope to|need to know|love to know|like to know)\b",
    re.IGNORECASE,
)
#: Chat fillers and hedges that never belong in a slot.
_EN_FILLER = re.compile(
    r"\b(?:um+|uh+|erm|hmm+|idk|dunno|kinda|sorta|basically|honestly|actually|literally|"
    r"you know|i guess|i think|i mean|to be honest|tbh|lol|ok(?:ay)?|yeah|yep|nope|well,|so yeah|"
    r"stuff like that|or something|and stuff|and so on|etc)\b",
    re.IGNORECASE,
)
#: Words that start a sentence rather than a noun phrase; a capitalised one inside the question betrays a paste.
_EN_SENTENCE_START = {
    "the",
    "a",
    "an",
    "which",
    "whether",
    "what",
    "how",
    "when",
    "who",
    "where",
    "if",
    "i",
    "we",
    "it",
    "this",
    "that",
    "these",
    "those",
    "our",
    "my",
    "only",
    "just",
    "so",
    "and",
    "but",
    "because",
    "mostly",
    "usually",
    "then",
    "there",
    "they",
    "he",
    "she",
    "you",
    "no",
    "yes",
    "well",
    "honestly",
    "actually",
    "basically",
}
#: Vague items that stand for no input at all.
_EN_VAGUE = {
    "gut",
    "gut feel",
    "gut feeling",
    "feel",
    "feeling",
    "experience",
    "instinct",
    "intuition",
    "stuff",
    "things",
    "usual stuff",
    "the usual stuff",
    "everything",
    "anything",
    "whatever",
    "nothing",
    "various",
    "various things",
    "etc",
    "it depends",
    "depends",
    "not sure",
    "no idea",
    "dunno",
    "idk",
    "sorry",
}
_EN_FUNCTION_WORDS = {
    *_EN_SENTENCE_START,
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
    "or",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "do",
    "does",
    "did",
    "have",
    "has",
    "had",
    "really",
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
    "like",
    "kind",
    "sort",
    "lot",
    "lots",
    "bit",
    "guess",
    "think",
    "look",
    "looks",
    "check",
    "see",
}
_EN_PREPOSITION_END = re.compile(r"\b(?:in|on|at|to|for|from|with|by|about|of|like)$", re.IGNORECASE)
_EN_DANGLING_END = re.compile(
    r"\b(?:the|a|an|of|in|on|at|to|for|from|with|by|and|or|but|so|because|that|which|whether|if|"
    r"like|than|as|my|our|their|its|very|really)$",
    re.IGNORECASE,
)

# -- Japanese ----------------------------------------------------------------------------------

_JA_FRAME = re.compile(
    r"知りたい|わかりたい|分かりたい|ほしい|欲しい|分かれば|わかれば|知れれば|"
    r"一番大事|大事です|大切です|思います|と思う|気がします|かなと|でしょうか|ですかね|ですね|ですよ|"
    r"私|僕|わたし|うち(?:の|で|は)|我々|自分(?:が|で|は)"
)
_JA_FILLER = re.compile(
    r"えーと|ええと|えっと|あのー|あの、|まあ|まぁ|なんか|なんというか|正直|ぶっちゃけ|とりあえず|"
    r"すみません|すいません|ごめんなさい|よくわからない|わかりません|分かりません|特にない|色々|いろいろ"
)
_JA_VAGUE = {
    "勘",
    "経験",
    "感覚",
    "なんとなく",
    "雰囲気",
    "色々",
    "いろいろ",
    "全部",
    "全て",
    "すべて",
    "たま",
    "特に",
    "何も",
    "すみません",
    "いつもの",
    "その他",
    "など",
}
_JA_NOUN_POS = {"名詞", "代名詞", "接尾辞"}

_BRACKETS = [("(", ")"), ("（", "）"), ("[", "]"), ("「", "」"), ("『", "』"), ("【", "】"), ("{", "}")]


@functools.cache
def _tagger() -> Any:
    import fugashi  # lazy: only Japanese cases need the dictionary

    return fugashi.Tagger()


def _morphs(text: str) -> list[tuple[str, str, str]]:
    """(surface, pos1, pos2) of each MeCab/UniDic morpheme; a verb's 連用形 after の or alone is used as a
    noun (「生産者からの聞き取り」), so it is tagged as one here."""
    words = list(_tagger()(text))
    out: list[tuple[str, str, str]] = []
    for i, w in enumerate(words):
        pos1 = w.feature.pos1 or ""
        nominal = pos1 == "動詞" and (w.feature.cForm or "").startswith("連用形")
        if nominal and (i == 0 or words[i - 1].surface == "の"):
            pos1 = "名詞"
        out.append((w.surface, pos1, w.feature.pos2 or ""))
    return out


def balanced(text: str) -> bool:
    """Every opening bracket closes, in order."""
    stack: list[str] = []
    closers = {c: o for o, c in _BRACKETS}
    openers = {o for o, _ in _BRACKETS}
    for ch in text:
        if ch in openers:
            stack.append(ch)
        elif ch in closers and (not stack or stack.pop() != closers[ch]):
            return False
    return not stack and text.count('"') % 2 == 0


def _sentences_inside(text: str) -> bool:
    """More than one sentence: a full stop or question mark that is not at the very end."""
    body = text.strip().rstrip(".。!！?？ ")
    body = _ABBREVIATION.sub(" ", body)  # "our price vs. the market's", "e.g. a fan": one sentence
    return bool(re.search(r"[.!?]\s+\S|[。！？]\S", body))


_ABBREVIATION = re.compile(r"\b(?:vs|e\.g|i\.e|etc|approx|incl|no|nr|dept|mr|ms|dr|st)\.", re.IGNORECASE)


def phrase_problems(text: str, lang: Lang, kind: str = "target") -> list[str]:
    """Why `text` is not one clean phrase in `lang` (empty list: it is clean). `kind` names it in messages."""
    text = text.strip()
    if not text:
        return [f"{kind} is empty"]
    problems: list[str] = []
    if not balanced(text):
        problems.append(f"{kind} has unbalanced brackets or quotes")
    if _sentences_inside(text):
        problems.append(f"{kind} holds more than one sentence")
    if text.endswith(("、", ",", ";", ":", "…", "...")):
        problems.append(f"{kind} ends in {text[-1]!r}: a cut-off fragment")
    if lang == "ja":
        problems += _ja_problems(text, kind)
    else:
        problems += _en_problems(text, kind)
    return problems


def _en_problems(text: str, kind: str) -> list[str]:
    problems: list[str] = []
    if m := _EN_FRAME.search(text):
        problems.append(f"{kind} speaks in the first person or a wish frame ({m.group(0)!r})")
    if m := _EN_FILLER.search(text):
        problems.append(f"{kind} contains a filler or hedge ({m.group(0)!r})")
    words = re.findall(r"[A-Za-z][A-Za-z'-]*", text)
    if words and words[0].lower() in _EN_SENTENCE_START and words[0][0].isupper():
        problems.append(f"{kind} starts with a capitalised sentence opener ({words[0]!r}): a pasted sentence")
    if len(words) > 18:
        problems.append(f"{kind} is {len(words)} words long: a sentence, not a phrase")
    body = text.rstrip(" .,;:")
    # "which team it belongs to", "the article it's on": a preposition stranded after a pronoun and its verb
    # is English; "acceptance criteria for", "the yield of the" are cut off
    stranded = re.search(
        r"\b(?:it|they|this|that|he|she|we|you|which|what)\s+(?:\w+\s+)?\w+\s+\w+$|'s \w+$", body, re.I
    )
    if _EN_DANGLING_END.search(body) and not (stranded and _EN_PREPOSITION_END.search(body)):
        problems.append(f"{kind} ends in a function word: a cut-off fragment")
    return problems


def _ja_problems(text: str, kind: str) -> list[str]:
    problems: list[str] = []
    if m := _JA_FRAME.search(text):
        problems.append(f"{kind} speaks in the first person, a wish or an evaluation frame ({m.group(0)!r})")
    if m := _JA_FILLER.search(text):
        problems.append(f"{kind} contains a filler, hedge or apology ({m.group(0)!r})")
    if len(text) > 45:
        problems.append(f"{kind} is {len(text)} characters long: a sentence, not a phrase")
    if any(w.feature.pos1 == "助動詞" and w.feature.lemma == "たい" for w in _tagger()(text)):
        problems.append(f"{kind} speaks in a wish frame (たい)")
    core = re.sub(r"[（(][^（）()]*[）)]$", "", text.rstrip("。.、, "))  # an aside in brackets closes a phrase
    morphs = [m for m in _morphs(core) if m[1] not in ("補助記号", "空白")]
    if morphs:
        surface, pos1, _ = morphs[-1]
        question = pos1 == "助詞" and surface in ("か", "かどうか")
        if pos1 not in _JA_NOUN_POS and not question:
            problems.append(f"{kind} ends in {surface!r} ({pos1}): not a noun phrase or a か-question")
    if re.search(r"(?:です|ます|でした|ました)(?:[。、]|$)", text):
        problems.append(f"{kind} keeps a polite sentence ending")
    return problems


def content_words(text: str, lang: Lang) -> list[str]:
    """The words that carry meaning (nouns, verbs, adjectives; not fillers or function words)."""
    if lang == "ja":
        keep = {"名詞", "動詞", "形容詞", "形状詞", "接尾辞"}
        return [s for s, p1, p2 in _morphs(text) if p1 in keep and p2 != "非自立可能"]
    words = [w.lower() for w in re.findall(r"[A-Za-z0-9][A-Za-z0-9'-]*", text)]
    return [w for w in words if w not in _EN_FUNCTION_WORDS and not _EN_FILLER.fullmatch(w)]


def input_problems(item: str, lang: Lang) -> list[str]:
    """Why an input item is not a usable input: a filler, a hedge, a vague word or a fragment."""
    item = item.strip()
    norm = item.lower().strip(" .,;:!?。、")
    vague = _JA_VAGUE if lang == "ja" else _EN_VAGUE
    if norm in vague:
        return [f"input {item!r} is a vague word, not something one can record"]
    problems = phrase_problems(item, lang, kind=f"input {item!r}")
    words = content_words(item, lang)
    if not words:
        problems.append(f"input {item!r} has no content word: a fragment")
    return problems


_EN_VERBS = "|".join(re.escape(v) for v in (DETECT["en"], *VERBS["en"].values()))
_JA_VERBS = "|".join(re.escape(v) for v in (DETECT["ja"], *VERBS["ja"].values()))
# greedy inputs: the verb is the last ", forecast " (an input may itself be "forecast irradiance")
_EN_QUESTION = re.compile(rf"^Based on (?P<inputs>.+), (?:{_EN_VERBS}) (?P<target>.+?)\.?$", re.DOTALL)
_JA_QUESTION = re.compile(rf"^(?P<inputs>.+?)を基に[、,]?(?P<target>.+?)を(?:{_JA_VERBS})。?$", re.DOTALL)


def question_problems(question: str, lang: Lang) -> list[str]:
    """Why the detection question does not read as one clean sentence of the form the design fixes."""
    m = (_JA_QUESTION if lang == "ja" else _EN_QUESTION).match(question.strip())
    if not m:
        form = (
            "「Xを基に、Yを検出する」（または予測する・推定する…）"
            if lang == "ja"
            else "'Based on X, detect Y.' (or forecast, estimate...)"
        )
        return [f"the detection question is not of the form {form}"]
    problems = phrase_problems(m.group("target"), lang, kind="the question's target")
    if lang == "en":
        inputs = m.group("inputs")
        if _EN_FRAME.search(inputs) or _EN_FILLER.search(inputs):
            problems.append("the question's inputs speak in the first person or hold a filler")
        first = re.findall(r"[A-Za-z][A-Za-z'-]*", inputs)[:1]
        if first and first[0].lower() in _EN_SENTENCE_START and first[0][0].isupper():
            problems.append(f"the question's inputs start with a capitalised sentence opener ({first[0]!r})")
        if not balanced(inputs):
            problems.append("the question's inputs have unbalanced brackets")
    else:
        inputs = m.group("inputs")
        morphs = [x for x in _morphs(inputs) if x[1] not in ("補助記号", "空白")]
        if morphs and morphs[-1][1] not in _JA_NOUN_POS and not inputs.endswith("）"):
            problems.append(f"the question's inputs end in {morphs[-1][0]!r} ({morphs[-1][1]}) before を基に")
        if _JA_FRAME.search(inputs) or _JA_FILLER.search(inputs):
            problems.append("the question's inputs hold a wish frame, filler or apology")
        if not balanced(inputs):
            problems.append("the question's inputs have unbalanced brackets")
    return problems
