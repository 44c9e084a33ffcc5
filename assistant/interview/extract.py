"""Reading the employee's free text: pains, the target, the inputs, data, judgment and verdicts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.interview import cues
from assistant.interview.inputs import extract_inputs
from assistant.interview.target import extract_target
from assistant.interview.text import (
    clip,
    clip_ja,
    content_size,
    is_dont_know,
    is_vague,
    sentences,
    strip_filler,
)
from assistant.language import normalize
from assistant.vocabulary import Lang, Modality, TaskKind

__all__ = ["content_size", "extract_inputs", "extract_target", "is_dont_know", "is_vague", "sentences", "strip_filler"]

# -- pains ---------------------------------------------------------------------------------------

_ENUM_EN = re.compile(
    r"(?:^|(?<=[\s,;:.]))(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|also|another (?:one|thing|pain|"
    r"problem) is|on top of that|besides that|plus|and then there'?s|the other (?:one|thing) is|"
    r"one is|the other is)\b[,:]?\s*",
    re.IGNORECASE,
)
_ENUM_JA = re.compile(
    r"(?:一つ目は|二つ目は|三つ目は|1つ目は|2つ目は|3つ目は|一つは|もう一つは|ひとつは|もうひとつは|"
    r"それから|あと(?=[、は])|他には|ほかには|加えて|さらに|また(?=、))[、,]?"
)
_INTRO = re.compile(
    r"(?:いくつか|幾つか|二つ|2つ|三つ|3つ|色々|いろいろ)(?:あって|あります|ある)|^(?:困りごとは|悩みは)?[^、。]{0,6}(?:あって|あります)$|"
    r"\b(?:several|a few|two|three|a couple of|some)\s+(?:things|problems|issues|pains|headaches)\b|:$",
    re.IGNORECASE,
)


_LIST_INTRO_EN = re.compile(
    r"^(?:[^:.]{0,40}?)\b(?:two|three|four|several|a few|a couple of|some)\s+(?:things|problems|"
    r"issues|pains|headaches)\b[^:]{0,20}:\s*(.+)$",
    re.IGNORECASE | re.DOTALL,
)
_LIST_JA = re.compile(r"(?<=こと)(?:、|，)(?:それと|あと|さらに|また)?|(?<=の)(?:、)(?=[^、]{4,}(?:こと|の)[、。]?)")


def _list_after_intro(text: str) -> list[str]:
    """ "Three things: the queue, the write-ups, and the refreshes." / 「Aこと、Bこと、それとCことです」"""
    first = sentences(text)[0] if sentences(text) else text
    m = _LIST_INTRO_EN.match(first)
    if m:
        parts = [p.strip(" ,.") for p in re.split(r",\s*(?:and\s+|or\s+)?", m.group(1))]
        parts = [p for p in parts if content_size(p) >= 2]
        if len(parts) >= 2:
            return parts
    body = re.sub(r"^.*?(?:いくつか|幾つか|二つ|2つ|三つ|3つ|色々|いろいろ)(?:あって|あります)[、。]?", "", first)
    if body != first:
        parts = [strip_filler(p).strip("、。") for p in _LIST_JA.split(body)]
        parts = [re.sub(r"(?:です|ですね|でしょうか)$", "", p) for p in parts if p and content_size(p) >= 2]
        if len(parts) >= 2:
            return parts
    return []


def split_pains(text: str) -> list[str]:
    """Several pains in one answer ("first…, second…", 「1つ目は…、2つ目は…」, bullets) become several
    items; otherwise sentences that name a pain; a single pain stays whole."""
    text = text.strip()
    if not text:
        return []
    pieces: list[tuple[str, bool]] = []  # (piece, introduced by an enumeration marker)
    for sentence in sentences(text):
        for part in re.split(r"\s*;\s*|(?:^|\s)[-•・]\s+", sentence):
            marked = _ENUM_EN.sub("\n\x01", part)
            marked = _ENUM_JA.sub("\n\x01", marked)
            for chunk in marked.split("\n"):
                enumerated = chunk.startswith("\x01")
                chunk = chunk.lstrip("\x01").strip(" ,、:：。.")
                if chunk:
                    pieces.append((chunk, enumerated))
    listed = [p for p, e in pieces if e and content_size(p) >= 2 and not _INTRO.search(p)]
    if len(listed) >= 2:
        return [strip_filler(p) for p in listed]
    items = _list_after_intro(text)
    if len(items) >= 2:
        return items
    named = [p for p, _ in pieces if cues.PAIN.search(p) and not _INTRO.search(p) and content_size(p) >= 4]
    if len(named) >= 2 and len(named) == len({normalize(n) for n in named}):
        return [strip_filler(p) for p in named]
    return [strip_filler(text)]


def pain_weight(text: str) -> float:
    """How promising a pain sounds as a theme: hard judgment and money weigh most."""
    w = 0.0
    if cues.HARD.search(text):
        w += 2.0
    if cues.JUDGMENT.search(text):
        w += 1.0
    if re.search(r"[$€£¥円]|万|億|dollars?|yen|euros?|million|thousand", text, re.IGNORECASE):
        w += 1.5
    if re.search(r"\d|hours?|時間|days?|日", text):
        w += 0.5
    w += 0.2 * len(cues.PAIN.findall(text))
    return w


# -- data, judgment, verdict -----------------------------------------------------------------------

_AMOUNT = re.compile(
    r"(\d[\d,.]*\s*(?:万|千|億)?\s*(?:years?|months?|rows?|records?|entries|cases|photos?|images?|pictures?|"
    r"samples?|batches|lots|files?|reports?|customers?|claims?|loans?|tickets?|calls?|年分|年|か月分|ヶ月分|カ月分|件|枚|"
    r"行|本|ロット|バッチ|サンプル|人分|台分|例)(?:\s*(?:of|worth|分))?)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class DataReading:
    exists: bool | None
    labels: bool | None
    amount: str | None


def read_data(text: str) -> DataReading:
    """Whether data exists, roughly how much, and whether outcomes are recorded."""
    if is_dont_know(text):
        return DataReading(None, None, None)
    no = bool(cues.DATA_NO.search(text))
    yes = bool(cues.DATA_YES.search(cues.DATA_NO.sub(" ", text)))
    m = _AMOUNT.search(normalize(text))
    amount = m.group(1).strip() if m else None
    exists: bool | None = (yes or amount is not None) if not (no and not yes and amount is None) else False
    if no and yes and amount is None:
        exists = None  # partly recorded
    labels: bool | None
    if cues.LABELS_NO.search(text):
        labels = False
    elif cues.LABELS_YES.search(text):
        labels = True
    else:
        labels = None
    return DataReading(exists, labels, amount)


_ROLE_EN = re.compile(
    r"\b(?:veteran|senior|foreman|forem[ae]n|supervisor|manager|inspector|engineer|planner|buyer|analyst|nurse|"
    r"doctor|underwriter|adjuster|operator|expert|technician|team lead|chemist|investigator|attendant|clerk|"
    r"reviewer|specialist|old hand|craftsman|fitter|mechanic)s?\b",
    re.IGNORECASE,
)
_ROLE_JA = re.compile(
    r"ベテラン|熟練|担当者|課長|部長|主任|班長|職人|店長|検査員|医師|看護師|審査担当|エンジニア|技術者|"
    r"オペレーター|調査員|職員|上司|先輩"
)


def read_judge(text: str, lang: Lang) -> tuple[str | None, bool]:
    """How it is judged today: the employee's clause that names who judges (a role, not "I"), and whether
    the judgment is hard for a person."""
    hard = bool(cues.HARD.search(text))
    role = _ROLE_JA if lang == "ja" else _ROLE_EN
    for clause in re.split(r"(?<=[.!?。！？;；])\s*|(?<=[,、])\s*", text):
        if role.search(clause):
            return clip_ja(clause.strip(" ,、。.")) if lang == "ja" else clip(clause.strip(" ,.;"), 20), hard
    return None, hard


def not_ml_reason(judgment: str, data: str, lang: Lang) -> str | None:
    """Why this pain is not an ML theme ("no_decision", "fixed_rule", "no_outcome"), or None."""
    # "人によって答えが変わることはない" denies that the judgment is hard; it must not count as hard.
    judgment = re.sub(
        r"人によって[^。]{0,8}変わる(こと)?(は)?(ない|ありません)|doesn'?t depend on (who|the person)|"
        r"no gut feeling|no experience needed",
        "",
        judgment,
        flags=re.IGNORECASE,
    )
    if cues.NO_DECISION.search(judgment) and not cues.HARD.search(judgment):
        if cues.NO_OUTCOME.search(judgment):
            return "no_outcome"
        return "no_decision"
    if cues.FIXED_RULE.search(judgment) and not cues.HARD.search(judgment):
        return "fixed_rule"
    if cues.NO_OUTCOME.search(judgment) and (
        not data or cues.NO_OUTCOME.search(data) or cues.DATA_NO.search(data) or cues.LABELS_NO.search(data)
    ):
        return "no_outcome"
    return None


def modality_cues(text: str) -> list[Modality]:
    """Data modalities the text mentions, most mentioned first."""
    counts = {m: len(p.findall(text)) for m, p in cues.MODALITY.items()}
    return [m for m, n in sorted(counts.items(), key=lambda kv: -kv[1]) if n > 0]


def task_cues(text: str) -> dict[TaskKind, int]:
    return {k: n for k, p in cues.TASK.items() if (n := len(p.findall(text))) > 0}


# -- the opening message ------------------------------------------------------------------------

# A request to the assistant ("can you help me?", 「聞いてもらえますか」) is not a description of the work.
META = re.compile(
    r"\b(can you|could you|would you|help me|i'?d like to (talk|ask|discuss)|let'?s talk)\b|"
    r"(ください|もらえますか|もらえませんか|いただけますか|いただけませんか|相談|聞いて|お願い)",
    re.IGNORECASE,
)
_CLAUSE = re.compile(r",?\s+(?:and|but|so|where)\s+|;\s*|(?<=[がでて])、|けど、?|のですが、?|ですが、?")


def split_work_and_pain(sentence: str) -> tuple[str, str]:
    """("I plan maintenance for a stamping plant", "the presses stop without warning") from one sentence;
    ("", sentence) when it does not split into a work part and a pain part."""
    parts = [p for p in _CLAUSE.split(sentence) if p and p.strip()]
    for i, part in enumerate(parts[1:], start=1):
        if specific_pain(part) and not any(specific_pain(p) for p in parts[:i]):
            head = " ".join(parts[:i]) if not re.search(r"[\u3040-\u30ff]", sentence) else "、".join(parts[:i])
            tail = sentence[sentence.find(part) :]
            if content_size(head) >= 2:
                return head.strip(" ,、"), tail.strip()
    return "", sentence


def specific_pain(sentence: str) -> bool:
    """A pain cue beyond "it's hard"/"大変": only then does an opening already name a pain."""
    found = [m.group(0) for m in cues.PAIN.finditer(sentence)]
    return any(not cues.GENERAL_PAIN.fullmatch(f.strip()) for f in found)


def short(text: str, lang: Lang, limit: int = 60) -> str:
    text = strip_filler(text).rstrip("。.!！")
    if lang == "ja":
        return text if len(text) <= limit // 2 + 10 else text[: limit // 2 + 8] + "…"
    words = text.split()
    return text if len(words) <= 12 else " ".join(words[:12]) + "…"
