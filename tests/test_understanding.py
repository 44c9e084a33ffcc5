"""The offline understanding step on new sentences of each kind the round-1 engine got wrong, both languages.

None of these sentences is in an eval case: each test is one mechanism (frames, questions, lists,
negation, fillers, corrections, switches), shown on utterances written for it.
"""

from __future__ import annotations

import pytest

from assistant.state import InterviewState, Pain, Quote
from assistant.understanding.inputs import read_inputs
from assistant.understanding.offline import understand
from assistant.understanding.phrases import read_target
from assistant.understanding.records import read_data


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # wish and judgment frames are dropped, the clause kept
        ("The judgment is whether the tenant will pay on time.", "en", "whether the tenant will pay on time"),
        (
            "Honestly what I'd really like to know is which orders will ship late, so I can warn people.",
            "en",
            "which orders will ship late",
        ),
        ("I wish I knew earlier which trucks are going to break down.", "en", "which trucks are going to break down"),
        # a yes/no question becomes a whether-clause, the speaker leaves the clause
        (
            "is this valve about to leak, or can it wait till the next shutdown",
            "en",
            "whether this valve is about to leak",
        ),
        ("does this invoice match a purchase order or not", "en", "whether this invoice matches a purchase order"),
        ("how many tonnes will we ship next week", "en", "how many tonnes will be shipped next week"),
        ("来月どの店舗で欠品が出そうかが一番知りたいです", "ja", "来月どの店舗で欠品が出そうか"),
        ("えーと、このロットが規格に入るかどうか、出荷前に分かればいいんですけど", "ja", "ロットが規格に入るかどうか"),
        ("正直、品質のばらつきが一番大事ですね", "ja", "品質のばらつき"),
        # a clause that only says when (「〜のとき」「〜前」) is no target; a decision verb does not outrank the question
        ("品質会議のときに決めるのは、どのロットを再検査に回すかです。", "ja", "どのロットを再検査に回すか"),
        (
            "どの配管が来年漏れそうかを、壊れる前に知りたいです。今は担当者が目で見て判断しています。",
            "ja",
            "どの配管が来年漏れそうか",
        ),
        # one question over several clauses is kept whole
        ("どの現場に、どの職人を、何日入れるか。予算も気になりますけど", "ja", "どの現場に、どの職人を、何日入れるか"),
        # how finely it is wanted (「店舗ごと」, "per route") is no target; the question is
        (
            "来週の各日に何件の問い合わせが来るか。できれば窓口ごとに分かるといいんですけど",
            "ja",
            "来週の各日に何件の問い合わせが来るか",
        ),
        (
            "how many parcels each depot gets next week. ideally i'd like to know per route, but per depot is fine",
            "en",
            "how many parcels each depot gets next week",
        ),
        # an abstract noun (「〜の怖さ」) names no outcome; the decided question does
        (
            "この患者さんが1週間以内に再入院するかを判断しています。数字に出ない怖さを知りたいです。",
            "ja",
            "患者さんが1週間以内に再入院するか",
        ),
    ],
)
def test_targets_are_clean_clauses_not_pasted_sentences(text, lang, expected):
    found = read_target(text, lang)
    assert found is not None and found.text == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("idk really", "en"),
        ("that one, I guess", "en"),
        ("すみません、ちょっとわからないです", "ja"),
        ("それですね", "ja"),
    ],
)
def test_vague_answers_and_pointers_give_no_target(text, lang):
    assert read_target(text, lang) is None


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        (
            "mostly the delivery notes, the driver's photos (if there are any), and whether the pallet was re-wrapped",
            "en",
            ["delivery notes", "driver's photos (if there are any)", "whether the pallet was re-wrapped"],
        ),
        ("gut feel mostly, plus the weather forecast I guess", "en", ["weather forecast"]),
        ("we check our old quotes and the drawing", "en", ["old quotes", "drawing"]),
        ("過去の注文履歴と在庫表、あとは天気ですかね", "ja", ["過去の注文履歴", "在庫表", "天気"]),
        ("検査記録（温度、圧力）とカメラの画像を見て決めてます", "ja", ["検査記録(温度、圧力)", "カメラの画像"]),
        ("たまに見ます", "ja", []),
        (
            "Region, contract length, how often they call, parking use, and which plans they've dropped.",
            "en",
            ["Region", "contract length", "how often they call", "parking use", "which plans they've dropped"],
        ),
        (
            "the weight ticket, sometimes the moisture reading, and gut feel from years on the yard",
            "en",
            ["weight ticket", "moisture reading"],
        ),
        ("すみません、特にないです", "ja", []),
    ],
)
def test_inputs_are_items_not_fillers(text, lang, expected):
    assert [p.text for p in read_inputs(text, lang)] == expected


