"""A pain said again in other words is the same pain; a different pain of the same work stays its own."""

from __future__ import annotations

import pytest

from assistant.core.update import PainUpdate, TurnUpdate
from assistant.interview.policy import apply_update
from assistant.retrieval import PatternIndex
from assistant.state import InterviewState

# Restatements near enough to merge (none of these phrasings is in the module's calibration note).
SAID_AGAIN = [
    ("claims that turn out to be fraudulent", "fraudulent claims"),
    ("late invoice payments from clients", "clients paying invoices late"),
    ("検査に時間がかかる", "検査の時間"),
    ("paint defects on the bodies", "defects in the paint"),
    ("問い合わせの振り分けが大変", "問い合わせの振り分け"),
]
# Different pains of one work, sharing their topic words: merging any would lose a pain.
DIFFERENT = [
    ("we keep running out of spare parts", "spare parts that sit unused for years"),
    ("scrap rate on line 3", "downtime on line 3"),
    ("paint defects on the bodies", "welding defects"),
    ("検査に時間がかかる", "検査の見逃し"),
    ("受注の予測", "在庫の予測"),
    ("no-shows", "late cancellations"),
    ("在庫の過剰", "欠品"),
]


@pytest.mark.parametrize(("a", "b"), SAID_AGAIN)
def test_a_restatement_has_the_same_meaning(index: PatternIndex, a: str, b: str) -> None:
    assert index.same_meaning(a, b)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_a_different_pain_of_the_same_work_does_not(index: PatternIndex, a: str, b: str) -> None:
    assert not index.same_meaning(a, b)


def _pain(text: str) -> TurnUpdate:
    return TurnUpdate(pains=[PainUpdate(text=text, quote=text)])


def test_a_pain_said_again_later_is_not_a_second_pain(index: PatternIndex) -> None:
    state = InterviewState(lang="en")
    apply_update(state, _pain("late invoice payments from clients"), 0, same=index.same_meaning)
    apply_update(state, _pain("clients paying invoices late"), 2, same=index.same_meaning)
    assert [p.text for p in state.pains] == ["late invoice payments from clients"]


def test_two_pains_of_the_same_work_stay_two(index: PatternIndex) -> None:
    state = InterviewState(lang="ja")
    apply_update(
        state,
        TurnUpdate(pains=[PainUpdate(text=t, quote=t) for t in ("在庫の過剰", "欠品")]),
        0,
        same=index.same_meaning,
    )
    assert len(state.pains) == 2


def test_a_switch_in_other_words_refocuses_the_known_pain(index: PatternIndex) -> None:
    state = InterviewState(lang="en")
    two = [PainUpdate(text=t, quote=t) for t in ("fraudulent claims", "slow invoice approval")]
    apply_update(state, TurnUpdate(pains=two), 0, same=index.same_meaning)
    assert state.focus_pain() is not None and state.focus_pain().text == "fraudulent claims"  # type: ignore[union-attr]
    apply_update(state, TurnUpdate(switch_to="slow invoice approval"), 2, same=index.same_meaning)
    apply_update(state, TurnUpdate(switch_to="claims that turn out to be fraudulent"), 4, same=index.same_meaning)
    assert len(state.pains) == 2
    assert state.focus_pain().text == "fraudulent claims"  # type: ignore[union-attr]


def test_without_a_meaning_check_only_the_same_words_merge() -> None:
    state = InterviewState(lang="en")
    apply_update(state, _pain("late invoice payments from clients"), 0)
    apply_update(state, _pain("clients paying invoices late"), 2)
    assert len(state.pains) == 2
