"""Reading the employee's free text: pains, the target, the inputs, data, judgment and verdicts."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.interview import cues
from assistant.language import ja_morphemes, normalize, tokens
from assistant.vocabulary import Lang, Modality, TaskKind

_SENTENCE = re.compile(r"(?<=[.!?。！？])\s*|\n+")
_FILLER_EN = re.compile(
    r"^\s*(?:(?:well|hmm+|um+|uh+|so|honestly|basically|mostly|mainly|usually|i guess|i think|i'd say|"
    r"to be honest|i suppose|okay|ok|yeah|yes|right|oh)\b[,.\s]*)+",
    re.IGNORECASE,
)
_FILLER_JA = re.compile(
    r"^\s*(?:(?:うーん|えーと|えっと|そうですね|まあ|正直|基本的に(?:は)?|主に|だいたい|普段(?:は)?|"
    r"いつもは|一番は|強いて言えば|なんというか)[、。…\s]*)+"
)


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE.split(text) if s and s.strip()]


def is_dont_know(text: str) -> bool:
    return bool(cues.DONT_KNOW.search(text.strip()))


def content_size(text: str) -> int:
    return len(tokens(text))


def is_vague(text: str, lang: Lang) -> bool:
    """Too little to work with: "I don't know", a hedge, or only a few content words."""
    return is_dont_know(text) or content_size(text) < 3


def strip_filler(text: str) -> str:
    text = _FILLER_EN.sub("", text)
    text = _FILLER_JA.sub("", text)
    return text.strip(" 、,.。")


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
    named = [p for p, _ in pieces if cues.PAIN.search(p) and not _INTRO.search(p) and content_size(p) >= 2]
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


# -- target --------------------------------------------------------------------------------------

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
_DEMONSTRATIVE = re.compile(
    r"^(?:this|that|it|these|those|them|これ|それ|あれ|ここ|そこ|この辺|そのあたり)$", re.IGNORECASE
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
            return _clip_ja(first) if first else None
        return _clip(first.strip(" ,.;:!?"), 18) or None
    best = max(candidates, key=lambda c: c[0])
    return best[1]


def _score(clause: str, base: float, lang: Lang) -> float:
    score = base
    if _DEMONSTRATIVE.match(clause.strip(" 、,.")):
        return -10.0
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
                out.append((_score(clause, base, "en"), _clip(clause, 18)))
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
            out.append((_score(m.group(1), 0.5, "ja"), _clip_ja(_trim_ja(m.group(1)))))
        for m in _WISH_JA.finditer(body):
            clause = _trim_ja(m.group(1))
            if clause:
                out.append((_score(clause, 1.6, "ja"), _clip_ja(clause)))
        decisions = list(_DECIDE_JA.finditer(body))
        if decisions:
            # "Aを見て、Bを判断しています": the judgment is A and B together
            span = body[: decisions[-1].start() + (1 if decisions[-1].group(0)[0] == "か" else 0)]
            for d in decisions[:-1]:
                span = span.replace(d.group(0), "、" if d.group(0)[0] != "か" else "か、", 1)
            span = re.sub(r"[、,]?\s*(?:[^、,]{0,3})?$", "", span) if span.endswith(("見", "確認")) else span
            clause = _trim_ja(re.sub(r"、+", "、", span))
            if clause:
                out.append((_score(clause, 0.5, "ja"), _clip_ja(clause)))
    return out


def _clip(text: str, words: int) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _clip_ja(text: str, chars: int = 70) -> str:
    return text if len(text) <= chars else text[:chars] + "…"


# -- inputs --------------------------------------------------------------------------------------

_INPUT_LEAD_EN = re.compile(
    r"^\s*(?:[\w']+\s+){0,5}?(?:look(?:ing)? at|check(?:ing)?|go(?:ing)? by|based on|rely on|listen(?:ing)? to|"
    r"watch(?:ing)?|read(?:ing)?|compare|comparing|use|using|glance at|consider|we have|there'?s|there are|"
    r"it'?s)\b\s*",
    re.IGNORECASE,
)
_INPUT_TAIL_EN = re.compile(
    r"\s*(?:\b(?:to (?:decide|judge|tell|see|make|work out)|when (?:i|we)|before (?:i|we)|"
    r"and (?:then )?(?:decide|make a call|go with)|and guess|and hope|in (?:my|our) head)\b.*)$",
    re.IGNORECASE,
)
_INPUT_SPLIT_EN = re.compile(r"\s*(?:,|;|:|/|\band also\b|\bplus\b|\bas well as\b)\s*", re.IGNORECASE)
_INPUT_AND_EN = re.compile(r"\s+(?:and|or)\s+", re.IGNORECASE)
_INPUT_TAIL_JA = re.compile(
    r"(?:など|なんか|とか)?(?:を|で|から|に|は)?(?:ざっと|じっくり|よく|主に)?(?:見て|見ます|見る|見ていて|確認|参考|聞いて|聞く|聴いて|"
    r"比べ|照らし|チェック|触って|嗅いで|頼りに|眺め|判断|決め|使って|もとに|基に)[^、。]*$"
)
_ART = re.compile(r"^(?:the|a|an|our|my|their|his|her|its|some|any|all|each|every)\s+", re.IGNORECASE)


_INPUT_FILLER = re.compile(
    r"^(?:mostly|mainly|usually|sometimes|i suppose|i guess|really|also|just|最近は|主に|あとは)[,\s、]*|"
    r"[,\s]*(?:too|really|mostly|as well|i suppose|i guess)$",
    re.IGNORECASE,
)
_INPUT_JUNK = re.compile(
    r"^(?:to match it|that's it|that's all|etc|and so on|あり|いくつ|など|その他|ほか|色々|いろいろ)$"
)


def extract_inputs(text: str, lang: Lang) -> list[str]:
    """The things a person looks at when judging, as short items in the employee's words."""
    if not text.strip() or is_dont_know(text):
        return []
    items: list[str] = []
    for sentence in sentences(text):
        if lang == "ja":
            items.extend(_inputs_ja(sentence))
        else:
            s = strip_filler(sentence)
            lead = _INPUT_LEAD_EN.sub("", s, count=1)
            s = lead if content_size(lead) >= 1 else s
            s = _INPUT_TAIL_EN.sub("", s)
            for part in (p for chunk in _INPUT_SPLIT_EN.split(s) for p in _split_and(chunk)):
                part = _ART.sub("", part.strip(" .!?:\"'()"))
                part = re.sub(r"^(?:i |we |they |he |she )\w+ (?:at |to )?", "", part, flags=re.IGNORECASE)
                if content_size(part) >= 1 and len(part.split()) <= 10:
                    items.append(part)
    seen: set[str] = set()
    out = []
    for item in items:
        item = _INPUT_FILLER.sub("", item).strip(" ,.、")
        key = normalize(item)
        if key and key not in seen and not _INPUT_JUNK.match(key):
            seen.add(key)
            out.append(item)
    return out[:8]


