"""The value model on numbers as people type them: units, what a figure is per, shares, headcounts, corrections.

Every sentence here is new (in no eval case): each test is one class of utterance the round-1 engine got
wrong by 3x to 500x, in both languages.
"""

from __future__ import annotations

import pytest

from assistant.core.estimate import estimate
from assistant.core.money import Rates
from assistant.state import Measure, Pain, Quote
from assistant.understanding.quantities import read_quantities
from tests.offline_money import offline_estimate


def _value(*turns: str, lang: str = "en") -> tuple[float | None, str | None]:
    v, _ = offline_estimate(*turns, lang=lang)
    return v.per_year, v.currency


@pytest.mark.parametrize(
    ("text", "lang", "expected", "currency"),
    [
        # a share applies to its base, not to every item
        (
            "About 12% of our 300 deliveries a day arrive damaged, and each one costs us $80 to replace.",
            "en",
            0.12 * 300 * 240 * 80,
            "USD",
        ),
        ("出荷は週に500件くらいで、そのうち4%が誤配送。1件あたり3000円の損です", "ja", 0.04 * 500 * 52 * 3000, "JPY"),
        # ratios written as "one in N" and shares that chain
        (
            "We see 2,000 patients a year; one in ten has a reaction and a quarter of those need an extra night at $900.",
            "en",
            2000 * 0.1 * 0.25 * 900,
            "USD",
        ),
        # a per-incident figure times the incidents only
        ("Jams happen maybe 6 times a week and each one costs about 1.5k in scrap.", "en", 6 * 52 * 1500, "USD"),
        ("設備が止まるのは月に3回くらいで、1回止まると50万円くらいの損失です", "ja", 3 * 12 * 500000, "JPY"),
        # a yearly figure the employee states wins, in any currency and shorthand
        ("Honestly it's costing us a couple hundred grand a year.", "en", 200000, "USD"),
        ("Roughly 450,000 euros a year goes on this.", "en", 450000, "EUR"),
        ("年間で1,200万くらいは無駄にしてると思います", "ja", 12_000_000, "JPY"),
        ("ざっくり2億弱ですね、年で", "ja", 200_000_000, "JPY"),
        # minutes per item next to a headcount: the headcount does not multiply
        (
            "Each form takes about 6 minutes and there are 4 of us doing them, around 150 forms a day.",
            "en",
            150 * 240 * 0.1 * 50,
            "USD",
        ),
        ("1枚あたり5分、担当は3人で、1日に200枚くらい処理してます", "ja", 200 * 240 * (5 / 60) * 5000, "JPY"),
        # time per person per day: the headcount does multiply
        ("Each of the 6 planners spends about an hour a day chasing this.", "en", 6 * 1 * 240 * 50, "USD"),
        ("担当が4人いて、毎日1人1時間くらいずつかかってます", "ja", 4 * 1 * 240 * 5000, "JPY"),
        # every night / 24-7 runs 365 days
        ("The night shift loses about 2 hours every night to this, it's a 24/7 site.", "en", 2 * 365 * 50, "USD"),
        # a per-site figure times the sites
        ("We bin about 400 dollars of stock per store a week, and there are 25 stores.", "en", 400 * 52 * 25, "USD"),
        ("1店舗あたり月に20万円くらい廃棄が出ていて、店舗は15店です", "ja", 200000 * 12 * 15, "JPY"),
        # a hedge in front of the figures is still an answer
        ("Hard to say really... maybe 250 dollars a claim, and we get 300 claims a year.", "en", 250 * 300, "USD"),
        # "once a month" is a frequency; an hourly loss times the hours it lasts is the cost of one event
        (
            "The kiln trips about once a month and it's down for four to six hours at roughly 8,000 dollars an hour.",
            "en",
            12 * 5 * 8000,
            "USD",
        ),
        # last year's loss is one year's figure, in either language
        ("去年は害虫で300万円くらい損しました", "ja", 3_000_000, "JPY"),
        # "each" in another clause does not make a yearly figure a per-event one
        ("1件あたり2人で半日かかって、外注も入れると年間で約1500万円です", "ja", 15_000_000, "JPY"),
        # a weekly chore of several people, each a full day
        ("毎週の棚卸しに担当4人が丸1日かかっています", "ja", 4 * 8 * 52 * 5000, "JPY"),
        # thousands separators before 万: 「2,000万」 is twenty million; 「2、3件」 is a range
        ("不良で捨てているのは年間で2,000万円くらいです", "ja", 20_000_000, "JPY"),
        ("返品は月に2、3件で、1件あたり10万円です", "ja", 2.5 * 12 * 100_000, "JPY"),
        # "3k invoices" counts invoices; "2k each" is money
        ("maybe 3k invoices a month, 5 minutes each", "en", 3000 * 12 * (5 / 60) * 50, "USD"),
        # a season shorter than the working year
        (
            "In season we pack 600 crates a day, a crate takes 2 minutes to grade, and the season runs about 90 days.",
            "en",
            600 * 90 * (2 / 60) * 50,
            "USD",
        ),
    ],
)
def test_yearly_value_follows_what_was_said(text, lang, expected, currency):
    got, cur = _value(text, lang=lang)
    assert cur == currency
    assert got == pytest.approx(expected, rel=0.02), text


