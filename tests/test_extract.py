from __future__ import annotations

import pytest

from assistant.interview import extract as ex


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "I decide how much to bake. What I really want to know is how many loaves each shop will sell tomorrow.",
            "en",
            "how many loaves each shop will sell tomorrow",
        ),
        (
            "I wish I knew which machines will break down next week, so we could plan.",
            "en",
            "which machines will break down next week",
        ),
        ("どの設備が来週故障しそうかを早めに知りたいです。", "ja", "どの設備が来週故障しそうか"),
        (
            "発注のときに決めているのは、明日何個売れるかです。これがもっと確実に分かれば助かります。",
            "ja",
            "明日何個売れるか",
        ),
    ],
)
def test_target_is_the_employees_own_words(text, lang, expected):
    assert ex.extract_target(text, lang) == expected


def test_long_input_items_are_kept_clipped_so_their_data_type_is_seen():
    items = ex.extract_inputs(
        "The load from above. There's a camera on the tower that takes a photo of every load "
        "as it is tipped onto the pile.",
        "en",
    )
    assert any("camera on the tower" in i for i in items)


def test_no_target_from_dont_know():
    assert ex.extract_target("I don't know", "en") is None
    assert ex.extract_target("わかりません", "ja") is None


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "I look at the vibration readings, the oil temperature and the noise it makes.",
            "en",
            ["vibration readings", "oil temperature", "noise it makes"],
        ),
        ("振動の値と油温、あと異音を聞いて判断しています。", "ja", ["振動の値", "油温", "異音"]),
        ("社長の年齢や後継者がいるかどうかを見ています。", "ja", ["社長の年齢", "後継者がいるかどうか"]),
    ],
)
def test_inputs_are_split_into_items(text, lang, expected):
    assert ex.extract_inputs(text, lang) == expected


def test_several_pains_are_split():
    pains = ex.split_pains("Two things. First, the fresh waste every night. Second, ordering takes three hours a day.")
    assert pains == ["the fresh waste every night", "ordering takes three hours a day"]
    ja = ex.split_pains("1つ目は廃棄が多いこと、2つ目は品切れで売り逃すことです。")
    assert ja == ["廃棄が多いこと", "品切れで売り逃すことです"]
    assert ex.split_pains("We throw away too much bread.") == ["We throw away too much bread"]


@pytest.mark.parametrize(
    ("judgment", "data", "reason"),
    [
        ("There's no real decision, I just retype what's on the screen.", "", "no_decision"),
        ("判断することは特にありません。そのまま打つだけです。", "", "no_decision"),
        ("The rule is fixed: anything over 30 kg goes by freight.", "", "fixed_rule"),
        (
            "There isn't anything to decide from it; nobody changes anything because of it.",
            "We never find out what happened afterwards.",
            "no_outcome",
        ),
        (
            "I decide which loans to approve; it's hard to tell who will pay back.",
            "We keep 5 years of loans.",
            None,
        ),
    ],
)
def test_not_ml_reasons(judgment, data, reason):
    assert ex.not_ml_reason(judgment, data, "ja" if any(ord(c) > 0x3000 for c in judgment) else "en") == reason


def test_data_reading():
    r = ex.read_data("We keep 5 years of records in Excel and we also note whether the part failed.")
    assert r.exists and r.labels and r.amount and "5 years" in r.amount
    r = ex.read_data("記録はしていません。")
    assert r.exists is False


def test_modality_cues():
    assert ex.modality_cues("photos from the line camera")[0] == "image"
    assert "audio" in ex.modality_cues("打音の響き方を聞いて")
