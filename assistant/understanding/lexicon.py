"""Closed word classes of chat language, in both languages: fillers, hedges, negation, frames, periods.

These are grammar, not domain phrases: the small closed sets a parser needs to tell the words that carry a
fact from the words around it (how people hedge, negate, wish, correct and count time). Nothing here names
a kind of work, so nothing here fits one case.
"""

from __future__ import annotations

import re


def words(*alternatives: str) -> re.Pattern[str]:
    """A case-insensitive alternation, longest first, at word boundaries for Latin words."""
    alts = sorted(alternatives, key=len, reverse=True)
    parts = [rf"\b{a}\b" if re.match(r"[A-Za-z]", a) else a for a in alts]
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


#: Discourse fillers and hedges: they frame a statement, they are never the statement. These go anywhere.
FILLER_EN = words(
    "um+",
    "uh+",
    "erm",
    "hmm+",
    "honestly",
    "basically",
    "actually",
    "literally",
    "really",
    "just",
    "mostly",
    "mainly",
    "usually",
    "generally",
    "normally",
    "typically",
    "probably",
    "maybe",
    "perhaps",
    "kinda",
    "sorta",
    "i guess",
    "i think",
    "i suppose",
    "i mean",
    "i'd say",
    "you know",
    "to be honest",
    "tbh",
    "idk",
    "lol",
    "i reckon",
    "pretty much",
    "more or less",
    "at the end of the day",
    "or something(?: like that)?",
    "or whatever",
    "and stuff",
    "and so on",
    "etc\\.?",
    "sort of thing",
    "kind of thing",
)
#: Words that are fillers only when they open a clause ("so, …", "well …", "like, …", "yeah …").
LEADING_FILLER_EN = re.compile(
    r"^(?:(?:so|well|like|yeah|yep|ok(?:ay)?|oh|right|anyway|hm+|um+|uh+|and|but|no|nope|wait|sorry|oops|"
    r"no wait|actually|hi|hello|hey|hiya|good (?:morning|afternoon|evening))\b[,.!]?\s*)+",
    re.IGNORECASE,
)
FILLER_JA = re.compile(
    r"えーと|ええと|えっと|えー|あのー|あの(?=[、,])|うーん|うーむ|んー|まあ|まぁ|なんか|なんていうか|なんというか|"
    r"正直(?:なところ|に言うと|言って)?|ぶっちゃけ|とりあえず|そうですね|そうだな|基本的に(?:は)?|一応|"
    r"たぶん|多分|おそらく|ちょっと|結構|けっこう|やっぱり|やっぱ|実は|実際(?=[、,])|要するに|強いて言えば|"
    r"^(?:あっ?(?=[、,。!！\s]))|"  # 「あ、」 is a filler; 「あと何週」 starts with a word
    r"^(?:要は|つまり|結局(?:は)?|早い話が?|いや|いえ|いいえ|むしろ|というより|そうではなく|訂正です|違います|こんにちは|はじめまして|お疲れ様です)[、,。!！]?"
)
#: Whole answers that say "I don't know" or nothing at all.
DONT_KNOW = re.compile(
    r"^\W*(?:(?:i\s+)?(?:really\s+)?(?:don'?t|do not|dunno)\s+(?:really\s+)?know|no idea|not sure|idk|"
    r"hard to say|no clue|beats me|can'?t say|pass)\b|"
    r"^\W*(?:うーん|さあ)?[、…。\s]*(?:よく)?(?:わから|分から|わかり|分かり|知ら)(?:ない|ません|ないです|んです|ん)|"
    r"^\W*(?:特に)?(?:ない|ありません|なし)です?\W*$|^\W*(?:none|nothing|n/?a|no)\W*$",
    re.IGNORECASE,
)
APOLOGY = re.compile(r"\b(?:sorry|my bad|apologies)\b|すみません|すいません|ごめん|申し訳", re.IGNORECASE)