def test_a_correction_in_the_same_message_replaces_the_figure():
    got, _ = _value("We get 30 returns a week, sorry, no, a day, and each costs about $40.")
    assert got == pytest.approx(30 * 240 * 40, rel=0.02)


def test_a_later_answer_corrects_an_earlier_figure():
    got, _ = _value("It happens about 10 times a month, maybe $2k each.", "No wait, it's more like 4 times a month.")
    assert got == pytest.approx(4 * 12 * 2000, rel=0.02)


def test_a_bare_amount_after_a_correction_keeps_its_currency():
    got, cur = _value("Each spoiled tank is worth 12,000 euros, well, at cost it's more like 5,000. Maybe 3 a month.")
    assert cur == "EUR" and got == pytest.approx(5000 * 36, rel=0.02)


def test_a_range_counts_at_its_middle():
    got, _ = _value("We get 10-20 of these a week and each eats half a day of an engineer's time.")
    assert got == pytest.approx(15 * 52 * 4 * 50, rel=0.02)


def test_no_frequency_means_no_figure():
    got, _ = _value("Each bad batch costs around $7,000.")
    assert got is None


def test_a_share_in_another_answer_is_not_applied_to_this_base():
    got, _ = _value("Half the floor wears the socks anyway.", "We get 40 incidents a month, about $500 each.")
    assert got == pytest.approx(40 * 12 * 500, rel=0.02)


def test_years_of_data_and_equipment_counts_are_not_frequencies():
    found = read_quantities("We have 6 years of records and about 900 meters in the field.", "en")
    assert all(q.per is None and q.kind not in ("events", "time_each", "time_total") for q in found)
    assert [q.kind for q in read_quantities("データは2015年から5年分あります", "ja")] == []


def test_a_share_of_a_stock_said_earlier_runs_per_period():
    got, _ = _value(
        "I look after a car park with 400 spaces.", "About 3% of the spaces go unpaid each day, $12 a time."
    )
    assert got == pytest.approx(0.03 * 400 * 240 * 12, rel=0.02)
    got, _ = _value(
        "We run a 120 bed ward, open every night.", "Around 2% of the beds each night end up blocked, about $300 each."
    )
    assert got == pytest.approx(0.02 * 120 * 365 * 300, rel=0.02)