@pytest.mark.parametrize(
    ("text", "lang", "recorded", "outcomes"),
    [
        ("Returns aren't logged anywhere, it's all in the warehouse lead's head.", "en", False, None),
        ("Every claim since 2015 is in Guidewire, with what we paid out in the end.", "en", True, True),
        ("We keep the sensor data but nobody writes down which pumps actually failed.", "en", True, False),
        ("検査の画像は残してますが、不良だったかどうかは記録してないです", "ja", True, False),
        ("結果は全部システムに入ってます。5年分くらい", "ja", True, True),
        ("何も記録してないです", "ja", False, None),
    ],
)
def test_what_is_recorded_reads_negation_in_scope(text, lang, recorded, outcomes):
    found = read_data(text, lang, "which pumps will fail")
    assert found is not None
    said = {True: "yes", False: "no", None: None}
    assert found.recorded == said[recorded] and found.outcomes_recorded == said[outcomes]


def _state(lang: str, *pains: str) -> InterviewState:
    state = InterviewState(lang=lang)  # type: ignore[arg-type]
    for text in pains:
        state.pains.append(Pain(text=text, quote=Quote(text=text, turn=0)))
    if state.pains:
        state.focus = state.pains[0].id
    return state


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("idk, everything? numbers are just down", "en"),
        ("どうですかね。色々ありますけど…", "ja"),
        ("sorry, not sure", "en"),
    ],
)
def test_fillers_and_apologies_are_no_pains(text, lang):
    update = understand(text, _state(lang), "pains")
    assert update.pains == [] and update.vague


def test_a_correction_with_a_number_changes_the_value_not_the_target():
    state = _state("en", "forklifts break down")
    update = understand("No wait, it's about 12 a month, not 20.", state, "inputs")
    assert [c.slot for c in update.corrections] == ["value"] and update.target is None


def test_a_correction_of_what_they_want_to_know_changes_the_target():
    state = _state("ja", "配送が遅れる")
    update = understand("いや、むしろどの便が遅れそうかが知りたいです", state, "inputs")
    assert update.target is not None and update.target.text == "どの便が遅れそうか"
    assert [c.slot for c in update.corrections] == ["target"] and update.inputs == []


@pytest.mark.parametrize(
    ("lang", "pains", "text", "expected"),
    [
        (
            "en",
            ["invoices get keyed in by hand", "the kilns overheat"],
            "actually the kiln thing matters more",
            "the kilns overheat",
        ),
        ("ja", ["伝票の入力が大変", "機械の故障で止まる"], "やっぱり故障の方が大きいです", "機械の故障で止まる"),
    ],
)
def test_a_switch_turns_to_the_other_pain(lang, pains, text, expected):
    update = understand(text, _state(lang, *pains), "judgment")
    assert update.switch_to == expected


@pytest.mark.parametrize(
    ("text", "lang", "verdict"),
    [
        ("honestly there isn't much of a decision, I just copy the totals across", "en", "no_decision"),
        ("No real judgment involved, the screen tells me what to type.", "en", "no_decision"),
        ("判断というほどのことは特にないです。画面の数字を写すだけなので", "ja", "no_decision"),
        ("The rate table sets the price for every size, so I just look it up.", "en", "fixed_rule"),
        ("金額は規定の表で全部決まってるので、当てはめるだけです", "ja", "fixed_rule"),
        ("It's a real judgment call, it takes years of experience to get right.", "en", None),
        ("判断が難しくて、ベテランしか分からないんです", "ja", None),
    ],
)
def test_no_decision_and_fixed_rules_are_read_with_negation_in_scope(text, lang, verdict):
    from assistant.understanding.verdicts import read_not_ml

    assert read_not_ml(text, lang) == verdict


