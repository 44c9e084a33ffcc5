from __future__ import annotations

from assistant.language import char_ngrams, detect_language, tokens


def test_detects_japanese_even_with_latin_product_names():
    assert detect_language("POSのデータとExcelで発注しています") == "ja"
    assert detect_language("I order bread for 40 stores") == "en"
    assert detect_language("12345", default="ja") == "ja"


def test_tokens_use_lemmas_and_stems():
    assert "売り上げ" in tokens("売上が落ちた")
    assert "break" in tokens("the press breaks often")
    assert "the" not in tokens("the press")


def test_char_ngrams_cover_both_scripts():
    grams = char_ngrams("発注 orders")
    assert "発注" in grams and "w:order" in grams
