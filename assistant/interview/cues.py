"""Plain-word cues in both languages that the guided interviewer listens for."""

from __future__ import annotations

import re

from assistant.vocabulary import Modality, TaskKind


def _re(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in parts), re.IGNORECASE)


DONT_KNOW = _re(
    r"^\s*(i\s+)?(really\s+)?(don'?t|do not|dunno)\s+know\b",
    r"\bno idea\b",
    r"^\s*not sure\b",
    r"^\s*hard to say\b",
    r"^\s*(わから|分から|わかり|分かり|知ら|しら)(ない|ません|ないです|んです|ん)",
    r"^\s*(さあ|うーん)?[、…。\s]*(よく)?(わかりません|分かりません|わからない|分からない)",
    r"^\s*特に(ない|ありません|なし)\s*[。.!！]?\s*$",
    r"^\s*(none|nothing|n/?a)\s*[.!]?\s*$",
)
SKIP = _re(r"^\s*(skip|pass|next question|let'?s move on)\b", r"^\s*(スキップ|パス|飛ばして|次の質問)")
START_OVER = _re(r"\b(start over|restart|start again|from scratch|reset)\b", r"(最初から|やり直し|リセット|はじめから)")
PROPOSAL = _re(r"\b(proposal|write it up|draft)\b", r"(提案書|提案をまとめ|まとめてください|ドラフト)")
ANOTHER_PAIN = _re(
    r"\b(another|other|different|next)\s+(pain|problem|issue|topic|theme|one)\b",
    r"\b(switch|move on)\s+to\b",
    r"(別の|ほかの|他の|次の)(悩み|課題|困りごと|問題|テーマ|話)",
)
# Only an unmistakable correction, usable in the middle of the interview (a bare "no" may be an answer).
CORRECTION_MIDWAY = _re(
    r"\bit'?s (more|rather) (about|like)\b|\bwhat i (really )?meant (is|was)\b|^\s*(actually|rather),",
    r"(むしろ|というより|そうではなく|訂正(です|します)?[、。:：])",
)
CORRECTION = _re(
    r"^\s*(no|not quite|actually|rather|nope)\b[,.\s]",
    r"\bit'?s more (about|like)\b",
    r"^\s*(いいえ|いや|違い|ちがい|そうではなく|むしろ|というより|訂正)",
)
YES = _re(
    r"^\s*(yes|yeah|yep|right|correct|exactly|that'?s right|looks good|ok(ay)?|sure)\b",
    r"^\s*(はい|そうです|その通り|合って|いいです|ok|オッケー|大丈夫)",
)

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

JUDGMENT = _re(
    r"\b(want(ed)? to know|wish (i|we) knew|would like to know|need to know|like to know|if (only )?(i|we) knew|"
    r"knowing|find out|figure out|tell (whether|if|which|how|when)|decide|judge|estimate|guess|spot|catch|"
    r"sooner|earlier|in advance|ahead of time|beforehand|before it)\b",
    r"(知りたい|分かれば|わかれば|知れれば|知っておき|判断|見極め|見分け|決め|読み|見込み|分かると|わかると|気づき|"
    r"事前に|早めに|前もって|早く|確実に)",
)

INPUTS = _re(
    r"\b(look at|looking at|check|go by|based on|rely on|listen|watch|read|compare|use|glance at)\b",
    r"(見て|見ます|見る|確認|参考|聞いて|聞く|眺め|比べ|頼り|チェック|触って|を基に|をもとに|から判断)",
)