def test_knowing_inside_a_list_of_inputs_is_no_wish():
    state = _state("en", "bad lots get through")
    update = understand(
        "the certificate, the density reading, and honestly a hunch from knowing which mills cut corners",
        state,
        "inputs",
    )
    assert update.target is None
    assert [i.text for i in update.inputs][:2] == ["certificate", "density reading"]


@pytest.mark.parametrize(
    ("text", "lang", "pain_words"),
    [
        (
            "hello! I run the claims desk at a car insurer. honestly the worst part is spotting padded repair bills",
            "en",
            "padded repair bills",
        ),
        ("I look after 30 forklifts and they break down without warning", "en", "break down"),
        (
            "倉庫の在庫管理を担当しています。一番困っているのは、月末の棚卸しで数が合わないことです",
            "ja",
            "数が合わない",
        ),
    ],
)
def test_the_opening_separates_the_job_from_the_pain(text, lang, pain_words):
    update = understand(text, _state(lang), None)
    assert update.pains and pain_words in update.pains[0].text
    assert update.work is not None and pain_words not in update.work.text


def test_matters_more_about_the_current_pain_keeps_the_focus():
    state = _state("en", "padded repair bills get paid")
    update = understand("there's also the call backlog, but the repair bills one matters more", state, None)
    assert update.switch_to == "padded repair bills get paid"


@pytest.mark.parametrize(
    "text",
    [
        "お疲れ様です。倉庫で出荷の管理をしています。",
        "hi! good morning. I plan the bus rosters.",
        "こんにちは。",
        "hello",
    ],
)
def test_greetings_alone_are_no_work_and_never_crash(text):
    lang = "ja" if any(ord(c) > 0x3000 for c in text) else "en"
    update = understand(text, _state(lang), None)
    assert update.work is None or update.work.text.strip()


def test_the_pain_phrase_drops_the_frame_that_points_at_it():
    from assistant.understanding.phrases import short_phrase

    assert short_phrase("一番困ってるのは配送の遅れですね", "ja") == "配送の遅れ"
    assert (
        short_phrase("honestly the biggest headache is invoices that don't match", "en") == "invoices that don't match"
    )


def test_a_thing_is_no_input_and_late_records_are_read_after_the_proposal():
    state = _state("en", "invoices are matched by hand")
    assert understand("the invoice thing", state, "inputs").inputs == []
    late = understand("we have everything in SAP since 2019, paid/unpaid status too", state, None)
    assert late.data is not None and late.data.recorded == "yes"


@pytest.mark.parametrize(
    ("lang", "text", "first_kinds", "second_kinds"),
    [
        (
            "en",
            "The worst part is guessing which orders will ship late, so customers cancel. "
            "Re-keying the carrier invoices is also a pain, it eats two hours a day.",
            [],
            ["time_total"],
        ),
        (
            "ja",
            "一番困るのは、どの金型がそろそろ割れるか分からないことです。それと、日報の転記で毎日1時間取られてます。",
            [],
            ["time_total"],
        ),
    ],
)
def test_a_figure_belongs_to_the_pain_of_its_own_sentence(lang, text, first_kinds, second_kinds):
    from assistant.interview.policy import apply_update

    state = InterviewState(lang=lang)
    focus = apply_update(state, understand(text, state, "pains"), turn=1)
    assert focus is not None and len(state.pains) == 2
    first, second = state.pains
    assert [m.quantity.kind for m in first.measures] == first_kinds
    assert [m.quantity.kind for m in second.measures] == second_kinds