#: Negation, the ways people say something is absent.
NEGATION_EN = words(
    "not",
    "n't",
    "no(?!-)",
    "never",
    "nothing",
    "nobody",
    "no one",
    "none",
    "nowhere",
    "neither",
    "nor",
    "without",
    "lack",
    "lacks",
    "missing",
)
NEGATION_JA = re.compile(
    r"(?:ない|なく|ません|ず(?:に)?|なし|無し|無い|していない|してない|残ってない|残っていない|取ってない|"
    r"取っていない|つけてない|付けてない|録ってない|撮ってない|ゼロ)"
)
#: Where a thing lives only in people's heads: a negation of "recorded" without a negation word.
ONLY_IN_HEADS = re.compile(
    r"\bonly in (?:people'?s|our|my|his|her|their|the \w+'?s?) (?:heads?|memory|minds?)\b|\bin (?:my|our|his|her) head\b|"
    r"\bfrom memory\b|\bword of mouth\b|頭の中|記憶(?:だけ|頼み|に頼)|口頭(?:だけ|のみ)",
    re.IGNORECASE,
)

#: Verbs and places of recording: the data answer's "is it kept somewhere?".
RECORD_EN = words(
    "record(?:s|ed|ing)?",
    "log(?:s|ged|ging)?",
    "kept",
    "keep",
    "keeps",
    "stor(?:e|ed|es)",
    "sav(?:e|ed|es)",
    "track(?:s|ed)?",
    "capture[sd]?",
    "archived?",
    "written down",
    "writes? down",
    "wrote down",
    "put (?:it |them )?in",
    "goes? (?:in|into)",
    "noted",
    "entered",
    "filed",
    "documented",
    "in (?:the|our|a) (?:system|database|spreadsheet|sheet|crm|erp|scada|historian|ticketing)",
    "in excel",
    "spreadsheets?",
    "database",
    "on paper",
    "in there",
    "history",
    "since \\d{4}",
    "years? of",
    "export(?:s|ed)?",
    "upload(?:s|ed)?",
)
RECORD_JA = re.compile(
    r"記録|残って|残して|残る|保存|保管|蓄積|溜ま|たま(?:って|る)|入って|入力|登録|ログ|データ|台帳|システム|"
    r"エクセル|Excel|スプレッドシート|DB|データベース|履歴|日報|帳票|控え|ファイル|年分|件分",
    re.IGNORECASE,
)
#: Words that make a clause about outcomes (what actually happened): the labels.
OUTCOME_EN = words(
    "outcomes?",
    "results?",
    "whether (?:it|they|the \\w+)",
    "what (?:actually )?happened",
    "actual(?:s|ly)?",
    "confirmed",
    "found",
    "turned out",
    "won",
    "lost",
    "won/lost",
    "pass(?:ed)?/fail(?:ed)?",
    "pass or fail",
    "passed",
    "failed",
    "failures?",
    "defaults?(?:ed)?",
    "fraud",
    "final (?:cost|grade|price|amount|decision)",
    "decisions?",
    "verdicts?",
    "labels?",
    "reasons?",
    "graded?",
    "grades?",
    "scores?",
    "diagnos[ie]s",
    "readmi\\w*",
    "repair(?:s|ed)?",
    "breaks?",
    # the events themselves on record are what happened: "every breakdown is in the maintenance log"
    "breakdowns?",
    "incidents?",
    "faults?",
    "defects?",
    "accidents?",
    "jams?",
    "rejects?",
    "cancellations?",
    "no-shows?",
    "complaints?",
    "claims? paid",
    "job sheets?",
    "what was found",
    "paid out",
    "in the end",
    "settled",
    "closed as",
    "what we paid",
)
OUTCOME_JA = re.compile(
    r"結果|実績|合否|判定|結論|原因|故障(?:履歴|記録)|修理(?:履歴|記録)|不良(?:率|の記録|件数)?|成否|成約|受注|失注|"
    r"実際(?:に|の)|本当に|確定|最終|評価|採点|等級|グレード|診断|返品|クレーム(?:の記録|件数)?|事故|破損|"
    r"正解|答え|その後|どうなったか|どうだったか|故障|トラブル|不具合|欠品|廃棄(?:数|量|の記録)|誤出荷|解約|退会|キャンセル"
)

