"""Language detection (ja/en) and tokenizing for search and extraction."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from typing import TypeVar

from assistant.morphemes import ja_content_lemmas

# where the understanding imports them from
from assistant.morphemes import ja_inflections as ja_inflections
from assistant.morphemes import ja_morphemes as ja_morphemes
from assistant.vocabulary import Lang

T = TypeVar("T")

_JA = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f]")
_LATIN = re.compile(r"[A-Za-z]")
_EN_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")

# Content parts of speech in UniDic that carry meaning for search.
_JA_CONTENT_POS = frozenset({"名詞", "動詞", "形容詞", "形状詞", "副詞", "接頭辞"})
_JA_STOP_LEMMAS = {
    "する",
    "為る",
    "居る",
    "有る",
    "在る",
    "成る",
    "言う",
    "事",
    "物",
    "もの",
    "こと",
    "よう",
    "様",
    "ため",
    "為",
    "方",
    "感じ",
    "思う",
    "ない",
    "無い",
    "れる",
    "られる",
    "出来る",
    "できる",
    "行く",
    "来る",
    "くる",
    "いる",
    "ある",
    "なる",
    "いう",
    "とき",
    "時",
    "所",
    "ところ",
}

_EN_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "am",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "i",
        "we",
        "you",
        "he",
        "she",
        "it",
        "they",
        "them",
        "our",
        "us",
        "my",
        "me",
        "your",
        "their",
        "this",
        "that",
        "these",
        "those",
        "there",
        "here",
        "what",
        "which",
        "who",
        "whom",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "some",
        "no",
        "not",
        "so",
        "than",
        "too",
        "very",
        "can",
        "could",
        "would",
        "should",
        "will",
        "just",
        "also",
        "about",
        "into",
        "over",
        "after",
        "before",
        "up",
        "out",
        "off",
        "then",
        "once",
        "only",
        "own",
        "same",
        "such",
        "more",
        "most",
        "other",
        "each",
        "few",
        "both",
        "own",
        "get",
        "got",
        "its",
        "it's",
        "i'm",
        "we're",
        "they're",
        "don't",
        "doesn't",
        "isn't",
        "can't",
        "won't",
        "lot",
        "lots",
        "really",
        "thing",
        "things",
        "one",
        "ones",
        "every",
        "much",
        "many",
        "like",
        "kind",
        "bit",
        "way",
        "well",
        "still",
        "even",
    ]
)


def detect_language(text: str, default: Lang = "en") -> Lang:
    """Japanese when Japanese script is a real share of the letters, else English."""
    ja = len(_JA.findall(text))
    latin = len(_LATIN.findall(text))
    if ja == 0 and latin == 0:
        return default
    # Japanese text often carries Latin product names; kana/kanji are denser per meaning.
    return "ja" if ja * 3 >= latin else "en"


def normalize(text: str) -> str:
    """NFKC (full-width digits and letters to ASCII), lower case for Latin, collapsed spaces."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", " ", text).strip().lower()


@functools.lru_cache(maxsize=65536)  # the same words recur across patterns and queries
def _stem_en(word: str) -> str:
    """A light suffix stripper: enough to join "breaks/broke/breaking" -> "break" style variants."""
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("ying", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            if suffix == "es" and not word.endswith(("ses", "xes", "zes", "ches", "shes")):
                return word[:-1]
            if suffix == "s" and word.endswith("ss"):
                return word
            return word[: len(word) - len(suffix)] + repl
    return word


def tokens(text: str) -> list[str]:
    """Content-word tokens for lexical search: stems in English, lemmas in Japanese (both kept
    when a text mixes the languages)."""
    text = normalize(text)
    out: list[str] = []
    if _JA.search(text):
        out += [lemma for lemma in ja_content_lemmas(text, _JA_CONTENT_POS) if lemma not in _JA_STOP_LEMMAS]
    for word in _EN_WORD.findall(text):
        if word not in _EN_STOP and not word.isdigit():
            out.append(_stem_en(word))
    return out


def most_shared(words: set[str], items: Sequence[T], text_of: Callable[[T], str], least: int = 1) -> T | None:
    """The item whose text shares the most tokens with `words` (the first on a tie), or None when it shares fewer
    than `least`: which pain a clause or sentence names."""
    if not items:
        return None
    best = max(items, key=lambda item: len(words & set(tokens(text_of(item)))))
    return best if len(words & set(tokens(text_of(best)))) >= least else None


def char_ngrams(text: str, sizes: tuple[int, ...] = (2, 3)) -> list[str]:
    """Character n-grams of Japanese runs, and of each Latin word padded with spaces.

    They make the embedding robust to conjugation, compounds and spelling variants,
    with no tokenizer model to download.
    """
    text = normalize(text)
    grams: list[str] = []
    for run in re.findall(r"[\u3040-\u30ff\u3400-\u9fff]+", text):
        for n in sizes:
            grams.extend(run[i : i + n] for i in range(max(0, len(run) - n + 1)))
        if len(run) == 1:
            grams.append(run)
    for word in _EN_WORD.findall(text):
        if word in _EN_STOP:
            continue
        padded = f" {word} "
        grams.append("w:" + _stem_en(word))
        for n in (3, 4, 5):
            grams.extend(padded[i : i + n] for i in range(max(0, len(padded) - n + 1)))
    return grams
