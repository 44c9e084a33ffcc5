"""Cues the offline parser listens for: pains, hard judgments and not-ML verdicts (both languages)."""

from __future__ import annotations

import re


def _re(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


PAIN = _re(
    r"\b(slow|takes? (me|us|him|her|them)?\s*(ages|forever|hours|days|a long time)|time[- ]consuming|tedious|boring|"
    r"manual(ly)?|by hand|error|mistake|miss(ed|es|ing)?|overlook|late|delay|costly|expensive|waste|throw(ing|n)?\s+(\w+\s+){0,3}away|"
    r"bin|scrap|rework|complain|complaint|headache|pain|problem|trouble|struggle|hard to|difficult|tricky|"
    r"guess|gut|only (one|he|she)|depends on|veteran|overtime|stop(s|ped)?|break(s|down)?|broke|fail(s|ure)?|"
    r"defect|reject|stockout|run out|sold out|leftover|penalt|fine[sd]?|lose|lost|risk|worr(y|ied)|stress|"
    r"frustrat|annoy|repetitive|backlog|pile[sd]? up|chase|nobody knows|can'?t tell|too many|too much|"
    r"costs? (us|me|them|the company)|losses|losing money|bad (loans|debts?)|write[- ]offs?|no[- ]shows?|"
    r"understaffed|overstaffed|idle|downtime|breakdowns?|recalls?|returns|churn|cancel\w*|fraud\w*)\b",
    r"(大変|時間がかか|手間|面倒|ミス|間違|見落と|見逃|困っ|困る|廃棄|欠品|勘|ベテラン|属人|止ま|故障|不良|クレーム|"
    r"コスト|損|遅れ|遅い|難し|わからな|分からな|負担|残業|手作業|手入力|ばらつき|外れ|ロス|事故|トラブル|やり直|"
    r"苦労|悩み|足りな|追われ|煩雑|属人|人手|読めな|判断が|見抜け|気づかな|気付かな|漏れ|品切れ|売り逃|取られ|かかりきり|"
    r"手遅れ|払いすぎ|焦げ付|不正|延滞|待ち|滞留|作り直|遅延)",
)


# Words that say something hurts without saying what: on their own they do not name a pain.
GENERAL_PAIN = _re(
    r"\b(hard|difficult|problems?|troubles?|headaches?|struggle|tricky|busy|stress)\b",
    r"(大変|困っ|困る|悩み|苦労|難し|トラブル|忙し|バタバタ|色々)",
)


HARD = _re(
    r"\b(gut|feel|experience|instinct|hard to (tell|judge|say|know)|difficult to (tell|judge)|only (one|he|she|a few)|"
    r"veteran|senior|expert|years to learn|hit or miss|guess(work)?|eyeball|argue|disagree|subjective|depends on who)\b",
    r"(勘|経験|感覚|ベテラン|熟練|職人|属人|難しい|見極め|人によって|ばらつ|判断が分か|目利き|なんとなく|感触)",
)


NO_DECISION = _re(
    r"\b(no (real )?(decision|judgment|judgement|thinking)|(nothing|isn'?t anything|not anything) to (decide|judge)|"
    r"there'?s no judgment|no (real )?choice (to make|involved)|don'?t (really )?(decide|judge) anything|"
    r"nothing to (weigh( up)?|think about|figure out)|(i|we) (just|only) (press|click|hit) (approve|ok|enter|submit)|"
    r"just (re-?type|copy|copying|enter|entering|typing|retype|retyping|transfer|paste|forward|print|file|filing|"
    r"key(ing)? in)|purely (clerical|mechanical))\b",
    r"(判断(は|する)?(こと)?(は)?(特に|ほとんど)?(ない|ありません|いりません|不要)|判断の余地(は)?(ない|ありません)|"
    r"判断というほどの(もの|こと)(は)?(ない|ありません)|(何か|なにか)?を?判断している(わけ)?では(ない|ありません)|"
    r"迷うところ(は)?(ない|ありません)|"
    r"(転記|入力|コピー|貼り付け|印刷|打ち込|写す|書き写)(する|し|すだけ|している)?(だけ|のみ)|考える(こと|余地)(は)?(ない|ありません))",
)


FIXED_RULE = _re(
    r"\b(the rule is|a fixed rule|rule (says|decides)|by the (book|rule)|regulation (says|decides|sets)|always the same|"
    r"(it'?s|that'?s) (all )?(set|fixed|decided) by (the )?(rule|law|table|policy|contract)|anything over|"
    r"the (bylaw|law|rule|regulation|policy|table) (says|decides|sets)|checks? (it|both|them|everything) by itself|"
    r"automatically (decided|determined)|no exceptions|set by law|clear[- ]cut|mechanical(ly)?)\b",
    r"(規則で(決|きま)|ルール(通り|どおり|で(決|き))|基準(値)?(で|を超えたら|によって)(機械的|自動的|決ま)|機械的に(決|き)|"
    r"(法律|法令|表|規定|規程)(と|や)?[^。]{0,10}で(機械的に)?(決|き)ま|人によって答えが変わる(こと)?(は)?(ない|ありません)|"
    r"法令で(決|き)|例外(は)?(ない|ありません)|決まって(いて|いる|います)(判断|迷)|一律)",
)


NO_OUTCOME = _re(
    r"\b(never (find out|know|hear|learn)|no one (records|tracks|knows|replies|uses)|nobody (records|tracks|knows|"
    r"replies|uses|changes|has ever asked)|doesn'?t (change|affect) (anything|any decision)|no decision depends|"
    r"nothing depends on|makes no difference|nobody changes)\b",
    r"(誰も記録|結果は(分から|わから|知ら)|何も変わら|判断(が|も)?変わる(こと)?(は)?(ない|ありません)|"
    r"どうなったか(は)?(分から|わから|知ら)|(段取り|配置|判断|対応)[^。]{0,10}変わる(こと)?(も|は)?(ない|ありません)|"
    r"(特に|何も)記録(して|され)(い)?(ない|ません))",
)
