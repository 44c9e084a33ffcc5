"""Japanese morphemes by MeCab with UniDic-lite: one text-format parse per text, one tagger per thread."""

from __future__ import annotations

import functools
import re
import tempfile
import threading
from pathlib import Path
from typing import Any

#: Morpheme = (surface, pos1, pos2, lemma)
Morpheme = tuple[str, str, str, str]
#: Inflection = (surface, pos1, conjugated form, dictionary form)
Inflection = tuple[str, str, str, str]

# Only the fields we read (surface, pos1, pos2, lemma, cForm, orthBase), as one string per text: reading
# fugashi's node objects (a 26-field feature tuple per word) cost 3x the parse itself, and tokenizing was a
# third of the first index build. An unknown word has no lemma or dictionary form, so its surface stands in
# (as fugashi's `lemma or surface` gave).
_RESOURCE = "\n".join(
    [
        "output-format-type = theme",
        r"node-format-theme = %m\t%f[0]\t%f[1]\t%f[7]\t%f[5]\t%f[10]\n",
        r"unk-format-theme = %m\t%f[0]\t%f[1]\t%m\t%f[5]\t%m\n",
        "bos-format-theme = ",
        "eos-format-theme = ",
        "",
    ]
)
_local = threading.local()


def _tagger() -> Any:
    # One per thread: a MeCab tagger parses into its own lattice, so two threads must not share one.
    tagger = getattr(_local, "tagger", None)
    if tagger is None:
        import fugashi  # imported lazily: the dictionary loads in a few ms, but only when Japanese is seen
        import unidic_lite

        # MeCab takes an output format only from a resource file, read before the dictionary's own (which
        # then cannot override it); it is read once, when the tagger is made.
        with tempfile.TemporaryDirectory(prefix="theme-mecab-") as tmp:
            resource = Path(tmp) / "mecabrc"
            resource.write_text(_RESOURCE, encoding="utf-8")
            tagger = fugashi.GenericTagger(f'-r "{resource}" -d "{unidic_lite.DICDIR}"')
        _local.tagger = tagger
    return tagger


# One line per morpheme: surface, pos1, pos2, lemma, cForm, orthBase. fugashi strips the output's trailing
# whitespace, so the last line can lose its empty fields (they read as missing groups: "").
_FIELD = r"(?:\t([^\t\n]*)"
_LINE = re.compile(r"^([^\t\n]+)" + _FIELD * 5 + ")?" * 5 + "$", re.M)
_JA_SCRIPT = "\u3040-\u30ff\u3400-\u9fff\uff66-\uff9f"


def _unset(raw: str) -> str:
    return raw or "*"  # MeCab prints UniDic's "*" (unset) as nothing


def _lemma(raw: str) -> str:
    lemma = _unset(raw)
    # UniDic lemmas can carry an English gloss after a dash ("チラシ-leaflet").
    return lemma if lemma.startswith("-") else lemma.split("-")[0]


def ja_morphemes(text: str) -> list[Morpheme]:
    """(surface, pos1, pos2, lemma) of each morpheme; a field UniDic leaves unset reads "*"."""
    return [(m[0], m[1], _unset(m[2]), _lemma(m[3])) for m in _LINE.findall(_tagger().parse(text))]


def ja_inflections(text: str) -> list[Inflection]:
    """(surface, pos1, conjugated form, dictionary form) of each morpheme: 「し」 -> (し, 動詞, 連用形-一般, する)."""
    return [(m[0], m[1], _unset(m[4]), _unset(m[5])) for m in _LINE.findall(_tagger().parse(text))]


@functools.cache
def _content_line(pos1: frozenset[str]) -> re.Pattern[str]:
    surface = f"[^\\t\\n]*[{_JA_SCRIPT}][^\\t\\n]*"
    kinds = "|".join(sorted(map(re.escape, pos1)))
    # pos1, then pos2 and the lemma when present; the fields after the lemma are skipped
    return re.compile(f"^{surface}\\t(?:{kinds})(?:\\t[^\\t\\n]*(?:\\t([^\\t\\n]*)[^\\n]*)?)?$", re.M)


def ja_content_lemmas(text: str, pos1: frozenset[str]) -> list[str]:
    """The lemmas of the morphemes written in Japanese script whose part of speech is one of `pos1`, in
    order: what search indexes. The same as filtering ja_morphemes, without a tuple per morpheme (this is
    what tokenizing the knowledge base spends its time on)."""
    return [_lemma(lemma) for lemma in _content_line(pos1).findall(_tagger().parse(text))]
