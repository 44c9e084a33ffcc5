"""Slots as clean phrases: the target and the pain's name, cut out of what the employee said.

The target is the clause inside a wish or judgment frame ("I'd like to know X", 「Xが知りたい」, "the
judgment is whether X"), or a question clause (which / whether / how many, 「どれが〜か」); the frame,
fillers, purpose clauses ("so we can…") and first-person wording are dropped, and the clause must end as a
noun phrase or a question. The inputs are read in `inputs.py`.
"""

from __future__ import annotations

import re

from assistant.core.update import Phrase
from assistant.language import ja_morphemes, tokens
from assistant.understanding import lexicon as lx
from assistant.understanding.text import (
    JA_TIME_NOUNS,
    close_brackets,
    content_words,
    finish_ja_clause,
    is_dont_know,
    nfkc,
    sentence_case,
    sentences,
    soften_ja_end,
    split_outside_brackets,
    strip_fillers,
    trim_ja_phrase,
)
from assistant.vocabulary import Lang

_QUESTION_EN = re.compile(
    r"\b(?:which|whether|how (?:many|much|long|likely|soon|bad|big|often)|what|when|who|where)\b.*", re.I
)


_QUESTION_JA = re.compile(r"どれ|どの|何|いつ|どこ|いくら|どのくらい|どれくらい|どれだけ|どう|誰")


FIRST_PERSON = re.compile(r"\b(?:i|i'?m|i'?d|me|my|we|we'?re|we'?d|we'?ll|us|our|you|your)\b", re.I)


_MODAL_AFTER_PRONOUN = re.compile(
    r"\b(?:we|i|you)\s+(?:should|need to|have to|must|can|could|ought to|want to|'d)\s+", re.I
)


_LEAD_ADVERBIAL_EN = re.compile(
    r"^(?:(?:more |for )?(?:surely|sure|earlier|sooner|reliably|accurately|in advance|ahead of time|beforehand|"
    r"up front|upfront|early|first|quickly|at a glance|in the morning|at the start(?: of \w+)?|each (?:morning|day|week)|"
    r"right away|already|better)\b[,]?\s*)+",
    re.I,
)


_AUX = r"(?:is|are|was|were|will|would|can|could|should|has|have|does|do|did)"


_YES_NO = re.compile(
    rf"^{_AUX}\s+((?:this|that|these|those|the|a|an|our|my|its|their)\s+(?:[\w-]+\s+){{0,2}}?[\w-]+|it|they|he|she)\s+(.+)$",
    re.I,
)


_IRREGULAR = {
    "sell": "sold",
    "make": "made",
    "get": "got",
    "buy": "bought",
    "find": "found",
    "send": "sent",
    "take": "taken",
    "break": "broken",
    "run": "run",
    "go": "gone",
    "come": "come",
    "pay": "paid",
    "lose": "lost",
    "build": "built",
    "spend": "spent",
    "bring": "brought",
    "keep": "kept",
    "hold": "held",
}


def _participle(verb: str) -> str:
    v = verb.lower()
    if v in _IRREGULAR:
        return _IRREGULAR[v]
    if v.endswith("e"):
        return v + "d"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgkmnprt]", v):
        return v + v[-1] + "ed"  # ship -> shipped, plan -> planned
    if re.search(r"[^aeiou]y$", v):
        return v[:-1] + "ied"
    return v + "ed"


def _third_person(verb: str) -> str:
    v = verb.lower()
    if v in ("have",):
        return "has"
    if re.search(r"(?:s|sh|ch|x|z|o)$", v):
        return v + "es"
    if re.search(r"[^aeiou]y$", v):
        return v[:-1] + "ies"
    return v + "s"


def _declarative(clause: str) -> str:
    """A yes/no question as a whether-clause: "is this insert about to go" -> "whether this insert is about to go",
    "does this comment break the rules" -> "whether this comment breaks the rules"."""
    m = _YES_NO.match(clause)
    if not m:
        return clause
    aux, subject, rest = clause.split()[0].lower(), m.group(1), m.group(2)
    if aux in ("does", "do", "did"):
        first, _, tail = rest.partition(" ")
        verb = _third_person(first) if aux == "does" else (first if aux == "do" else _participle(first))
        if aux == "does":  # "break the rules and need to come down": both verbs agree with the subject
            tail = re.sub(
                r"\b(and|or)\s+(need|have|go|get|make|come|take|look|want|seem)\b",
                lambda m: f"{m.group(1)} {_third_person(m.group(2))}",
                tail,
            )
        return f"whether {subject} {verb} {tail}".strip()
    return f"whether {subject} {aux} {rest}"