def _split_and(chunk: str) -> list[str]:
    """ "vibration and temperature" are two things; "sales per store and item" or "public and school holidays"
    are one: when one side is a single word and the other is longer, the single word modifies the other."""
    parts = [p for p in _INPUT_AND_EN.split(chunk) if p.strip()]
    sizes = {min(len(_ART.sub("", p.strip()).split()), 2) for p in parts}
    if len(parts) > 1 and len(sizes) == 1:  # "vibration and temperature", "the oil level and the motor current"
        return parts
    return [re.sub(r"^(?:and|or)\s+", "", chunk.strip(), flags=re.IGNORECASE)]


def _inputs_ja(sentence: str) -> list[str]:
    s = strip_filler(sentence).rstrip("。.!！")
    s = re.sub(r"(?:しています|してます|します|しました|ています|てます|ます|です|でしょうか|ですね)$", "", s)
    s = (
        re.sub(
            r"(?:を|で|から|など|なんか|とか)*(?:見|確認し|参考にし|聞い|聴い|チェックし|調べ|比べ)(?:て|る)?$",
            "",
            s,
        )
        or s
    )
    trimmed = _INPUT_TAIL_JA.sub("", s)
    s = trimmed if len(trimmed) >= 2 else s
    # Split on list punctuation, and on と/や/とか/か only when MeCab calls them particles between nouns.
    pieces: list[str] = []
    current = ""
    for surface, pos1, pos2, _lemma in ja_morphemes(s):
        if (
            (pos1 == "補助記号" and surface in "、,・／/")
            or (
                pos1 == "助詞"
                and surface in ("と", "や", "とか", "か", "も", "あるいは", "または")
                and pos2 in ("格助詞", "副助詞", "係助詞", "並立助詞")
            )
            or pos1 == "接続詞"
            or surface in ("あと", "それから", "それと", "および", "及び", "または")
        ):
            pieces.append(current)
            current = ""
        else:
            current += surface
    pieces.append(current)
    # "後継者がいるかどうか" is one item, not "後継者がいる" and "どう"
    merged: list[str] = []
    for p in pieces:
        if p.strip() in ("どう", "どうか") and merged:
            merged[-1] += "かどうか"
        elif p.strip():
            merged.append(p)
    out = []
    for p in merged:
        p = re.sub(r"^(?:あと|それと|それから|そして|で|は|を|が|の)", "", p.strip())
        p = re.sub(r"(?:など|なんか|とか|を|が|は|で|に|の)$", "", p)
        if len(p) >= 2 and content_size(p) >= 1:
            out.append(p)
    return out


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
            return _clip_ja(clause.strip(" ,、。.")) if lang == "ja" else _clip(clause.strip(" ,.;"), 20), hard
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
