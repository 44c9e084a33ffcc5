"""The honest "not an ML theme": a judgment that does not exist, or that a fixed rule already makes.

Read clause by clause with negation in scope: "there isn't really a decision", 「判断ってほどのものはない」 deny a
decision; "the template says which code goes where", 「法律と基準表で全部決まってる」 hand it to a rule. A clause
that says the call is hard or takes experience outweighs both.
"""

from __future__ import annotations

import re

from assistant.core.update import NotMl
from assistant.understanding import cues
from assistant.understanding.records import clauses, negated, read_data
from assistant.vocabulary import Lang

#: Words naming a decision, a judgment or weighing things up.
DECISION = re.compile(
    r"\b(?:decisions?|decide|deciding|judg(?:e)?ments?|judge|judging|choices?|choose|thinking|think about|weigh|"
    r"call to make|calls? to make|discretion|guesswork)\b|判断|迷う|迷い|決める|考える|見極め|さじ加減",
    re.IGNORECASE,
)
#: A rule, table or mapping that decides by itself.
RULE = re.compile(
    r"\b(?:rules?|template|table|mapping|policy|regulations?|law|agreement|contract|schedule|formula|tariff)\b"
    r"[^.;]{0,40}\b(?:says?|decides?|sets?|determines?|fixe[sd]|never changes?|always|tells? (?:me|us)|"
    r"is all fixed|are all fixed)\b|\b(?:all )?fixed (?:in|by) (?:the )?\w+|"
    r"(?:法律|法令|規則|ルール|規定|規程|基準表|料金表|表|テンプレート|マニュアル)[^。]{0,16}(?:で|に|が)[^。]{0,8}(?:決まって|決まる|決め|定まって)|"
    r"(?:機械的に|自動的に|一律)",
    re.IGNORECASE,
)


def read_not_ml(text: str, lang: Lang) -> NotMl | None:
    """ "no_decision" or "fixed_rule" when the answer says so, else None."""
    if cues.HARD.search(_without_denied_difficulty(text)):
        return None
    for clause in clauses(text):
        if DECISION.search(clause) and negated(clause, lang):
            return "no_decision"
    rule = RULE.search(text)
    if rule and not _QUESTIONED.search(text[rule.start() :]):
        return "fixed_rule"
    return None


#: "we re-order on a fixed rule, but demand varies", 「一律で3ヶ月ごとに交換…けど、使い方で全然違う」:
#: the rule is what they do today and do not trust, which is the judgment ML would make
_QUESTIONED = re.compile(
    r"(?:\bbut\b|\bthough\b|\bhowever\b|けど|けれど|が、|ただ)[^.。]{0,50}?"
    r"(?:\bvar(?:y|ies)\b|\bdiffers?\b|\bdoesn'?t (?:work|fit|hold)\b|\bwrong\b|\btoo (?:early|late|often)\b|"
    r"\bwaste|\bnot (?:right|accurate|reliable)|違う|違い|合わない|ばらつ|バラバラ|外れ|うまくいかない|もったいない)",
    re.IGNORECASE,
)


def _without_denied_difficulty(text: str) -> str:
    """ "It doesn't depend on who does it", 「人によって変わることはない」 deny difficulty; they are no hard cue."""
    return re.sub(
        r"人によって[^。]{0,8}変わる(?:こと)?(?:は)?(?:ない|ありません)|doesn'?t depend on (?:who|the person)|"
        r"no gut feeling|no experience needed|迷うことは(?:ほぼ|ほとんど)?(?:ない|ありません)",
        "",
        text,
        flags=re.IGNORECASE,
    )


def not_ml_reason(judgment: str, data: str, lang: Lang) -> NotMl | None:
    """Why this pain is not an ML theme ("no_decision", "fixed_rule", "no_outcome"), or None: the clause reading
    above, then the plain cues; "no outcome" when nobody learns what happened and nothing records it."""
    judgment = _without_denied_difficulty(judgment)
    found = read_not_ml(judgment, lang)
    if found:
        return found
    hard = cues.HARD.search(judgment)
    if cues.NO_DECISION.search(judgment) and not hard:
        return "no_outcome" if cues.NO_OUTCOME.search(judgment) else "no_decision"
    rule = cues.FIXED_RULE.search(judgment)
    if rule and not hard and not _QUESTIONED.search(judgment[rule.start() :]):
        return "fixed_rule"  # a rule they follow but say does not fit is the judgment ML would make
    if cues.NO_OUTCOME.search(judgment):
        recorded = read_data(data, lang) if data else None
        if recorded is None or recorded.outcomes_recorded == "no" or cues.NO_OUTCOME.search(data):
            return "no_outcome"
    return None
