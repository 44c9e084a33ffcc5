"""The detection target: what the employee wants to know earlier or more surely, in their own words."""

from __future__ import annotations

import re

from assistant.interview.text import clip, clip_ja, content_size, is_dont_know, sentences, strip_filler
from assistant.vocabulary import Lang

_KNOW_EN = r"(?:know|see|tell|find out|figure out|spot|catch|learn|understand|work out|be sure|predict|get)"
_WISH_EN = re.compile(
    rf"(?:(?:what )?(?:i|we)(?:'d| would)? (?:really )?(?:want|like|love|need|hope)(?:ed)? to (?:{_KNOW_EN}\s+)?|"
    r"(?:(?:i|we) )?wish (?:i|we) (?:knew|could (?:tell|see|know)|had)\s+|if (?:only )?(?:i|we) knew\s+|"
    r"what (?:i|we) (?:really )?(?:want|need|wish)(?: to know)? is(?: to)?\s+|knowing\s+)"
    r"(?:(?:earlier|sooner|in advance|ahead of time|for sure|more surely|reliably|up front|upfront|early)\s+)?"
    r"(?:is\s+|are\s+)?(.+)",
    re.IGNORECASE,
)
_DECIDE_EN = re.compile(
    r"\b(?:decide|judge|estimate|guess|work out|choose|pick|set|check|determine|assess|"
    r"figure out)s?\s+(.+)",
    re.IGNORECASE,
)
_TAIL_EN = re.compile(
    r"\s*(?:,\s*)?(?:(?:so that|so|because|since|which would|that way|instead of|rather than|"
    r"then|and then|but|ideally)\b.*|(?:earlier|sooner|in advance|ahead of time|beforehand|for sure|"
    r"more surely|reliably|before (?:it happens|they happen|we commit|we order|it'?s too late))\b.*)$",
    re.IGNORECASE,
)
_QUESTION_EN = re.compile(r"^(?:which|whether|how|what|when|who|where|if)\b", re.IGNORECASE)
# "that", "that number", 「これ」: the clause points back to another sentence instead of naming the target
_DEMONSTRATIVE = re.compile(
    r"^(?:(?:this|that|it|these|those|them)(?:\s+\w+)?|これ|それ|あれ|ここ|そこ|この辺|そのあたり)$", re.IGNORECASE
)
# "whether we missed anything", 「見落としがないか」: about the reliability of the judgment, not what is judged
_META_TARGET = re.compile(
    r"^(?:whether )?(?:we |i )?(?:missed anything|miss(?:ed)? something|(?:make )?(?:a )?mistakes?|errors?)$|"
    r"^(?:見落とし|見逃し|漏れ|ミス|間違い|抜け)(?:が|は)?(?:ない|ある)?か?$",
    re.IGNORECASE,
)

_WISH_JA = re.compile(
    r"([^。！？]+?)(?:を|が|は)(?:[^。！？をが]{0,12}?)(?:知りたい|分かれば|わかれば|知れれば|分かると|わかると|分かったら|"
    r"わかったら|知っておきたい|見極めたい|見分けたい|判断したい|読みたい|つかみたい|掴みたい|当てたい|把握したい|知ることができれば|"
    r"見抜きたい|決めたい|気づきたい|気付きたい|分かるように|わかるように|出したい|見つけたい|特定したい|つけたい|教えたい|"
    r"拾いたい|見込みたい|絞り込みたい|探したい|減らしたい|選びたい)"
)
_DECIDE_JA = re.compile(
    r"(?:を|か|、)[^。！？を]{0,4}?(?:判断し|決め|見極め|見分け|読み取っ|拾い出し|確認し|見て決め)て"
)
_DECIDE_WHAT_JA = re.compile(
    r"(?:決めて|判断して|見て)いる(?:の|こと)は[、,]?([^。！？]+?)(?:です|だ|となります)?[。！？]?$"
)
_CONTEXT_JA = re.compile(
    r"(?:ときに|時に|際に|ので|けど|から|たら|ると|れば|ては|には|では|の中で|中で|場合|時|とき|は)$"
)
_QUESTION_JA = re.compile(
    r"(?:か|かどうか)$|どれ|どの|何|いつ|どこ|いくら|どのくらい|どれだけ|どれくらい|位置|場所|順番|順位"
)
_ABSTRACT_JA = re.compile(r"(?:さ|もの|点|問題|リスク|あたり|ところ)$")
_LEAD_ADVERB_JA = re.compile(r"^(?:もっと|より|早く|早めに|事前に|前もって|確実に|正確に|きちんと|見落としなく|特に)+")


