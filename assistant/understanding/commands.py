"""Requests about the interview itself (start over, undo, skip, the proposal, another pain) and yes/no answers.

A command is read only when the whole message is the request, give or take fillers, politeness and an object
like "the interview": "We restart the press every morning." and 「検査のやり直しが多い」 are about work, and
「最初から分かれば苦労しない」 is a wish, so none of them may clear an interview. Wiping one is also confirmed
first and can be undone (`interview/decide.py`); this module only reads what was asked.
"""

from __future__ import annotations

import re

from assistant.core.update import Command

_EN_LEAD = (
    r"(?:(?:ok(?:ay)?|hmm+|um+|uh+|well|so|sorry|actually|alright|right|hey|hi|yes|yeah|no|nah|wait|oh|then|"
    r"hmm,? actually)[,.!]?\s+)*"
    r"(?:(?:please|pls|can|could|would|will)\s+(?:you|we|i)\s+(?:please\s+)?|let'?s\s+|let\s+us\s+|"
    r"i'?d\s+like\s+(?:you\s+)?to\s+|i\s+(?:want|need)\s+(?:you\s+)?to\s+|i\s+wanna\s+|we\s+should\s+|"
    r"(?:just|now|please|pls|go\s+ahead\s+and)\s+)*"
)
_EN_TAIL = r"(?:[,\s]+(?:please|pls|now|thanks|thank\s+you|then|again|instead|for\s+me))*\s*[.!?]*\s*"
_EN_THING = r"(?:\s+(?:the|this|our|my|that)\s+(?:interview|conversation|chat|session|whole\s+thing|thing))?"
_EN = {
    "start_over": r"(?:start\s+(?:over|again|afresh|anew|from\s+scratch|from\s+the\s+(?:beginning|top))|restart|reset|"
    r"begin\s+again|redo|start\s+(?:a\s+)?(?:new|fresh)\s+(?:interview|one|chat|conversation|session))"
    + _EN_THING
    + r"(?:\s+(?:from\s+scratch|from\s+the\s+(?:beginning|top)|all\s+over(?:\s+again)?))?",
    "undo": r"(?:undo(?:\s+(?:that|it|the\s+(?:restart|reset)))?|(?:bring|get|put)\s+(?:it|that|everything|"
    r"the\s+(?:old|previous|last)\s+(?:one|interview))\s+back|go\s+back\s+to\s+(?:the\s+)?(?:previous|old|last)"
    r"(?:\s+(?:one|interview))?|restore(?:\s+(?:it|that|the\s+previous\s+one))?)",
    "skip": r"(?:skip(?:\s+(?:this|that|it|the\s+question|this\s+(?:one|question)))?|pass|next\s+question|move\s+on|"
    r"i'?d\s+rather\s+not\s+(?:say|answer))",
    "proposal": r"(?:(?:write|draft|make|do|create|give\s+me|show\s+me|see|get|prepare|put\s+together|wrap)"
    r"(?:\s+me)?(?:\s+up)?\s+(?:the|a|my|our)\s+(?:proposal|draft|write-?up)(?:\s+(?:now|up))?|"
    r"write\s+(?:it|this|that)\s+up|wrap\s+(?:it|this)\s+up|(?:the\s+)?proposal)",
    "another_pain": r"(?:(?:talk\s+about|discuss|look\s+at|go\s+to|switch\s+to|move\s+on\s+to|do)\s+"
    r"(?:another|a\s+different|the\s+other|the\s+next|a\s+second)\s+(?:pain|problem|issue|topic|thing|one)|"
    r"(?:another|next)\s+(?:one|pain|problem|issue|topic))",
}