def test_an_edit_box_figure_corrects_the_chat_one(app):
    from assistant.core.update import Quantity
    from assistant.edits import apply_edit
    from assistant.state import InterviewState
    from assistant.understanding import edit_readers

    state = InterviewState(lang="en")
    pain = Pain(text="x", quote=Quote(text="x", turn=0))
    pain.measures = [
        Measure(quantity=Quantity(kind="events", value=10, per="month", quote="10 a month"), turn=3),
        Measure(quantity=Quantity(kind="cost_each", value=500, currency="USD", quote="$500"), turn=3),
    ]
    state.pains, state.focus = [pain], pain.id
    readers = edit_readers()
    apply_edit(state, "frequency", "about 4 a week", readers, pain.id)
    apply_edit(state, "cost", "$800 each", readers, pain.id)
    assert estimate(pain.cost, "en", Rates()).per_year == pytest.approx(4 * 52 * 800)
    apply_edit(state, "data", "nothing is written down anywhere", readers, pain.id)
    assert pain.data is not None and pain.data.exists is False


def test_a_share_said_after_the_count_refines_it():
    got, _ = _value(
        "Residents fall about 4 times a month.", "Maybe a quarter of the falls end in an injury, around $12k each."
    )
    assert got == pytest.approx(4 * 12 * 0.25 * 12000, rel=0.02)


def test_two_event_streams_each_keep_their_own_cost():
    got, _ = _value(
        "Each application takes about half a day to review.",
        "We review about 600 a year. And about 5 loans a year go bad, roughly $80,000 each.",
    )
    assert got == pytest.approx(600 * 4 * 50 + 5 * 80_000, rel=0.02)
    ja, _ = _value(
        "1件あたり半日かかります",
        "年間で600件くらい審査してて、担当は4人。あ、焦げ付きは年に5件くらいで、1件平均800万くらいの損です",
        lang="ja",
    )
    assert ja == pytest.approx(600 * 4 * 5000 + 5 * 8_000_000, rel=0.02)


@pytest.mark.parametrize(
    ("text", "lang", "expected", "currency"),
    [
        # Japanese compound numbers, with or without 円
        ("未回収の分がだいたい年間で3億4千万くらいになります", "ja", 340_000_000, "JPY"),
        ("クレーム対応の外注費が年に2千5百万円ほど", "ja", 25_000_000, "JPY"),
        ("1件あたり1万2千円の手数料がかかって、月に150件です", "ja", 12_000 * 150 * 12, "JPY"),
        # seconds per item
        ("Each scan takes about 45 seconds and we run 2,000 of them a day.", "en", 2000 * 240 * 45 / 3600 * 50, "USD"),
        ("伝票1枚の確認に30秒くらい、1日に4,000枚あります", "ja", 4000 * 240 * (30 / 3600) * 5000, "JPY"),
        # a figure said only to be denied counts for nothing
        ("1店舗じゃなくて全店で、1日600件くらいです。1件10分かかります", "ja", 600 * 240 * (10 / 60) * 5000, "JPY"),
        # "a night" as the object of a verb is one night, not "per night"; a total "over a year" is yearly
        (
            "Getting a shift wrong costs roughly $900 in overtime, and that happens about 6 times a month.",
            "en",
            900 * 6 * 12,
            "USD",
        ),
        ("Over a year I'd say it's around $180k we never get back.", "en", 180_000, "USD"),
        # lost revenue is a loss, not the yearly revenue
        ("A bad call is maybe $1,500 of lost revenue and we make a few of those a week.", "en", 1500 * 3 * 52, "USD"),
    ],
)
def test_amounts_as_written_in_chat(text, lang, expected, currency):
    value, cur = _value(text, lang=lang)
    assert cur == currency
    assert value == pytest.approx(expected, rel=0.02)


@pytest.mark.parametrize(
    ("text", "lang", "expected", "currency"),
    [
        # a price per unit and an amount in another prefix of the same unit multiply after conversion
        (
            "The wind farm delivers around 40 GWh a year; about 8% of it gets curtailed and that's "
            "roughly 55 euros per MWh we never sell.",
            "en",
            40e6 * 0.08 * 0.055,
            "EUR",
        ),
        ("We scrap about 120 tonnes a year and each kg costs us $3 in resin.", "en", 120_000 * 3, "USD"),
        ("廃棄が年に80トンくらいで、処分費が1トンあたり4万円です", "ja", 80 * 40_000, "JPY"),
    ],
)
def test_units_convert_before_they_multiply(text, lang, expected, currency):
    value, cur = _value(text, lang=lang)
    assert cur == currency
    assert value == pytest.approx(expected, rel=0.02)