def extract_target(text: str, lang: Lang) -> str | None:
    """What the employee wants to know earlier or more surely, in their words.

    Candidates are the wish ("I'd like to know X") and the decision ("I decide X") of each sentence,
    scored: a question form (which/whether/何/か) is concrete, a bare "this" or an abstract noun is not.
    """
    text = text.strip()
    if not text or is_dont_know(text):
        return None
    candidates = _candidates_ja(text) if lang == "ja" else _candidates_en(text)
    if not candidates:
        first = strip_filler(sentences(text)[0])
        if lang == "ja":
            first = re.sub(r"(です|ます|でしょうか|かな|ですね|ですかね|ています|ている)[。.]?$", "", first)
            return clip_ja(first) if first else None
        return clip(first.strip(" ,.;:!?"), 18) or None
    best = max(candidates, key=lambda c: c[0])
    return best[1]


def _score(clause: str, base: float, lang: Lang) -> float:
    score = base
    if _DEMONSTRATIVE.match(clause.strip(" 、,.")):
        return -10.0
    if _META_TARGET.match(clause.strip(" 、,.")):
        return -2.0
    if lang == "ja":
        if _QUESTION_JA.search(clause):
            score += 1.0
        if _ABSTRACT_JA.search(clause) and not _QUESTION_JA.search(clause):
            score -= 1.5
        if len(clause) < 4:
            score -= 1.0
    else:
        if _QUESTION_EN.match(clause):
            score += 1.0
        if len(clause.split()) < 2:
            score -= 1.0
        if len(clause.split()) > 22:
            score -= 0.5
    return score


def _candidates_en(text: str) -> list[tuple[float, str]]:
    out: list[tuple[float, str]] = []
    for sentence in sentences(text):
        sentence = strip_filler(sentence)
        for regex, base in ((_WISH_EN, 1.6), (_DECIDE_EN, 0.5)):
            m = regex.search(sentence)
            if not m:
                continue
            clause = _TAIL_EN.sub("", m.group(1)).strip(" ,.;:!?")
            clause = re.sub(r"^(?:is |was |are |to )", "", clause)
            if content_size(clause) >= 1:
                out.append((_score(clause, base, "en"), clip(clause, 18)))
    return out


def _trim_ja(clause: str) -> str:
    m = re.search(r"^(.*(?:か|かどうか))(?:を|は|が)?[、,][^、,か]{0,15}$", clause)
    if m:
        clause = m.group(1)  # "…になるかを、実験する前に見当" -> "…になるか"
    parts = [_LEAD_ADVERB_JA.sub("", p.strip()) for p in re.split(r"[、,]", clause)]
    parts = [p for p in parts if p]
    while len(parts) > 1 and (_CONTEXT_JA.search(parts[0]) or len(parts[0]) <= 4) and not _QUESTION_JA.search(parts[0]):
        parts = parts[1:]
    clause = "、".join(parts)
    clause = re.sub(r"^.*?(?:ときに|時に|際に|ので|けど)[、,]?", "", clause) if len(clause) > 12 else clause
    return strip_filler(clause).strip("、, ")


def _candidates_ja(text: str) -> list[tuple[float, str]]:
    out: list[tuple[float, str]] = []
    for sentence in sentences(text):
        body = sentence.rstrip("。！？!?")
        m = _DECIDE_WHAT_JA.search(sentence)
        if m:
            out.append((_score(m.group(1), 0.5, "ja"), clip_ja(_trim_ja(m.group(1)))))
        for m in _WISH_JA.finditer(body):
            clause = _trim_ja(m.group(1))
            if clause:
                out.append((_score(clause, 1.6, "ja"), clip_ja(clause)))
        decisions = list(_DECIDE_JA.finditer(body))
        if decisions:
            # "Aを見て、Bを判断しています": the judgment is A and B together
            span = body[: decisions[-1].start() + (1 if decisions[-1].group(0)[0] == "か" else 0)]
            for d in decisions[:-1]:
                span = span.replace(d.group(0), "、" if d.group(0)[0] != "か" else "か、", 1)
            span = re.sub(r"[、,]?\s*(?:[^、,]{0,3})?$", "", span) if span.endswith(("見", "確認")) else span
            clause = _trim_ja(re.sub(r"、+", "、", span))
            if clause:
                out.append((_score(clause, 0.5, "ja"), clip_ja(clause)))
    return out