def _no_pronoun_subject(clause: str) -> str:
    """ "how many MWh will we produce" -> "how many MWh will be produced": the question without the speaker."""
    clause = re.sub(
        r"\b(will|would|can|could|should|do|does|did)\s+(?:we|i|you)\s+([a-z]+)\b",
        lambda m: (
            (
                "will be "
                if m.group(1) in ("will", "would")
                else f"{m.group(1)} be "
                if m.group(1) in ("can", "could", "should")
                else "are "
            )
            + _participle(m.group(2))
        ),
        clause,
        flags=re.I,
    )
    return clause


DANGLING_EN = re.compile(
    r"(?:\s+\b(?:the|a|an|of|in|on|at|to|for|from|with|by|and|or|but|so|than|as|my|our|their|its|very|really|like|about)\b)+$",
    re.I,
)


def _en_target(clause: str) -> str:
    clause = _LEAD_ADVERBIAL_EN.sub("", clause.strip(" ,"))
    clause = _declarative(clause)
    clause = _no_pronoun_subject(clause)
    q = _QUESTION_EN.search(clause)
    if q and q.start() > 0 and len(clause[: q.start()].split()) <= 5:
        clause = clause[q.start() :]  # "in the morning how many of each…" -> "how many of each…"
    clause = re.sub(r"\b(?:we|i|they|you)(?:'ll| will)\s+", "will ", clause, flags=re.I)
    clause = re.sub(r"\b(?:we|i|you)\s+(?:will\s+)?need\b", "needed", clause, flags=re.I)
    clause = lx.PURPOSE_EN.sub("", clause)
    clause = re.sub(r"^(?:is|are|was|to know|to|that|about|of|on)\s+", "", clause.strip(" ,.;:!?"), flags=re.I)
    clause = re.sub(r"^if\b", "whether", clause, flags=re.I)
    clause = re.sub(r"\s+or not$", "", clause, flags=re.I)
    clause = _MODAL_AFTER_PRONOUN.sub("to ", clause)
    clause = re.sub(r"\b(?:our|my|your)\b", "the", clause, flags=re.I)
    clause = re.sub(r"\bthe the\b", "the", clause)
    clause = close_brackets(strip_fillers(clause, "en")).strip(" ,.;:!?")
    clause = DANGLING_EN.sub("", clause)
    words = clause.split()
    if len(words) > 16:
        clause = " ".join(words[:16])
        clause = re.split(r",|\band\b(?!.*\band\b)", clause)[0].strip(" ,")
    return sentence_case(clause)


def _score_en(clause: str, base: float) -> float:
    score = base
    if FIRST_PERSON.search(clause):
        score -= 1.5
    if _QUESTION_EN.match(clause):
        score += 0.5
    n = len(content_words(clause, "en"))
    if n < 2:
        score -= 2.0
    if re.search(r"^(?:this|that|it|them|these|those)\b", clause, re.I):
        score -= 2.0
    return score


#: Only how finely it is wanted: 「畑ごと」「店舗別」「1時間単位」, "per field", "by store", "at the site level".
_GRAIN = {
    "ja": re.compile(r"^[^、。]{1,10}?(?:ごと|別|単位|毎)(?:に|で)?$"),
    "en": re.compile(r"^(?:per|by|for each|each|at the)\s+(?:\w+\s+){0,2}?(?:\w+)(?:\s+level)?$", re.IGNORECASE),
}


def _degenerate(phrase: str, lang: Lang) -> bool:
    """A phrase that points elsewhere, only says when or only how finely: 「それ」「止まる前」「発注のとき」「畑ごと」,
    "which ones first", "per field"."""
    if _GRAIN[lang].match(phrase.strip()):
        return True
    if lang == "ja":
        morphs = ja_morphemes(phrase)
        if not morphs or re.fullmatch(r"(?:それ|これ|あれ|そこ|ここ|その辺|そのあたり|どれ|何)", phrase):
            return True
        last = morphs[-1]
        time_only = last[0] in JA_TIME_NOUNS and last[1] == "名詞" and not phrase.endswith("か")
        return time_only or len(content_words(phrase, "ja")) < 1
    words = [w.lower() for w in content_words(phrase, "en")]
    vague = {"ones", "one", "first", "next", "days", "day", "weeks", "time", "times", "stuff", "things", "thing"}
    return len([w for w in words if w not in vague and not re.fullmatch(r"[\d-]+", w)]) < 1


