"""The task kind a detection question's own form asks for: whether → classification, how many → regression…

Used when no pattern of the knowledge base is close (the theme then names the kind its question asks, not a distant
pattern's) and to keep a pattern of a clearly different kind from winning on shared words ("which bus is heading for
an overheat" is no route plan). Read from the target's words only, in both languages; None when the form is unclear.
"""

from __future__ import annotations

import re

from assistant.vocabulary import Lang, TaskKind

_I = re.IGNORECASE

#: A plan or a setting to choose: "what to order", "how many extra rooms to sell", "the cheapest combination",
#: 「最適な」「どう組めばいいか」「どういう順番で回れば全員運べるか」.
_OPTIMIZE = {
    "en": re.compile(
        r"\b(?:what|how much|how many|when|where)(?: (?!going\b|likely\b|about\b)[\w-]+){0,3} to (?!be\b)\w+|"
        r"\b(?:cheapest|best|optimal|lowest[- ]cost|right) (?:\w+ )?(?:combination|mix|schedule|plan|setting|settings|"
        r"dose|order|route|price|sequence|assignment|setpoints?)\b",
        _I,
    ),
    "ja": re.compile(
        r"最適|一番安い|最も安い|すれば(?:いい|よい)か|したら(?:いい|よい)か|べきか|どう組|割り当て|組み合わせ|配分|"
        r"(?:れば|たら)[^。、]{0,20}か$"
    ),
}
#: Items to pick or put in order: "which claims to refer first", "rank the leads", 「優先順位」.
_RANK = {
    "en": re.compile(
        r"\b(?:rank|ranking|in what order|which \w+ (?:first|most)|priorit|most likely to)\w*\b|"
        r"\bwhich(?: (?!going\b|likely\b|about\b)[\w-]+){1,3} to (?!be\b)\w+",
        _I,
    ),
    "ja": re.compile(r"順番|順位|優先|どれから|上位"),
}
_WHERE = {
    "en": re.compile(r"^where\b|\bwhere (?:the|in|on|exactly)\b|\b(?:location|position)s? of\b", _I),
    "ja": re.compile(r"どこに|どこが|どこで|場所|位置|箇所"),
}
_SIMILAR = {
    "en": re.compile(r"\b(?:similar|alike|looks? like|the same as|duplicates?)\b", _I),
    "ja": re.compile(r"似た|似て|類似|同じような|そっくり|重複"),
}
_EXTRACT = {
    "en": re.compile(
        r"\b(?:extract|pull out|read off|key (?:fields|facts))\b|^(?:the )?(?:fields?|names?) (?:in|from)\b", _I
    ),
    "ja": re.compile(r"抜き出|読み取|拾い出"),
}
_QUANTITY = {
    "en": re.compile(
        r"^(?:roughly |about )?(?:how (?:many|much|long|big|far|soon|heavy|high)|what (?:share|percentage|number|"
        r"amount|price|size|weight|volume|yield|count)|when (?:will|does|do|is|are)|the (?:number|amount|price|weight|"
        r"volume|size|duration|count|yield|demand|cost|length) of)\b",
        _I,
    ),
    "ja": re.compile(
        r"何(?:件|本|個|人|台|日|時間|分|回|週|か月|ヶ月|キロ|トン|箱|部|室|%)|いくつ|いくら|どれくらい|どのくらい|どれだけ|"
        r"いつ(?!も)(?:頃|ごろ)?(?:に|まで)?|何割|何パーセント"
    ),
}
_FUTURE = {
    "en": re.compile(
        r"\b(?:tomorrow|tonight|next (?:day|week|month|quarter|year|season|term|shift)|"
        r"per (?:day|hour|week|half[- ]hour)|each (?:day|week|hour|month)|(?:days?|weeks?|months?) ahead|coming|"
        r"this (?:week|month|season))\b",
        _I,
    ),
    "ja": re.compile(
        r"明日|明後日|来週|来月|来年|翌日|翌週|週ごと|日ごと|時間ごと|分ごと|月ごと|先に|先の|後の|今後|シーズン|今夜|今週|今月"
    ),
}
_YES_NO = {
    "en": re.compile(r"^(?:whether|if|which|who|is|are|does|do|will|can|has|have)\b|\bor not\b|\b\w+ or \w+\b", _I),
    "ja": re.compile(r"かどうか|か否か|どれが|どの|誰が|か、|か$"),
}
_UNUSUAL = {
    "en": re.compile(
        r"\b(?:unusual|abnormal|odd|strange|drift\w*|anomal\w*|off from normal|not normal|different from usual)\b", _I
    ),
    "ja": re.compile(r"いつもと違|普段と違|異常|異音|おかしい|ズレ"),
}


#: The forms that name one kind each, checked in this order (a plan before a ranking: "which route to take first").
_FORMS: tuple[tuple[TaskKind, dict[str, re.Pattern[str]]], ...] = (
    ("optimization", _OPTIMIZE),
    ("ranking", _RANK),
    ("extraction", _EXTRACT),
    ("similarity", _SIMILAR),
    ("object_detection", _WHERE),
)


def asked_kind(target: str, lang: Lang) -> TaskKind | None:
    """The kind of task the target's form asks for, or None when its form says nothing clear."""
    text = target.strip()
    if not text:
        return None
    for kind, form in _FORMS:
        if form[lang].search(text):
            return kind
    if _QUANTITY[lang].search(text):
        return "forecasting" if _FUTURE[lang].search(text) else "regression"
    if _YES_NO[lang].search(text):
        return "anomaly_detection" if _UNUSUAL[lang].search(text) else "classification"
    return None


#: Kinds close enough that either may answer the other's question: a count of yes/no events is a classification
#: ("how many guests won't show"), a place is found by a detector or read off a document.
_FAMILY: dict[str, str] = {
    "classification": "label",
    "anomaly_detection": "label",
    "ranking": "label",
    "object_detection": "label",
    "regression": "amount",
    "forecasting": "amount",
    "optimization": "plan",
    "extraction": "read",
    "similarity": "group",
    "clustering": "group",
}


def compatible(asked: str, kind: str) -> bool:
    """Whether a pattern of `kind` can answer a question that asks for `asked` (a label answers an amount question
    by counting events; a plan, a reading or a grouping answers only its own)."""
    a, k = _FAMILY.get(asked, asked), _FAMILY.get(kind, kind)
    return a == k or {a, k} == {"label", "amount"}


def weak_theme_kind(asked: TaskKind | None, weak: TaskKind) -> TaskKind:
    """The kind of a theme whose best pattern is not close. The question's form says more than a distant pattern,
    except where both agree in substance: a forecast against an estimate (the pattern is more precise), and a yes/no
    about an amount ("whether we'll be short in week 3", "is the reel within spec"), answered by predicting it."""
    if asked is None or asked == weak:
        return weak
    amounts = ("regression", "forecasting")
    if asked in amounts and weak in amounts:
        return weak
    if asked in ("classification", "anomaly_detection") and weak in amounts:
        return weak
    return asked
