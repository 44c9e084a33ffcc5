"""The MeCab fast path reads the same morphemes as fugashi's word objects, and each thread has its own tagger."""

from __future__ import annotations

import functools
import threading
from pathlib import Path

import fugashi
import yaml

from assistant.language import normalize
from assistant.morphemes import ja_inflections, ja_morphemes

ROOT = Path(__file__).resolve().parent.parent


@functools.cache
def _fugashi() -> fugashi.Tagger:
    return fugashi.Tagger()


def _reference(text: str) -> list[tuple[str, str, str, str]]:
    """What ja_morphemes returned when it read fugashi's nodes (before the fast path)."""
    out = []
    for word in _fugashi()(text):
        f = word.feature
        lemma = f.lemma or word.surface
        lemma = lemma.split("-")[0] if lemma and not lemma.startswith("-") else lemma
        out.append((word.surface, f.pos1 or "", f.pos2 or "", lemma))
    return out


def _reference_inflections(text: str) -> list[tuple[str, str, str, str]]:
    """What ja_inflections returned when it read fugashi's nodes."""
    return [
        (w.surface, w.feature.pos1 or "", w.feature.cForm or "*", w.feature.orthBase or w.surface)
        for w in _fugashi()(text)
    ]


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def test_the_fast_path_reads_what_fugashi_nodes_read():
    texts = [
        "製造ラインの不良品をAIで検出する。私はpump ｶﾀｶﾅ",  # unknown words, a pronoun (pos2 unset), a gloss
        "ライン-line、〜、・・・ 　全角 ＡＢＣ１２３ 😀 \t\n 改行",
        "毎月手で入力していて、ミスが多いんです。確認し",  # conjugated forms, a predicate cut mid-conjugation
        "",
    ]
    for path in sorted((ROOT / "knowledge" / "patterns").glob("*.yaml"))[:40]:
        texts += _strings(yaml.safe_load(path.read_text(encoding="utf-8")))
    texts += [normalize(t) for t in texts]
    for text in texts:
        assert ja_morphemes(text) == _reference(text), text
        assert ja_inflections(text) == _reference_inflections(text), text


def test_threads_parse_at_once_without_mixing_results():
    text = "お客様からの問い合わせメールを、どの部署に回すか毎日手で振り分けている"
    expected = ja_morphemes(text)
    results: list[bool] = []

    def work() -> None:
        results.append(all(ja_morphemes(text) == expected for _ in range(200)))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [True] * 4