def read_target(text: str, lang: Lang, context: str = "") -> Phrase | None:
    """What the employee wants to know, as a clean phrase; None when the answer names nothing. Of several
    candidate clauses, one that shares words with `context` (the pain) is preferred."""
    if not text.strip() or is_dont_know(text):
        return None
    candidates = _candidates_ja(text) if lang == "ja" else _candidates_en(text)
    candidates = [c for c in candidates if c[1] and not _degenerate(c[1], lang)]
    if context:
        about = set(tokens(context))
        candidates = [(c[0] + (0.5 if about & set(tokens(c[1])) else 0.0), c[1], c[2]) for c in candidates]
    if not candidates:
        return None
    score, phrase, quote = max(candidates, key=lambda c: c[0])
    if score < 0:
        return None
    if lang == "en":
        phrase = _resolve_it(phrase, quote)
    return Phrase(text=phrase[:160], quote=quote)


_ANTECEDENT_EN = re.compile(
    r"\b(?:this|that|the|an?|each|every)\s+([a-z][a-z-]+)\s+(?=(?:is|are|was|lands?|comes? in|arrives?|about|can|should|will)\b)",
    re.IGNORECASE,
)


def _resolve_it(phrase: str, sentence: str) -> str:
    """ "when a claim comes in: can it be paid straight away" -> "whether the claim can be paid straight
    away": a target whose subject is "it" names the thing the same sentence named before."""
    m = re.match(r"^(whether|if)\s+(it|this)\s+(?=(?:is|can|will|should|needs?|has|goes|runs?)\b)", phrase, re.I)
    if not m:
        return phrase
    found = [a.group(1) for a in _ANTECEDENT_EN.finditer(sentence) if a.group(1).lower() not in {"one", "thing"}]
    if not found:
        return phrase
    return f"{m.group(1)} the {found[0]} " + phrase[m.end() :]


def _candidates_en(text: str) -> list[tuple[float, str, str]]:
    out: list[tuple[float, str, str]] = []
    for sentence in sentences(nfkc(text)):
        body = strip_fillers(sentence, "en")
        for m in lx.WISH_EN.finditer(body):
            rest = body[m.end() :]
            if len(rest.split()) >= 2:
                phrase = _en_target(rest)
                wish = not re.search(
                    r"decide|judge|guess|check|estimate|assess|determine|pick|choose", m.group(0), re.I
                )
                out.append((_score_en(phrase, 2.0 if wish else 1.5), phrase, sentence))
        q = _QUESTION_EN.search(body)
        if q:
            phrase = _en_target(q.group(0))
            out.append((_score_en(phrase, 1.0), phrase, sentence))
        for clause in re.split(r"[,;:]\s*|\s+or\s+(?=is|are|does|do|will|can|should)", body):
            if _YES_NO.match(clause.strip()):
                phrase = _en_target(clause.strip())
                out.append((_score_en(phrase, 1.2), phrase, sentence))
    return out


def _ja_clean(clause: str) -> str:
    clause = strip_fillers(clause, "ja")
    q = re.search(r"^(.*?か(?:どうか)?)(?:を|は|が)?[、,][^、,か]{0,10}$", clause)
    if q:
        clause = q.group(1)  # 「〜かどうか、出荷前」: the question, not the time after it
    clause = re.sub(r"^(?:この|その|あの)", "", clause)
    clause = re.sub(r"^.*?(?:ときに|時に|際に|ので|けど|から|たら|ると|れば|場合は?|うえで|上で)[、,]", "", clause)
    clause = re.sub(r"^[^、,]{0,12}?(?:前に|後に|までに|ときに|時に)[、,]?(?=.{4,})", "", clause)
    clause = clause.replace("とか", "や")
    clause = re.sub(r"^(?:私|僕|うち|我々|自分)(?:は|が|の|で)[、,]?", "", clause)
    clause = re.sub(r"(?<=か)(?:が|を)?(?:先に|前に|事前に|早めに|早く)$", "", clause)  # 「在庫が切れるかが先に」
    clause = re.sub(r"(?:事前に|前もって|早めに|早く|先に|もっと|確実に|正確に|ちゃんと|きちんと)$", "", clause)
    clause = re.sub(r"^(?:事前に|前もって|早めに|もっと|確実に|正確に|ちゃんと|きちんと)", "", clause)
    trimmed = trim_ja_phrase(clause)
    if _QUESTION_JA.search(clause) and not re.search(r"か$", trimmed) and re.search(r"(?:る|い|た|だ|う)$", clause):
        trimmed = clause + "か"  # 「どれだけ売れる」 -> 「どれだけ売れるか」: a question stays a question
    return close_brackets(trimmed).strip("、, ")