_JA_LEAD = (
    r"(?:(?:えー?と|えっと|あの|あ|じゃあ|では|それでは|では|すみません|すいません|やっぱり|やはり|うーん|ん|はい|いや|"
    r"ちょっと|もう)[、,。\s]*)*"
    r"(?:(?:この|今の|さっきの)?(?:面談|インタビュー|話|会話|ヒアリング|質問)(?:を|は|も)?[、\s]*)?"
)
_JA_PLEASE = (
    r"(?:たい(?:です)?|ましょう|ます|ませんか|てください|て下さい|てほしい(?:です)?|てもらえ(?:ます|ません)か|"
    r"てくれ(?:ます|ません)?か|て|で(?:お願いします|おねがいします)|させてください|お願いします|おねがいします|ください|"
    r"してください|して(?:ほしい|もらえますか)?|します|しましょう|したい(?:です)?|できますか)?"
)
_JA_TAIL = r"(?:です)?(?:か)?[。!！?？ー〜\s]*"
_JA = {
    "start_over": r"(?:もう一度|もう一回|一から|いちから)?(?:最初から|はじめから|初めから)?"
    r"(?:やり直(?:し|す|さ(?:せ)?)|やりなお(?:し|す)|リセット|リスタート|スタートし直|始め直|はじめ直)"
    + _JA_PLEASE
    + r"|(?:最初から|はじめから|初めから|一から)(?:お願いします|でお願いします|でいいです)|新しく始め"
    + _JA_PLEASE,
    "undo": r"(?:さっきの(?:に|面談に|話に)?|前の(?:に|面談に|話に)?)?(?:元に戻|もとに戻|戻|取り消|とりけ)"
    r"(?:し|す)" + _JA_PLEASE + r"|アンドゥ",
    "skip": r"(?:スキップ|パス|飛ばし|とばし|次の質問)" + _JA_PLEASE + r"|(?:この質問は)?(?:答えられません|言えません)",
    "proposal": r"(?:提案書?|まとめ)(?:を|に)?(?:作って|書いて|まとめて|作成して|出して|見せて|作りましょう|ください|"
    r"お願いします|おねがいします)" + _JA_PLEASE + r"|まとめて" + _JA_PLEASE,
    "another_pain": r"(?:別の|ほかの|他の|次の)(?:悩み|課題|困りごと|問題|テーマ|話)(?:を|に|の話を|について)?"
    r"(?:話|移|行|進|相談)?(?:し|り|き|め)?" + _JA_PLEASE,
}


def _compile(table: dict[str, str], lead: str, tail: str) -> dict[str, re.Pattern[str]]:
    return {name: re.compile(f"^\\s*{lead}(?:{body}){tail}$", re.IGNORECASE) for name, body in table.items()}


_EN_RE = _compile(_EN, _EN_LEAD, _EN_TAIL)
_JA_RE = _compile(_JA, _JA_LEAD, _JA_TAIL)

# 「大丈夫です」「いいです」 mean yes or no by tone alone: they are neither, so a request that clears the interview
# lapses (the message is taken as an ordinary answer) rather than being guessed.
_YES = re.compile(
    r"^\s*(?:(?:yes|yeah|yep|yup|sure|ok(?:ay)?|please|go ahead|do it|confirm(?:ed)?|that'?s right|right|"
    r"absolutely|definitely|start over)[\s,.!]*)+(?:please|thanks|thank you)?[\s.!]*$|"
    r"^\s*(?:はい|うん|ええ|お願いします|おねがいします|そうです|そうしてください|どうぞ|"
    r"オッケー|OK)[\s、。!！]*(?:お願いします|お願い|です)?[\s、。!！]*$",
    re.IGNORECASE,
)
_NO = re.compile(
    r"^\s*(?:(?:no|nope|nah|cancel|never ?mind|keep (?:it|going|this one)|don'?t|not now|wait)[\s,.!]*)+"
    r"(?:thanks|thank you|please)?[\s.!]*$|"
    r"^\s*(?:(?:いいえ|いや|やめ(?:て|ます|ておきます)|キャンセル|続けて|このまま(?:で|続けて)?)"
    r"[\s、。!！]*)+(?:ください|お願いします)?[\s、。!！]*$",
    re.IGNORECASE,
)


def read_command(text: str) -> Command | None:
    """The request when the whole message is one (both languages are tried: people mix them)."""
    short = text.strip()
    if not short or len(short) > 80:
        return None  # a request about the interview is a short message of its own
    for table in (_EN_RE, _JA_RE):
        for name, pattern in table.items():
            if pattern.match(short):
                return name  # type: ignore[return-value]
    return None


def read_yes_no(text: str) -> bool | None:
    """A plain yes (True) or no (False) to a question that asked to confirm; None when it is neither."""
    if _YES.match(text):
        return True
    if _NO.match(text):
        return False
    return None