def test_half_empty_is_no_share():
    from assistant.understanding.quantities import read_quantities

    assert read_quantities("some nights we're half empty and the rate was cut too late", "en") == []
    assert [q.kind for q in read_quantities("half the time the forecast is wrong", "en")] == ["share"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a leading conjunction and the nominaliser left from 「〜んです」 go; a cut predicate is finished
        ("で、月末になると請求書の突合が終わらないんです", "月末になると請求書の突合が終わらない"),
        ("それで、夜勤帯は転倒が増えてる気がします", "夜勤帯は転倒が増えてる気がする"),
        ("結局は担当者の勘なんです", "担当者の勘"),
        ("検品は目で見るしかなくて", "検品は目で見るしかない"),
    ],
)
def test_japanese_pain_phrases_stand_alone(text, expected):
    from assistant.understanding.phrases import short_phrase

    assert short_phrase(text, "ja") == expected


def test_a_discourse_marker_is_no_part_of_the_target():
    target = read_target("要は、この取引先が支払いを遅らせそうかどうかです", "ja")
    assert target is not None and "支払い" in target.text and not target.text.startswith("要は")


@pytest.mark.parametrize(
    ("text", "lang", "work_words", "pains"),
    [
        # a sentence that only names things of the job, before the one that says what hurts, is the work
        (
            "生保の支払査定の部署で書類のチェックをしてます。困りごとが2つあって、診断書の読み取りに時間がかかるのと、"
            "不正っぽい請求を見抜けないことです",
            "ja",
            "書類のチェック",
            ["診断書の読み取りに時間がかかる", "不正っぽい請求を見抜けない"],
        ),
        # plain evaluative adjectives judge a sentence as the pain
        (
            "Hey, I run a warehouse for a pet food brand. our pick accuracy is bad again and customers keep complaining",
            "en",
            "warehouse",
            ["pick accuracy is bad"],
        ),
    ],
)
def test_the_opening_names_work_and_each_pain(text, lang, work_words, pains):
    update = understand(text, InterviewState(lang=lang), None)
    assert update.work is not None and work_words in update.work.text
    assert len(update.pains) == len(pains)
    for said, expected in zip(update.pains, pains, strict=True):
        assert expected in said.text


def test_asides_in_a_list_of_inputs_describe_their_item():
    found = [
        p.text
        for p in read_inputs(
            "the batch age, the resin - mostly recycled PET and some virgin - moisture, the dryer temp "
            "(we keep it at 160 usually), and the supplier",
            "en",
        )
    ]
    found = [f.lower() for f in found]
    assert found[:2] == ["batch age", "resin"]
    assert "moisture" in found and "dryer temp" in found and "supplier" in found
    assert not any("recycled" in f or "160" in f for f in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("when a claim comes in: can it be paid straight away or does it need a look", "the claim"),
        ("each morning a batch arrives and I wonder if it will pass the moisture test", "the batch"),
    ],
)
def test_a_target_about_it_names_what_it_is(text, expected):
    target = read_target(text, "en")
    assert target is not None and expected in target.text and " it " not in f" {target.text} "


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 「あ、」 is a filler; 「あと」 (remaining) is a word
        ("あと何日で在庫が切れるかが先に分かれば助かります", "あと何日で在庫が切れるか"),
        ("あ、すみません、どの配送が遅れそうかが知りたいです", "どの配送が遅れそうか"),
    ],
)
def test_japanese_fillers_are_not_the_start_of_a_word(text, expected):
    target = read_target(text, "ja")
    assert target is not None and target.text == expected


def test_a_japanese_list_of_pains_ending_in_yatsu_splits():
    from assistant.understanding.pains import split_pains

    assert split_pains("困ってることが2つあって、検品が遅いのと、あとラベルの貼り間違いが出るやつです") == [
        "検品が遅い",
        "ラベルの貼り間違いが出るやつ",
    ]