def _candidates_ja(text: str) -> list[tuple[float, str, str]]:
    out: list[tuple[float, str, str]] = []
    for sentence in sentences(nfkc(text)):
        body = strip_fillers(sentence, "ja").rstrip("。！？!?")
        for rx, base in ((lx.WISH_JA, 2.0), (lx.EVAL_JA, 1.5)):
            m = rx.search(body)
            if m and m.start() > 1:
                head = body[: m.start()]
                head = re.split(r"。|！|？", head)[-1]
                phrase = _ja_clean(head.split("、")[-1] if len(head) > 40 else head)
                # a wish (「知りたい」「分かれば」) names the target; a decision verb (「判断して」) may only say how
                wish = base < 2.0 or re.search(r"たい|れば|ると|たら|ように", m.group(0))
                # 「見えない危なさ」「気になる点」: an abstract noun names no outcome; a question or a measure does
                abstract = re.search(r"(?:さ|もの|点|問題|リスク|ところ|こと|部分)$", phrase) and not phrase.endswith(
                    "か"
                )
                if len(phrase) >= 2:
                    score = (base if wish else 1.2) - (1.0 if len(phrase) > 40 else 0.0) - (1.0 if abstract else 0.0)
                    out.append((score, phrase, sentence))
        for clause in split_outside_brackets(body, re.compile(r"、|。")):
            clause = re.sub(r"(?:を|が|は|も)?(?:です(?:ね|か)?|ですかね)?$", "", clause)
            if re.search(r"か(?:どうか)?$", clause):
                # 「この部品が外観OKかNGか」「どれを先に合成するか」: a question clause names the target
                phrase = _ja_clean(re.sub(r"^(?:この|その|あの|そのうち|うち)", "", clause))
                pointed = _QUESTION_JA.search(clause) or "かどうか" in clause or re.search(r"か.+か$", clause)
                if len(content_words(phrase, "ja")) >= (1 if pointed else 2):
                    out.append((1.0 + (0.3 if pointed else 0.0), phrase, sentence))
        whole = re.sub(r"(?:です(?:ね|か)?|ですかね)$", "", body)
        if re.search(r"か(?:どうか)?$", whole) and len(_QUESTION_JA.findall(whole)) >= 2 and len(whole) <= 45:
            # 「どの車に、どの荷物を載せて、どの順番で回るか」: one question over several clauses
            out.append((1.4, _ja_clean(re.sub(r"^(?:この|その|あの)", "", whole)), sentence))
    return out


def short_phrase(text: str, lang: Lang, limit: int = 14) -> str:
    """A short clean phrase for a pain or the work: the first clause, fillers out, at most `limit` words."""
    first = sentences(nfkc(text))[0] if sentences(nfkc(text)) else text
    body = strip_fillers(first, lang).rstrip("。.!！?？")
    body = close_brackets(body)
    # "the worst bit is X", 「一番困ってるのはXですね」: the frame that points at the pain is not the pain
    body = re.sub(
        r"^(?:the )?(?:worst|biggest|main|real|hardest|big) (?:bit|thing|part|problem|issue|pain|headache|one) (?:is|are)\s+",
        "",
        body,
        flags=re.I,
    )
    # "the smeared runs are what really cost money": the subject is the pain, the rest judges it
    body = re.sub(
        r"^(\S+(?:\s+\S+){1,6}?)\s+(?:is|are)\s+what\s+(?:really\s+)?(?:costs?|hurts?|matters?)\b.*$",
        r"\1",
        body,
        flags=re.I,
    )
    body = re.sub(
        r"^(?:一番|特に|いちばん)?(?:困って(?:い)?る|悩んで(?:い)?る|大変な|問題な|厄介な)(?:の|こと)は[、,]?", "", body
    )
    if lang == "ja":
        body = soften_ja_end(body) or body
        body = body if len(body) <= 40 else body[:40].rsplit("、", 1)[0]
        return finish_ja_clause(body) or body
    words = body.split()
    if len(words) > limit:
        # cut at a clause boundary, never mid-clause: "we get a lot of no-shows and I never know how far…"
        clauses = re.split(r",\s*|\s+(?:and|but|so|because)\s+", body)  # "which/where" clauses belong to their noun
        kept = clauses[0]
        for c in clauses[1:]:
            if len((kept + " " + c).split()) > limit:
                break
            kept += ", " + c
        body = kept if len(kept.split()) >= 3 else " ".join(words[:limit])
    return sentence_case(body)
