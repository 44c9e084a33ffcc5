from __future__ import annotations

import json

from assistant.core.lines import CostLine, Count, Money
from assistant.evaluation.usage import summarize_usage
from assistant.interview.llm import budget
from assistant.state import (
    RECENT_USAGE,
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
    TurnUsage,
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
        cost=[
            CostLine(
                what="bread",
                form="events",
                count=Count(value=1, per="day", quote="every day"),
                each=Money(value=20000, currency="JPY", quote="2万円"),
            )
        ],
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


def _usage(i: int) -> TurnUsage:
    return TurnUsage(
        turn=2 * i,
        calls=2 if i % 7 else 1,
        tokens_in=100 + i,
        tokens_out=10,
        fallback="timeout" if i % 50 == 0 else None,
        ask_fallback="leak" if i % 125 == 0 else None,
        repaired=i % 100 == 1,
    )


def test_500_turns_of_model_use_keep_the_state_bounded_and_the_totals_right() -> None:
    state, at_recent = InterviewState(), 0
    for i in range(500):
        state.record_usage(_usage(i))
        if i == RECENT_USAGE - 1:
            at_recent = len(state.model_dump_json())
    assert [u.turn for u in state.llm_usage] == [2 * i for i in range(500 - RECENT_USAGE, 500)]
    assert len(state.model_dump_json()) < at_recent + 200, "the saved state does not grow with the turns"
    summary = summarize_usage([InterviewState.model_validate_json(state.model_dump_json())])
    assert summary is not None
    assert summary["turns"] == 500
    assert summary["calls"] == sum(_usage(i).calls for i in range(500))
    assert summary["tokens_in"] == sum(100 + i for i in range(500)) and summary["tokens_out"] == 5000
    assert summary["fallbacks"] == {"timeout": 10} and summary["template_questions"] == {"leak": 4}
    assert summary["repaired_turns"] == 5
    assert budget.spent(state) == summary["tokens_in"] + summary["tokens_out"], "the budget counts every turn"


def test_a_state_saved_with_a_row_per_turn_loads_with_totals_and_the_recent_rows() -> None:
    old = InterviewState().model_dump(mode="json", exclude={"llm_totals"})
    old["llm_usage"] = [_usage(i).model_dump(mode="json") for i in range(60)]
    state = InterviewState.model_validate_json(json.dumps(old))
    assert len(state.llm_usage) == RECENT_USAGE and state.llm_usage[-1].turn == 118
    assert state.llm_totals.turns == 60 and state.llm_totals.tokens_in == sum(100 + i for i in range(60))
    assert state.llm_totals.fallbacks == {"timeout": 2}


def test_a_rewrite_row_adds_its_calls_and_tokens_but_is_no_turn() -> None:
    state = InterviewState()
    state.record_usage(TurnUsage(turn=0, calls=2, tokens_in=300, tokens_out=40))
    state.record_usage(TurnUsage(turn=0, kind="rewrite", calls=1, tokens_in=500, tokens_out=200))
    state.record_usage(TurnUsage(turn=0, kind="rewrite", calls=1, tokens_in=500, tokens_out=150, fallback="dropped"))
    totals = state.llm_totals
    assert (totals.turns, totals.calls, totals.rewrites, totals.rewrite_fallbacks) == (1, 4, 2, {"dropped": 1})
    assert totals.fallbacks == {} and budget.spent(state) == 300 + 40 + 500 + 200 + 500 + 150
    summary = summarize_usage([state])
    assert summary is not None and summary["turns"] == 1 and summary["calls_per_turn"] == 4
    assert summary["rewrite_calls"] == 2 and summary["rewrites_not_used"] == {"dropped": 1}