# Only a plain statement of what is looked at counts as answering the inputs question early.
INPUTS_STATED = _re(
    r"\b(i|we) (usually |mostly |mainly |just )?(look at|check|go by|rely on|base it on)\b",
    r"[^か]を(主に)?(見て|確認して|参考に)(判断|決め)",
)
DATA_YES = _re(
    r"\b(record(ed|s)?|log(ged|s)?|database|spreadsheet|excel|system|erp|mes|crm|sap|stored|kept|saved|archive|"
    r"history|histories|files?|sheets?|photos? (are|is) (kept|saved)|we have|there (is|are)|years? of|rows|entries)\b",
    r"(記録|データ|ログ|残って|残して|保存|蓄積|台帳|システム|エクセル|Excel|帳票|履歴|保管|管理して|入って)",
)
DATA_NO = _re(
    r"\b(not (recorded|logged|kept|written|stored|tracked)|no record|nothing (is )?(recorded|written)|never (recorded|"
    r"written|logged|tracked)|don'?t (record|log|keep|track|write)|on paper only|only on paper|in (my|his|her) head|"
    r"nobody (records|writes|tracks|keeps))\b",
    r"(記録(は|も)?(して|され|を残して|は残って|をつけて|を取って|を取って)?(い)?(ない|ません)|残って(い)?(ない|ません)|"
    r"データ(は|が)(ない|ありません)|紙だけ|頭の中|誰も記録|記録なし|保存(は|も)?(して|され)(い)?(ない|ません))",
)
LABELS_YES = _re(
    r"\b(outcome|result|whether (it|they)|what happened|which ones|final (price|grade|result)|actual|afterwards|"
    r"later (we|it)|also (record|log|note|write)|marked|flagged|labell?ed|graded|pass(ed)?/fail|ok/ng)\b",
    # the events themselves on record: "every breakdown is in the maintenance log", "故障の履歴は保全記録に残って"
    r"\b(failures?|breakdowns?|defects?|claims?|returns?|cancell?ations?|defaults?|readmissions?|frauds?|incidents?|"
    r"escalations?|decisions?|leavers?)\b[^.]{0,40}\b(logged|recorded|in the (\w+ )?(log|system|database|records?)|"
    r"kept|marked|flagged|stored|written down)\b",
    r"(結果|実績|合否|良否|その後|後から|あとで|判定も|も記録|もつけて|も残って|フラグ|OK/NG|ok/ng)",
    r"(故障|不良|事故|クレーム|返品|解約|延滞|倒産|再入院|離職|不正|トラブル|欠陥|異常|判定|査定)[^。]{0,16}(記録|履歴|台帳|残って|残して|入って|つけて)",
)
LABELS_NO = _re(
    r"\b(never (find out|know|hear)|don'?t (find out|know what happened|record (the )?(outcome|result))|"
    r"outcome(s)? (is|are)n'?t|no (outcome|result)s? (is|are)? ?(recorded|kept)|not (the )?(outcome|result))\b",
    r"(結果(は|を)?(記録|残|分から|わから)(して|され)?(い)?(ない|ません)|その後(は|が|どうなったか)?(分から|わから|知ら)|"
    r"結果が分からない|結果はわからない)",
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

# What the inputs are made of tells the data modality.
MODALITY: dict[Modality, re.Pattern[str]] = {
    "image": _re(
        r"\b(photos?|pictures?|images?|camera|x-?rays?|scans?|slides?|microscope|drone|visual(ly)?|"
        r"looks?|appearance|colou?r|drawings?|shape)\b",
        r"(写真|画像|カメラ|レントゲン|顕微鏡|標本|スライド|ドローン|目視|見た目|外観|色|図面|形状|映像)",
    ),
    "video": _re(
        r"\b(video|footage|cctv|camera feed|recording of|movement|motion)\b",
        r"(動画|映像|監視カメラ|防犯カメラ|動き|動作)",
    ),
    "audio": _re(
        r"\b(sound|noise|listen|hear|hearing|audio|tapping|hammer|call recordings?|voice|tone)\b",
        r"(音|聞い|聞く|聴|打音|叩い|たたい|声|通話|録音|ハンマー)",
    ),
    "spectrum": _re(
        r"\b(spectr\w*|nir|near[- ]infrared|raman|infrared|ftir|wavelength|absorbance|xrd|nmr|"
        r"chromatogra\w*)\b",
        r"(スペクトル|分光|近赤外|赤外|ラマン|波長|吸光|クロマト|NMR|XRD)",
    ),
    "molecule": _re(
        r"\b(molecul\w*|structures?|compounds?|smiles|formula|substituents?|functional groups?|"
        r"chemical structure)\b",
        r"(分子|構造式|化合物|官能基|置換基|化学構造|骨格)",
    ),
    "text": _re(
        r"\b(emails?|e-mails?|text|notes|comments?|reports?|descriptions?|tickets?|documents?|contracts?|"
        r"reviews?|free[- ]text|write[- ]ups?|messages?|memos?|transcripts?|chat)\b",
        r"(メール|文章|テキスト|記述|コメント|報告書|日報|問い合わせ|文書|契約書|レビュー|自由記述|メモ|議事録|申請書|カルテ|所見|書類)",
    ),
    "time_series": _re(
        r"\b(sensors?|readings?|trends?|over time|daily|hourly|history|vibration|temperature|"
        r"pressure|current|signals?|logs?|waveforms?|meters?|load|past (sales|demand|orders|"
        r"volumes?))\b",
        r"(センサ|推移|トレンド|時系列|毎日の|日々の|振動|温度|圧力|電流|波形|ログ|メーター|計器|過去の(売上|実績|件数|需要))",
    ),
    "tabular": _re(
        r"\b(spreadsheets?|excel|tables?|records?|forms?|database|fields?|columns?|history|account|"
        r"age|income|price|amount|size|ratio|conditions?|settings?)\b",
        r"(エクセル|Excel|表|台帳|一覧|記録|項目|年齢|年収|金額|価格|面積|配合|条件|設定|属性|履歴|数値)",
    ),
}

# How the employee phrases what they want to know hints at the kind of answer.
TASK: dict[TaskKind, re.Pattern[str]] = {
    "forecasting": _re(
        r"\b(how (many|much) .{0,40}(will|next|tomorrow|coming)|next (week|month|year|day|season)|"
        r"tomorrow|coming (days|weeks|months)|in advance|ahead|demand|volume)\b",
        r"(来週|来月|来年|明日|翌日|今後|先の|何人来る|どれくらい(来|売|出)|需要|見込み|件数)",
    ),
    "regression": _re(
        r"\b(how (much|long|many)|what (price|value|level|content|strength)|how strong|"
        r"how long (until|before|will)|years? (from now|out|later)|remaining)\b",
        r"(いくら|どのくらい|何年|何%|値|含有|強度|価格|寿命|残り|到着時刻|何分)",
    ),
    "classification": _re(
        r"\b(whether|which (ones|customers|patients|claims|loans|applicants|employees|calls|code|category|class|chapter)|"
        r"belongs? to|which \w+ code|"
        r"(good|ok) or (bad|not)|yes or no|pass or fail|which (type|kind|category|team)|"
        r"who (will|is likely|might))\b",
        r"(かどうか|どれが|どの(患者|顧客|お客|人|案件|申込)|良品か|不良か|合否|種類|どの(部署|担当|カテゴリ))",
    ),
    "anomaly_detection": _re(
        r"\b(unusual|odd|strange|abnormal|off|weird|not normal|different from usual|"
        r"something wrong|out of the ordinary|suspicious|fraud)\b",
        r"(いつもと違|おかしい|異常|変な|怪しい|不審|不正|普段と違|違和感)",
    ),
    "ranking": _re(
        r"\b(first|priorit\w*|order|rank|top \d+|most likely|shortlist|which to (call|visit|try|"
        r"make) first)\b",
        r"(優先|順番|順位|どれから|上位|先に)",
    ),
    "optimization": _re(
        r"\b(best (settings?|combination|mix|recipe|conditions?|price|schedule|order|plan)|"
        r"fewer (trials|experiments)|trial and error|recipe|settings?|mix)\b",
        r"(最適|一番良い(条件|配合)|ベストな|試行錯誤|配合|条件出し|組み合わせ|段取り|スケジュール|計画)",
    ),
    "object_detection": _re(
        r"\b(where (the|on|in)|location|spot (the|where)|mark|which part of|in the picture|"
        r"on the (image|photo|shelf|wall))\b",
        r"(どこに|どこが|位置|場所|箇所|写っている)",
    ),
    "extraction": _re(
        r"\b(type (it|them) in|retype|key (it|them) in|copy (the )?(numbers|fields)|pull out|"
        r"fill in|read off|transcribe|find the (clause|amount|date))\b",
        r"(転記|手入力|打ち込|書き写|抜き出|読み取|拾い出)",
    ),
    "clustering": _re(
        r"\b(group|groups|types of|kinds of|patterns in|sort (them|into)|segments?|themes)\b",
        r"(グループ|傾向|分け|タイプ|パターン|まとまり|類型)",
    ),
    "similarity": _re(
        r"\b(similar|same (problem|case|issue) before|like this before|past cases?|look up|"
        r"search (for|through)|find the (old|past|previous))\b",
        r"(似た|類似|過去の(事例|トラブル|案件|図面)|前にも|探す|探し|検索)",
    ),
}