#: Wish and judgment frames: the employee talking about knowing, around what they want to know.
WISH_EN = re.compile(
    r"(?:what )?(?:i|we)(?:'d| would)?\s+(?:really\s+|most\s+|most of all\s+|honestly\s+)?"
    r"(?:like|love|want(?:ed)?|need|hope|wish)\s+to\s+(?:know|see|tell|find out|figure out|spot|catch|learn|"
    r"understand|work out|be sure of|be able to tell|predict|get)\s*|"
    r"(?:i|we)\s+(?:really\s+)?wish\s+(?:i|we)\s+(?:knew|could (?:tell|see|know|say))\s*|"
    r"if (?:only )?(?:i|we) (?:knew|could (?:tell|see|know))\s*|"
    r"(?:i|we)\s+(?:always\s+|often\s+|keep\s+|just\s+)?wonder(?:ing)?\s+|"
    r"(?:it'?d|it would) be (?:great|nice|good|huge|amazing) to (?:know|see|tell)\s*|"
    r"what (?:i|we) (?:really |most )?(?:want|need|wish)(?: to know| to see)? is\s*(?:to know\s*)?|"
    r"the (?:big |real |main |key )?(?:question|thing|judg(?:e)?ment|decision|call) is\s*|"
    r"(?:i|we) (?:have|need|got) to (?:decide|judge|guess|tell|work out|figure out|predict|estimate)\s*|"
    r"(?:i|we) (?:decide|judge|guess|check|estimate|assess|determine|pick|choose|work out|figure out)\s*|"
    # "it's more like 18 a month" corrects a figure, not what they want to know
    r"(?:it'?s|it is|that'?s) (?:more|rather|really|actually) (?:about|like)(?!\s*(?:[$€£¥~]|\d|(?:a |an )?(?:dozen|"
    r"couple|few|hundred|thousand|half|third|quarter)\b|(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|"
    r"thirty|fifty)\b))\s*|"
    r"knowing\s*|to know\s*",
    re.IGNORECASE,
)
#: Japanese verbs of knowing, judging and wishing that close the clause holding the target.
WISH_JA = re.compile(
    r"(?:を|が|は|か|の|も)?[、,]?\s*(?:事前に|前もって|早めに|早く|もっと|確実に|正確に|ちゃんと|きちんと|一目で|すぐに?)*"
    r"(?:知りたい|知れたら|知れれば|知ることができれば|分かりたい|わかりたい|分かれば|わかれば|分かると|わかると|分かったら|"
    r"わかったら|分かるように|わかるように|見極めたい|見極め|見分けたい|見分け|見抜きたい|見抜け|判断したい|判断し|判断する|"
    r"判定し|決めたい|決め|読みたい|読め|当てたい|つかみたい|掴みたい|把握したい|気づきたい|気付きたい|見つけたい|"
    r"特定したい|予測したい|予想したい|推定したい|見込みたい|見積もりたい|絞り込みたい|選びたい|出したい)"
)
#: Evaluation frames after the target: 「〜が一番大事」「〜が肝」「the key is」.
EVAL_JA = re.compile(
    r"(?:が|は)(?:一番|いちばん|特に)?(?:大事|大切|重要|肝心|肝|知りたいこと|ポイント|問題)(?:です|だ|な|で)?"
)

#: Purpose and consequence clauses that follow the target ("so we can…", 「〜ために」).
PURPOSE_EN = re.compile(
    r"[,;]?\s*\b(?:so (?:that|we|i|they)|so as to|in order to|because|since|which (?:would|means|lets)|that way|"
    r"instead of|rather than|then (?:we|i)|and then|but|before (?:we|i|they|it'?s)|ahead of|in advance|"
    r"earlier|sooner|beforehand|ahead of time|up front|upfront|for sure|more surely|reliably|early|"
    r"without (?:having|waiting)|when (?:we|i)|while)\b.*$",
    re.IGNORECASE,
)
PURPOSE_JA = re.compile(r"(?:ために|ように|ので|から|けど|けれど|が、|し、|て、|たら|れば).*$")