def test_a_small_price_per_unit_is_shown_not_rounded_to_zero():
    from assistant.core.money import money

    assert money(0.055, "EUR", "en") == "€0.055"
    assert money(1500, "USD", "en") == "$1,500"


@pytest.mark.parametrize(
    ("text", "share"),
    [
        ("roughly a fifth of the invoices are wrong", 0.2),
        ("about two thirds of the calls are repeat callers", 2 / 3),
        ("maybe one tenth of the batches fail", 0.1),
    ],
)
def test_fractions_in_words_are_shares(text, share):
    found = [q for q in read_quantities(text, "en") if q.kind == "share"]
    assert len(found) == 1 and found[0].value == pytest.approx(share)


def test_a_third_party_is_no_share():
    assert [q.kind for q in read_quantities("we pay 2 third-party labs", "en") if q.kind == "share"] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "N of us" says who does the work, never how often
        ("Reconciling takes about 30 hours a week between the three of us.", 30 * 52 * 50),
        ("About two hours a day for each of the five of us.", 2 * 5 * 240 * 50),
        # a share of one thing does not cut a count of another
        (
            "Roughly 20% of emails get forwarded to the wrong desk. We lose about 300 renewals a year, "
            "each worth $1,000 to us.",
            300 * 1000,
        ),
        # ...but a share of the same thing does
        ("About 5% of our 2,000 shipments a month get returned, at $40 each.", 0.05 * 2000 * 12 * 40),
    ],
)
def test_who_and_what_a_count_is_of(text, expected):
    value, _ = _value(text)
    assert value == pytest.approx(expected, rel=0.02)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a count inside each of another counted thing multiplies the yearly count of that thing
        (
            "Each audit pulls about 25 files, we run 30 audits a year, and a file takes 2 hours to check.",
            "en",
            25 * 30 * 2 * 50,
        ),
        ("We run about 15 test batches per product launch, 8 launches a year, at $4,000 a batch.", "en", 15 * 8 * 4000),
        (
            "1つの案件で見積もりを平均6回出し直していて、案件は月に10件、1回あたり2時間かかります",
            "ja",
            6 * 10 * 12 * 2 * 5000,
        ),
        # a count said per day or per person is no container
        ("We pick 300 orders a day and about 2% are wrong, each one costs $25.", "en", 300 * 240 * 0.02 * 25),
    ],
)
def test_counts_nested_in_other_counts(text, lang, expected):
    value, _ = _value(text, lang=lang)
    assert value == pytest.approx(expected, rel=0.02)


def test_every_before_a_number_is_not_always_a_container():
    found = read_quantities("one of the inspectors flags every small dent at 1250 on the gauge", "en")
    assert [q.kind for q in found if q.kind == "per_each"] == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a loss that happens only now and then is not counted on every event
        (
            "We check about 50 shipments a week, 20 minutes each. A missed mislabel once cost us a $60k recall.",
            "en",
            50 * 52 * (20 / 60) * 50,
        ),
        (
            "申請の確認が月に100件あって、1件あたり3万円の外注費です。差し戻しになると100万円かかることもあります",
            "ja",
            100 * 12 * 30_000,
        ),
        # hours and the same hours in money are one cost, not two
        ("鑑定が週に10件、1件4時間くらいで、人件費にすると1件2万円くらいです", "ja", 10 * 52 * 20_000),
        ("Each review takes 3 hours, which is about $150 of our time, and we do 30 a month.", "en", 30 * 12 * 150),
    ],
)
def test_occasional_losses_and_costs_said_twice(text, lang, expected):
    value, _ = _value(text, lang=lang)
    assert value == pytest.approx(expected, rel=0.02)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a loss per hour of stoppage prices the hours each stoppage lasts
        (
            "Every hour the kiln is down costs roughly $12,000, and a restart takes about 3 hours, maybe 4 times a year.",
            "en",
            12_000 * 3 * 4,
        ),
        (
            "ラインが1時間止まると50万円の損で、段取り替えの不具合で毎回2時間止まり、月に3回あります",
            "ja",
            500_000 * 2 * 3 * 12,
        ),
    ],
)
def test_a_loss_per_hour_of_downtime(text, lang, expected):
    value, _ = _value(text, lang=lang)
    assert value == pytest.approx(expected, rel=0.02)


