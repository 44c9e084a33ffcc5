"""The detection question's verb fits the task kind (a forecast is forecast, an amount estimated), in both languages."""

from __future__ import annotations

import pytest

from assistant.evaluation.wellformed import question_problems
from assistant.grounding import detection_sentence


@pytest.mark.parametrize(
    ("kind", "en", "ja"),
    [
        ("forecasting", "Based on bookings and the weather, forecast how many rooms sell tonight.", "を予測する"),
        ("regression", "Based on bookings and the weather, estimate how many rooms sell tonight.", "を推定する"),
        ("optimization", "Based on bookings and the weather, work out how many rooms sell tonight.", "を求める"),
        ("classification", "Based on bookings and the weather, detect how many rooms sell tonight.", "を検出する"),
        (None, "Based on bookings and the weather, detect how many rooms sell tonight.", "を検出する"),
    ],
)
def test_the_verb_follows_the_task_kind(kind: str | None, en: str, ja: str) -> None:
    sentence = detection_sentence(["bookings", "the weather"], "how many rooms sell tonight", "en", kind)
    assert sentence == en and question_problems(sentence, "en") == []
    japanese = detection_sentence(["予約数", "天気"], "今夜何室売れるか", "ja", kind)
    assert japanese.endswith(ja) and question_problems(japanese, "ja") == []


def test_a_sentence_of_another_shape_is_still_refused() -> None:
    assert question_problems("We should forecast the rooms using bookings.", "en")
    assert question_problems("予約数を見て今夜の部屋を予想したい", "ja")


def test_an_input_that_starts_with_the_verb_is_not_the_target() -> None:
    """ "forecast irradiance" is an input of a forecast: the target is what follows the last verb."""
    inputs = ["forecast irradiance", "forecast cloud cover", "actual production of the last days"]
    sentence = detection_sentence(inputs, "the park's power output for the next day", "en", "forecasting")
    assert question_problems(sentence, "en") == []
