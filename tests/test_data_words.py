"""What is recorded, in words: yes, partly or no for the evidence and for the outcomes, and the outcome half is asked
whenever it is unknown (new sentences, both languages)."""

from __future__ import annotations

import pytest

from assistant.core.update import DataUpdate
from assistant.understanding.records import read_data


@pytest.mark.parametrize(
    ("text", "lang", "recorded", "outcomes"),
    [
        (
            "The readings are all in the historian, but we only log the faults we caught ourselves.",
            "en",
            "yes",
            "partly",
        ),
        (
            "Camera footage is kept but overwritten after a week, and nobody writes down what the defect turned out to be.",
            "en",
            "partly",
            "no",
        ),
        ("検査画像は全部残っていますが、不良の結果は見つかった分だけ記録しています。", "ja", "yes", "partly"),
        ("日報は紙だけで、結果は記録していないです。", "ja", "yes", "no"),
    ],
)
def test_kept_in_part_is_partly(text, lang, recorded, outcomes):
    read = read_data(text, lang)
    assert read is not None and (read.recorded, read.outcomes_recorded) == (recorded, outcomes)


def test_a_model_saying_true_or_false_is_read_as_yes_or_no():
    update = DataUpdate.model_validate({"recorded": True, "outcomes_recorded": False, "quote": "x"})
    assert (update.recorded, update.outcomes_recorded) == ("yes", "no")


def test_the_outcome_half_is_asked_when_only_the_records_were_said(app):
    service = app.service
    state = service.new_session("t")
    for line in [
        "I plan maintenance at a bottling plant; the fillers jam without warning and only one veteran hears it coming.",
        "I want to know which filler will jam in the next shift.",
        "I listen to the motor and look at the pressure readings.",
        "The pressure readings are logged every second in the SCADA.",
    ]:
        result = service.handle_state(state, line)
        state = result.state
    assert state.asking == "data" and "afterwards" in result.reply
    state = service.handle_state(state, "We only note the jams we caught, maybe half of them.").state
    pain = state.focus_pain()
    assert pain is not None and pain.data is not None and pain.data.labels and "outcomes" in pain.data.partly
    assert state.asking != "data"


def test_a_partly_kept_reason_reads_as_one_sentence(app):
    from assistant.scoring import assess_feasibility
    from assistant.state import DataFacts, Pain, Quote

    pain = Pain(text="p", quote=Quote(text="p"))
    pain.data = DataFacts(
        exists=True, labels=True, partly=["data"], note="some shops fill it in", quote=Quote(text="x")
    )
    reasons = [r.text for r in assess_feasibility(pain, None, "en").reasons]
    assert "the data is kept only in part (some shops fill it in)" in reasons
    pain.data = DataFacts(exists=True, labels=True, partly=["data"], note="特売情報はFAXのみ", quote=Quote(text="x"))
    assert "データは一部だけ残っている（特売情報はFAXのみ）" in [
        r.text for r in assess_feasibility(pain, None, "ja").reasons
    ]