@pytest.mark.parametrize(
    ("text", "lang"),
    [("we have two headaches, and a few other issues too", "en"), ("悩みが3つあって、どれも面倒です", "ja")],
)
def test_counting_ones_own_points_is_no_quantity(text, lang):
    assert read_quantities(text, lang) == []


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a working day of hours beside a headcount is each person's day
        (
            "We have 40 operators, 8 hours a day, and about 5% of their time goes to searching for stock.",
            "en",
            40 * 8 * 240 * 0.05 * 50,
        ),
        # a delay is no work time
        (
            "About 200 orders a month get stuck, which adds about three days each, and we lose $90 per order.",
            "en",
            200 * 12 * 90,
        ),
    ],
)
def test_days_per_person_and_delays(text, lang, expected):
    value, _ = _value(text, lang=lang)
    assert value == pytest.approx(expected, rel=0.02)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # an amount per period, lost for as long as one loss lasts, is what each loss costs
        (
            "About 30 members cancel a month; each member pays $40 a month and would have stayed another 10 months.",
            "en",
            30 * 12 * 40 * 10,
        ),
        (
            "A vacant unit costs us $60 a day, a vacancy lasts about 3 weeks, and we get 50 vacancies a year.",
            "en",
            50 * 60 * 21,
        ),
        (
            "会員は2,000人で、年に1割が退会します。月会費は8,000円で、辞めなければあと6ヶ月は続けてくれていたはずです",
            "ja",
            2000 * 0.1 * 8000 * 6,
        ),
        # years of data are no span
        ("We have 3 years of data and about 20 claims a month at $500 each.", "en", 20 * 12 * 500),
    ],
)
def test_a_loss_that_lasts(text, lang, expected):
    value, _ = _value(text, lang=lang)
    assert value == pytest.approx(expected, rel=0.02)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a share said with a yearly figure is the part of it that is the pain
        ("We spend about $2 million a year on overtime and I'd say 20% of that is avoidable.", "en", 400_000),
        ("廃棄ロスが年に3,000万円くらいあって、そのうち4割は予測で防げると思います", "ja", 12_000_000),
        # ...and counts no items beside it
        (
            "We mail 80,000 customers. The print budget is $500k a year and half of it goes on flyers nobody reads.",
            "en",
            250_000,
        ),
        # an amount said of one item is no yearly total
        (
            "There are 6 of us, I spend half my day on dead leads, and one account is worth maybe $20,000 a year.",
            "en",
            4 * 6 * 240 * 50,
        ),
    ],
)
def test_shares_of_stated_money_and_amounts_of_one_item(text, lang, expected):
    value, _ = _value(text, lang=lang)
    assert value == pytest.approx(expected, rel=0.02)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # a headcount working on the pain all day is a working day for each of them
        ("Checking claims is basically a full-time job for 3 of us.", "en", 3 * 8 * 240 * 50),
        ("照合作業は専任の担当者が5人いて、1件あたり10分くらいです", "ja", 5 * 8 * 240 * 5000),
        ("We have 2 full-time staff on nothing else.", "en", 2 * 8 * 240 * 50),
    ],
)
def test_full_time_headcounts(text, lang, expected):
    value, _ = _value(text, lang=lang)
    assert value == pytest.approx(expected, rel=0.02)


@pytest.mark.parametrize(
    ("text", "lang"),
    [("シフトは30分単位で組んでいます", "ja"), ("we roster in 15-minute slots", "en"), ("予約は1時間刻みです", "ja")],
)
def test_a_granularity_is_no_time_spent(text, lang):
    assert [q.kind for q in read_quantities(text, lang)] == []


