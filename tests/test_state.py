from __future__ import annotations

from assistant.state import (
    Amount,
    DataFacts,
    DetectionQuestion,
    Fact,
    Feasibility,
    InterviewState,
    Pain,
    PatternMatch,
    Quote,
    Reason,
    Theme,
    ValueEstimate,
)


def _rich_state() -> InterviewState:
    q = Quote(text="we throw away bread", turn=0)
    pain = Pain(
        text="we throw away bread",
        quote=q,
        target=Fact(value="how many will sell", quote=q),
        inputs=[Fact(value="past sales", quote=q)],
        data=DataFacts(exists=True, amount="5 years", labels=True, quote=q),
        frequency=Amount(value=1, unit="count", per="day", quote=q),
        costs=[Amount(value=20000, unit="JPY", per="occurrence", quote=q)],
        difficulty="hard",
        skipped=["value"],
    )
    theme = Theme(
        id="t1",
        pain_id=pain.id,
        question=DetectionQuestion(text="Based on x, detect y", target="y", inputs=["x"]),
        patterns=[
            PatternMatch(
                id="demand-forecast",
                title="Demand",
                task_kind="forecasting",
                modalities=["time_series"],
                score=0.9,
            )
        ],
        value=ValueEstimate(per_year=1e6, currency="JPY", arithmetic=["a"], assumptions=["b"]),
        feasibility=Feasibility(score=0.7, reasons=[Reason(text="r", positive=True, quote=q)]),
        complete=True,
    )
    state = InterviewState(
        lang="ja",
        asking="value",
        pains=[pain],
        focus=pain.id,
        themes=[theme],
        work=Fact(value="発注", quote=q),
        asked={"value": 1},
    )
    state.add_turn("user", "こんにちは、パンの発注をしています")
    state.add_turn("assistant", "どんなお仕事ですか？", topic="work")
    return state


def test_state_round_trips_through_json_losslessly():
    state = _rich_state()
    again = InterviewState.from_json(state.to_json())
    assert again == state
    assert again.model_dump() == state.model_dump()
    assert again.to_json() == state.to_json()


def test_ids_are_unguessable():
    ids = {InterviewState().id for _ in range(200)}
    assert len(ids) == 200 and all(len(i) >= 20 for i in ids)


def test_pain_completeness_counts_skipped_topics():
    q = Quote(text="x", turn=0)
    pain = Pain(text="x", quote=q)
    assert not pain.complete
    pain.skipped = ["judgment", "inputs", "data", "value"]
    assert pain.complete


def test_ids_never_look_like_command_line_options():
    from assistant.state import new_id

    assert not any(new_id().startswith("-") for _ in range(2000))