#: Periods, as counted in a year.
PERIOD_EN = {
    "hour": "hour",
    "day": "day",
    "morning": "day",
    "evening": "day",
    "night": "day",
    "shift": "shift",
    "week": "week",
    "fortnight": "week",
    "month": "month",
    "quarter": "quarter",
    "year": "year",
    "annum": "year",
    "season": "year",
}
PERIOD_ADVERB_EN = {
    "hourly": "hour",
    "daily": "day",
    "nightly": "day",
    "weekly": "week",
    "monthly": "month",
    "quarterly": "quarter",
    "yearly": "year",
    "annually": "year",
}
PERIOD_JA = {
    "時間": "hour",
    "日": "day",
    "朝": "day",
    "晩": "day",
    "夜": "day",
    "シフト": "shift",
    "週": "week",
    "月": "month",
    "ヶ月": "month",
    "か月": "month",
    "カ月": "month",
    "四半期": "quarter",
    "年": "year",
    "年間": "year",
}
#: Every day of the year (not working days only).
EVERY_DAY = re.compile(
    r"\b(?:24/7|24-7|round the clock|around the clock|(?:every|each|a|per) (?:single )?(?:night|day of the year|evening)|nightly|"
    r"7 days a week|seven days a week|365 days|weekends? (?:too|included)|open (?:pretty much |almost |nearly )?every day)\b|"
    r"毎晩|毎夜|24時間|年中無休|365日|土日も|毎日営業",
    re.IGNORECASE,
)
#: "per person" / "each of us": a figure to multiply by the headcount.
PER_PERSON = re.compile(
    r"\b(?:each of (?:us|them|the \w+)|per (?:person|head|analyst|nurse|engineer|worker|agent|rep|clerk|inspector)|"
    r"\b(?:half|most|all|part) (?:of )?my (?:work ?)?day|every one of us|each (?:person|analyst|nurse|engineer|agent|rep|clerk|inspector|planner|buyer|technician|driver) "
    r"(?:spends|takes|loses))\b|(?:1人|一人|ひとり)(?:あたり|当たり|につき|で|が)?\s*\d|ずつ|それぞれ|各自|各担当|\d+人が(?:丸|まる)?(?:\d|一|半)",
    re.IGNORECASE,
)
#: Places and units a per-site figure applies to.
SITE_NOUN_EN = (
    r"(?:shops?|stores?|branch(?:es)?|sites?|outlets?|restaurants?|cafes?|cafés?|hotels?|clinics?|hospitals?|wards?|"
    r"plants?|factories|factory|lines?|warehouses?|depots?|locations?|offices?|farms?|schools?|stations?|dcs?|"
    r"distribution (?:centers?|centres?))"
)
SITE_NOUN_JA = r"(?:店舗|店|拠点|工場|ライン|支店|営業所|倉庫|病棟|病院|施設|校|教室|現場|センター|ホテル|農場)"
PEOPLE_NOUN_EN = (
    r"(?:people|persons?|staff|of us|of them|engineers?|workers?|operators?|nurses?|clerks?|analysts?|inspectors?|"
    r"planners?|buyers?|agents?|reps?|technicians?|techs?|doctors?|pharmacists?|lawyers?|paralegals?|drivers?|"
    r"reviewers?|adjusters?|underwriters?|investigators?|fte|ftes|headcount|employees?|team members?|supervisors?)"
)

#: Stated outright that something is kept: enough to read what is recorded from an answer to another question.
RECORD_STRONG = re.compile(
    r"\b(?:recorded|logged|kept|stored|tracked|archived|written down|in (?:the|our|a) (?:system|database|spreadsheet|"
    r"crm|erp|log)|since (?:19|20)\d\d|(?:\d+|a few|several) years? of|history (?:of|since|back))\b|"
    r"記録して|記録され|記録が(?:ある|あり|残)|残って|残して|保存して|保存され|蓄積|システムに|(?:台帳|履歴)(?:に|が|は)|年分",
    re.IGNORECASE,
)