@pytest.mark.parametrize(
    ("turns", "lang", "expected"),
    [
        # the share and the yearly figure in neighbouring sentences of one answer
        (["we probably lose 4% of sales to this? and sales are about $12M a year."], "en", 480_000),
        (["薬品代が年に2,000万円くらいです。3割くらいは使いすぎだと思います"], "ja", 6_000_000),
        # a share said in another answer is no part of this figure
        (["Our overtime bill is about $1M a year.", "Half the team works nights."], "en", 1_000_000),
    ],
)
def test_a_share_in_the_same_answer_as_a_yearly_figure(turns, lang, expected):
    value, _ = _value(*turns, lang=lang)
    assert value == pytest.approx(expected, rel=0.02)


def test_a_share_that_explains_a_stated_loss_does_not_cut_it():
    value, _ = _value("不良が出ると歩留まりが1、2割落ちる月もあります。去年は300万円くらい損しました。", lang="ja")
    assert value == pytest.approx(3_000_000, rel=0.02)


@pytest.mark.parametrize(
    ("text", "lang", "low", "high"),
    [
        ("maybe 10 to 15% of the parcels", "en", 0.10, 0.15),
        ("somewhere between 4 and 6 percent of orders", "en", 0.04, 0.06),
        ("返品は全体の1〜2割です", "ja", 0.1, 0.2),
        ("歩留まりが2、3割落ちます", "ja", 0.2, 0.3),
    ],
)
def test_a_range_of_shares_keeps_both_ends(text, lang, low, high):
    found = [q for q in read_quantities(text, lang) if q.kind == "share"]
    assert len(found) == 1 and found[0].value == pytest.approx(low) and found[0].high == pytest.approx(high)


def test_a_ranged_share_counts_its_middle():
    value, _ = _value("About 10 to 20% of our 1,000 deliveries a month are late, each costing $50.")
    assert value == pytest.approx(0.15 * 1000 * 12 * 50, rel=0.02)


@pytest.mark.parametrize(
    ("text", "lang", "share"),
    [
        # the pain is the rest when the rest is what is wasted
        ("we close maybe 1 in 4 of the quotes, the other 3 are for nothing", "en", 0.75),
        ("only around 10% of the alarms are real, the rest are false alarms", "en", 0.9),
        ("採用につながるのは3割で、残りの面接は空振りです", "ja", 0.7),
        # ...not when the rest is fine
        ("about 6% ship late and the rest are on time", "en", 0.06),
    ],
)
def test_the_rest_as_the_pain(text, lang, share):
    found = [q for q in read_quantities(text, lang) if q.kind == "share"]
    assert len(found) == 1 and found[0].value == pytest.approx(share)


@pytest.mark.parametrize(
    ("turns", "lang"),
    [
        (["About 30 members cancel a month; each pays $40 a month and would have stayed another 10 months."], "en"),
        (["調査が月に40件あって、1件あたり5万円かかります"], "ja"),
    ],
)
def test_one_yearly_amount_needs_no_total_line(turns, lang):
    lines = offline_estimate(*turns, lang=lang)[0].arithmetic
    assert not any(line.startswith(("total", "合計")) for line in lines), lines


def test_several_yearly_amounts_get_a_total_line():
    text = "Jams happen 6 times a week at $1,500 each, and on top we pay a $20,000 a year service contract."
    lines = offline_estimate(text)[0].arithmetic
    assert lines[-1].startswith("total"), lines


@pytest.mark.parametrize(
    "text",
    [
        "we're always short at 9am on a monday and idle by 4pm on a wednesday",
        "the line is empty by 6 o'clock on a saturday",
        "the rush starts at 11 a.m. on a weekday",
    ],
)
def test_a_time_of_day_counts_nothing(text):
    assert read_quantities(text, "en") == []


def test_a_time_of_day_does_not_multiply_the_figure():
    text = "The night shift starts at 7 pm on a sunday, and we get about 30 faults a week at $200 each."
    assert _value(text)[0] == pytest.approx(30 * 52 * 200)
