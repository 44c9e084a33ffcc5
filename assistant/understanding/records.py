"""What is recorded: data and outcomes, read clause by clause with negation in scope.

Each clause of the answer is read for three things: does it talk about keeping something (a record verb or
a place such as a system, a spreadsheet, paper), does it talk about outcomes (what actually happened, or
the very thing they want to know), and is it negated ("not logged anywhere", 「記録してない」, "only in
people's heads"). A stated fact is kept as stated: "every break since 2008 is in Maximo" is outcomes on
record; "failures are not recorded anywhere" is not.
"""

from __future__ import annotations

import re
from typing import Literal

from assistant.core.update import DataUpdate
from assistant.language import tokens
from assistant.numbers import normalize_numbers
from assistant.understanding import lexicon as lx
from assistant.understanding.text import nfkc, sentences, split_outside_brackets
from assistant.vocabulary import Lang

_CLAUSES = re.compile(
    r"\s*(?:[,;:]\s*(?:and|but|so|though|although|while)?\s*|\s+(?:but|though|although|whereas)\s+)|、|が、|けど|けれど"
)
_AMOUNT = re.compile(
    r"(?:(?:about|around|roughly|over|nearly|almost|some|maybe)\s+)?\d[\d,.]*\s*(?:万|千)?\s*(?:\+\s*)?"
    r"(?:years?|months?|weeks?|days?|rows?|records?|entries|cases|photos?|images?|pictures?|samples?|batches|lots|"
    r"files?|reports?|customers?|claims?|loans?|tickets?|calls?|orders?|alerts?|contracts?|patients?|items?|"
    r"spectra|recordings?|readings?|logs?|年分|年|か月分|ヶ月分|カ月分|件|枚|行|本|ロット|バッチ|サンプル|人分|台分|例|日分)"
    r"(?:\s+(?:of|worth)(?:\s+\w+){0,2})?|since (?:19|20)\d\d|(?:19|20)\d\d年(?:から|以降)",
    re.IGNORECASE,
)
_WHERE_EN = re.compile(r"\b(?:in|into|on|from)\s+(?:the\s+|our\s+|an?\s+)?([A-Z][\w&-]*(?:\s+[A-Z][\w&-]*)?)")
_WHERE_JA = re.compile(
    r"([A-Za-z][\w&-]+|[\u30a0-\u30ff]{2,}(?:システム)?|基幹システム|紙の?台帳|台帳|日報|帳票)(?:に|で|へ)"
)


def negated(clause: str, lang: Lang) -> bool:
    """The clause denies what it says (a negation word, or \"only in people's heads\")."""
    if lx.ONLY_IN_HEADS.search(clause):
        return True
    if lang == "ja":
        body = re.sub(r"(?:か|かどうか|のか)(?:は|を|が|も)?", "", clause)
        return bool(
            re.search(r"(?:ない|なく|ません|ず|なし|無し|無い)(?:です|でした|んです|ので|けど|し|。|、|$)", body)
        )
    clause = clause.replace("not sure", "")
    return bool(lx.NEGATION_EN.search(clause) or re.search(r"\w+n[’']t\b", clause, re.IGNORECASE))


def _about_outcomes(clause: str, lang: Lang, target: set[str]) -> bool:
    found = lx.OUTCOME_JA.search(clause) if lang == "ja" else lx.OUTCOME_EN.search(clause)
    return bool(found) or bool(target and target & set(tokens(clause)))


def _about_records(clause: str, lang: Lang) -> bool:
    found = lx.RECORD_JA.search(clause) if lang == "ja" else (lx.RECORD_EN.search(clause) or _WHERE_EN.search(clause))
    return bool(found or _AMOUNT.search(normalize_numbers(clause)[0]) or lx.ONLY_IN_HEADS.search(clause))


def clauses(text: str) -> list[str]:
    return [c for s in sentences(nfkc(text)) for c in split_outside_brackets(s, _CLAUSES) if c.strip()]


def read_data(text: str, lang: Lang, target: str = "") -> DataUpdate | None:
    """What the answer says is recorded, with negation; None when it says nothing about records."""
    target_words = set(tokens(target)) if target else set()
    recorded: list[bool] = []
    outcomes: list[bool] = []
    partly: set[str] = set()
    for clause in clauses(text):
        denied = negated(clause, lang)
        some = bool(_PARTLY.search(clause))
        about_outcomes = _about_outcomes(clause, lang, target_words)
        if about_outcomes:
            outcomes.append(not denied)
            partly |= {"outcomes"} if some and not denied else set()
        if _about_records(clause, lang):
            recorded.append(not denied)
            # "results are recorded only for the ones found": the part is of the outcomes, not of the evidence
            partly |= {"data"} if some and not denied and not about_outcomes else set()
        if _CAUGHT.search(clause):  # "we only log the faults we caught": outcomes on record, some of them
            outcomes.append(True)
            partly.add("outcomes")
    if _FADES.search(text) and any(recorded):  # "kept, but overwritten after a week": the evidence, for a while
        partly.add("data")
    if not recorded and not outcomes:
        return None
    norm = normalize_numbers(nfkc(text))[0]
    amount = _AMOUNT.search(norm)
    where = (_WHERE_JA if lang == "ja" else _WHERE_EN).search(nfkc(text))
    kept = any(recorded) if recorded else (True if any(outcomes) else None)
    outcome = _outcome_verdict(outcomes)
    return DataUpdate(
        recorded=_said(kept, "data" in partly),
        outcomes_recorded=_said(outcome, "outcomes" in partly or (True in outcomes and False in outcomes)),
        amount=amount.group(0).strip() if amount else None,
        where=where.group(1).strip() if where else None,
        quote=text.strip()[:300],
    )


def _said(kept: bool | None, partly: bool) -> Literal["yes", "partly", "no"] | None:
    if kept is None:
        return None
    return ("partly" if partly else "yes") if kept else "no"


#: Kept only in part: "only the ones we caught", "some shops fill it in", "overwritten after a week", 「分だけ」
_PARTLY = re.compile(
    r"\bonly (?:the |those |some )?(?:ones?|cases?|part|few|bad ones)\b|\bsome (?:of (?:them|it|the)|shops|sites|people)\b|"
    r"\bpartly\b|\bpatchy\b|\boverwritten\b|\bhalf the time\b|分だけ|一部|だけ(?:記録|残)|上書き|まちまち|ばらばら",
    re.IGNORECASE,
)


_CAUGHT = re.compile(
    r"\b(?:only|just)\s+(?:log|note|record|keep|write down|track|enter)\s+(?:the\s+)?(?:\w+\s+){0,3}?(?:we|that|they)\s+"
    r"(?:caught|catch|found|find|noticed|notice|spotted|spot|see|saw)\b|(?:見つかった|見つけた|気づいた|発見した|拾えた)(?:分|もの)だけ",
    re.IGNORECASE,
)
_FADES = re.compile(r"\boverwritten\b|\bdeleted after\b|\bonly kept for\b|上書き|で消え|消してしまう", re.IGNORECASE)


def _outcome_verdict(outcomes: list[bool]) -> bool | None:
    """Outcomes are on record when any clause says so; not on record when every clause about them denies it."""
    if not outcomes:
        return None
    return any(outcomes)