@pytest.mark.parametrize(
    ("text", "lang", "verdict"),
    [
        # a rule they follow today but do not trust is the judgment, not a reason against ML
        ("今は一律で3ヶ月ごとに交換してるんですけど、使い方によって全然違うんです", "ja", None),
        ("We re-order on a fixed rule, 200 units every Monday, but demand varies a lot week to week.", "en", None),
        # a rule that simply decides stays a rule
        ("手数料は料金表で全部決まっています", "ja", "fixed_rule"),
        ("The tariff sets the price, always.", "en", "fixed_rule"),
    ],
)
def test_a_questioned_rule_is_no_fixed_rule(text, lang, verdict):
    from assistant.understanding.verdicts import read_not_ml

    assert read_not_ml(text, lang) == verdict


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("フィルターの交換は今は一律で500時間って決めてるんですけど、現場によって全然合わないんです", "ja"),
        ("We service every pump by the book, every 3 months, but some clog way earlier, so it doesn't work.", "en"),
    ],
)
def test_a_questioned_rule_is_no_verdict_on_any_reading(text, lang):
    """The plain cues (「一律」, "by the book") name a rule too; a rule said not to fit is still the judgment."""
    from assistant.understanding.verdicts import not_ml_reason

    assert not_ml_reason(text, "", lang) is None


@pytest.mark.parametrize(
    ("text", "command"),
    [
        ("let's start over", "start_over"),
        ("ok sorry, can we restart the interview?", "start_over"),
        ("Start a new interview please", "start_over"),
        ("最初からやり直したいです", "start_over"),
        ("えっと、リセットしてください", "start_over"),
        ("undo", "undo"),
        ("bring the previous one back", "undo"),
        ("元に戻して", "undo"),
        ("skip this one", "skip"),
        ("この質問は飛ばしてください", "skip"),
        ("can you write up the proposal now?", "proposal"),
        ("提案書を作ってください", "proposal"),
        ("let's talk about another problem", "another_pain"),
        ("別の悩みの話をしたいです", "another_pain"),
        ("We restart the press every morning.", None),
        ("Resetting the counters by hand takes ages.", None),
        ("the proposal stage takes weeks", None),
        ("we skip the second check when it's busy", None),
        ("検査のやり直しが多いのも困っています。", None),
        ("成約価格が最初から分かれば苦労しないです", None),
        ("提案書づくりに毎月3日かかっています。", None),
        ("毎朝ラインをリセットしてから立ち上げます。", None),
    ],
)
def test_a_command_is_the_whole_message_never_the_same_words_about_work(text, command):
    from assistant.understanding.commands import read_command

    assert read_command(text) == command


@pytest.mark.parametrize(
    ("text", "answer"),
    [
        ("yes", True),
        ("Yeah, go ahead.", True),
        ("はい、お願いします", True),
        ("no, keep going", False),
        ("いいえ、このまま続けてください", False),
        ("we have 40 stores", None),
        ("はい、在庫は毎日見ています", None),
    ],
)
def test_yes_and_no_to_a_confirmation(text, answer):
    from assistant.understanding.commands import read_yes_no

    assert read_yes_no(text) is answer


@pytest.mark.parametrize(
    "text",
    [
        "it used to be 30 a week, sorry, it's more like 12 a week now. each one is about $400",
        "we lose some, no wait, it's more like a dozen a month, at maybe 2k each",
    ],
)
def test_more_like_a_figure_corrects_the_figure_not_what_they_want_to_know(text):
    """ "it's more like 12 a week" is an approximation said on the way, not a wish to know "12 a week"."""
    update = understand(text, _state("en", "returns pile up"), "value")
    assert update.target is None
    assert update.quantities


@pytest.mark.parametrize(
    ("text", "first_words", "last_words"),
    [
        (
            "the cold room alarms go off at night and nobody knows if they're real. the staff rota is a pain too, "
            "but honestly that's not the big one",
            "alarms",
            "rota",
        ),
        (
            "we waste a ton of bread because the weekend forecast is way off. the oven schedule is a pain too but whatever, "
            "that isn't the main one",
            "bread",
            "oven schedule",
        ),
    ],
)
def test_a_pain_said_not_to_be_the_big_one_comes_last(text, first_words, last_words):
    update = understand(text, _state("en"), "pains")
    assert len(update.pains) >= 2
    assert first_words in update.pains[0].text and last_words in update.pains[-1].text
