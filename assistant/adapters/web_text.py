"""Every word the web UI shows, in the interview's one language (English or Japanese)."""

from __future__ import annotations

from assistant.vocabulary import Lang

LANGS: list[tuple[str, str]] = [("English", "en"), ("日本語", "ja")]

UI: dict[str, dict[str, str]] = {
    "en": {
        "title": "## theme-assistant · *based on what, detect what?*",
        "chat": "Interview",
        "welcome": "**Tell me about your work in your own words: what you do, and what is slow, costly or hard "
        "to judge.**\n\nIn about ten minutes you get a ranked list of where detecting something earlier would pay "
        "off, with its yearly value, and a proposal you can take to your manager.",
        "placeholder": "Type here, e.g. what you do and what is slow, costly or hard to judge",
        "send": "Send",
        "new": "New interview",
        "copy": "Copy link",
        "copied": "Link copied",
        "lang": "Language",
        "more": "Resume an interview by its id",
        "resume_id": "Interview id",
        "resume": "Resume",
        "message": "Your message",
        "slack_link": "Link to Slack",
        "slack_code": "In Slack, type /theme start {code} within 10 minutes to continue this interview there "
        "(the code works once).",
        "slack_none": "Answer the first question here first: then this interview can continue in Slack.",
        "no_such": "No interview has that id. Check the id (it is in the interview's link), or start a new one.",
        "themes": "Themes",
        "proposal": "Proposal",
        "edit": "Edit",
        "patterns": "Patterns",
        "dl_md": "Download .md",
        "dl_docx": "Download .docx",
        "prepare": "Prepare files",
        "not_ready": "The proposal is not ready yet: answer the interview's questions until the strip says it is.",
        "files_failed": "The files could not be written: the data folder is full or not writable. Free some space "
        "or check THEME_ASSISTANT_DATA_DIR, then press Prepare files again.",
        "chart": "Chart: value vs feasibility",
        "field": "Field",
        "value": "Corrected value",
        "apply": "Apply",
        "no_session": "Start the interview first: there is nothing to correct yet.",
        "pick": "Matched pattern",
        "kb_query": "Search the knowledge base",
        "kb_hint": "e.g. forklift near-misses, late deliveries, defects in photos",
        "kb_kind": "Task kind",
        "kb_modality": "Data type",
        "kb_any": "any",
        "kb_found": "Pattern",
        "kb_none": "No pattern matches; try other words or fewer filters.",
        "link": "Link to this interview",
        "messages": "messages",
        "id": "id",
        "confirm_new": "Start a new interview? This one stays saved: its link still opens it.",
        "proposal_empty": "_The proposal appears here when the interview has what it needs._",
        "proposal_draft": "_Draft: it fills in as the interview goes on._",
        "chart_title": "Value vs feasibility",
        "footer_offline": "Backend: offline (no LLM; nothing leaves this machine) · embedding: {embedding}",
        "footer_llm": "Backend: LLM · model: {model} · embedding: {embedding}",
    },
    "ja": {
        "title": "## theme-assistant · *何を基に何を検出したいのか？*",
        "chat": "面談",
        "welcome": "**お仕事の内容と、時間やお金がかかる・判断が難しいところを、普段の言葉で教えてください。**\n\n"
        "10分ほどで、何を早く見分けられればお金になるかの順位付きリスト（年間の金額つき）と、"
        "上司に持っていける提案書ができます。",
        "placeholder": "ここに入力（お仕事の内容、時間やお金がかかる・判断が難しいところ）",
        "send": "送信",
        "new": "新しい面談",
        "copy": "リンクをコピー",
        "copied": "リンクをコピーしました",
        "lang": "言語",
        "more": "IDで面談を再開",
        "resume_id": "面談ID",
        "resume": "再開",
        "message": "メッセージ",
        "slack_link": "Slackと連携",
        "slack_code": "10分以内にSlackで /theme start {code} と入力すると、"
        "この面談をSlackで続けられます（コードは1回限り）。",
        "slack_none": "先にここで最初の質問に答えてください。そのあとSlackで続けられます。",
        "no_such": "そのIDの面談は見つかりません。IDを確認するか（面談のリンクに含まれています）、"
        "新しい面談を始めてください。",
        "themes": "テーマ",
        "proposal": "提案書",
        "edit": "修正",
        "patterns": "パターン",
        "dl_md": ".md をダウンロード",
        "dl_docx": ".docx をダウンロード",
        "prepare": "ファイルを準備",
        "not_ready": "提案書はまだできていません。上の表示に「提案書ができました」と出るまで、"
        "面談の質問に答えてください。",
        "files_failed": "ファイルを書き込めませんでした（データフォルダの容量不足か書き込み権限がありません）。"
        "空きを作るか THEME_ASSISTANT_DATA_DIR を確認してから、もう一度「ファイルを準備」を押してください。",
        "chart": "グラフ: 価値と実現性",
        "field": "項目",
        "value": "正しい内容",
        "apply": "反映",
        "no_session": "まず面談を始めてください。まだ修正するものがありません。",
        "pick": "該当パターン",
        "kb_query": "ナレッジベースを検索",
        "kb_hint": "例: フォークリフトのヒヤリハット、配送遅延、写真での不良",
        "kb_kind": "タスクの種類",
        "kb_modality": "データの種類",
        "kb_any": "すべて",
        "kb_found": "パターン",
        "kb_none": "該当するパターンがありません。言葉を変えるか、絞り込みを減らしてください。",
        "link": "この面談へのリンク",
        "messages": "件のメッセージ",
        "id": "ID",
        "confirm_new": "新しい面談を始めますか？ この面談は保存されたままで、リンクから開けます。",
        "proposal_empty": "_提案書は面談が終わるとここに表示されます。_",
        "proposal_draft": "_下書き: 面談が進むと埋まっていきます。_",
        "chart_title": "価値と実現性",
        "footer_offline": "バックエンド: オフライン（LLMなし。外部への通信なし） · 埋め込み: {embedding}",
        "footer_llm": "バックエンド: LLM · モデル: {model} · 埋め込み: {embedding}",
    },
}

EDIT_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "target": "What to detect",
        "inputs": "What you look at (comma-separated)",
        "work": "Your work",
        "pain": "The pain",
        "data": "What is recorded",
        "frequency": "How often",
        "cost": "Cost each time",
        "judge": "Who judges today",
    },
    "ja": {
        "target": "検出したいこと",
        "inputs": "判断材料（カンマ区切り）",
        "work": "業務",
        "pain": "困りごと",
        "data": "記録",
        "frequency": "頻度",
        "cost": "1回の損失",
        "judge": "今の判断",
    },
}

# (button label, the message it puts in the box): complete short labels, no "…" on a whole sentence.
EXAMPLES: dict[str, list[tuple[str, str]]] = {
    "en": [
        (
            "Fresh-food ordering",
            "I plan the daily orders of fresh food for 30 supermarkets, and we throw a lot away every evening.",
        ),
        (
            "Press breakdowns",
            "I'm a maintenance engineer at a stamping plant; the presses stop without warning a few times a year.",
        ),
        (
            "Invoice checks",
            "I check supplier invoices by hand against orders, and wrong amounts still slip through every month.",
        ),
    ],
    "ja": [
        ("融資の審査", "地方銀行で融資の審査をしています。貸したあとで返済が滞る会社を見抜くのが難しいです。"),
        ("反応条件の実験", "化学メーカーの研究職です。反応条件を決めるのに毎回何十回も実験していて時間がかかります。"),
        (
            "問い合わせの振り分け",
            "コールセンターで問い合わせを担当に振り分けていますが、判断に時間がかかり間違いも多いです。",
        ),
    ],
}

# The interview's six topics (assistant.vocabulary.TOPICS, in the order asked), as the progress strip names them.
TOPIC_NAMES: dict[str, dict[str, str]] = {
    "en": {
        "work": "what you do day to day",
        "pains": "what is slow, costly or hard to judge",
        "judgment": "what you wish you knew earlier",
        "inputs": "what you look at today",
        "data": "what is recorded",
        "value": "how often, and what it costs",
    },
    "ja": {
        "work": "普段のお仕事",
        "pains": "時間やお金がかかる・判断が難しいところ",
        "judgment": "もっと早く・確実に知りたいこと",
        "inputs": "今、判断の材料にしているもの",
        "data": "記録されているもの",
        "value": "頻度と、1回あたりの損失",
    },
}
STRIP: dict[str, dict[str, str]] = {
    "en": {
        "topic": "Topic {n} of 6: {name}",
        "next": "next: {name}",
        "themes": "{n} theme(s) found",
        "no_themes": "no theme yet",
        "ready": "Proposal ready:",
        "download": "get the .md and .docx",
        "working": "Working on your answer…",
        "done": "Interview complete",
    },
    "ja": {
        "topic": "話題 {n}/6: {name}",
        "next": "次: {name}",
        "themes": "テーマ {n} 件",
        "no_themes": "テーマはまだありません",
        "ready": "提案書ができました:",
        "download": ".md と .docx を取得",
        "working": "回答を考えています…",
        "done": "面談は完了しました",
    },
}
PATTERN: dict[str, dict[str, str]] = {
    "en": {
        "pains": "Pains it fits",
        "data": "Data",
        "metrics": "Metrics",
        "poc": "PoC plan",
        "weeks": "weeks",
        "inputs": "Based on",
        "pitfalls": "Pitfalls",
        "examples": "examples at least",
    },
    "ja": {
        "pains": "当てはまる困りごと",
        "data": "データ",
        "metrics": "指標",
        "poc": "PoC計画",
        "weeks": "週",
        "inputs": "判断材料",
        "pitfalls": "落とし穴",
        "examples": "件以上の事例",
    },
}


def lang_of(value: object, default: Lang = "en") -> Lang:
    """ "en" or "ja" from anything a browser may send (a radio value, an Accept-Language header)."""
    text = str(value or "").strip().lower()
    if text.startswith("ja"):
        return "ja"
    if text.startswith("en"):
        return "en"
    return default


def browser_lang(accept_language: str | None) -> Lang:
    """The page's language before an interview has one: Japanese when the browser prefers it to English."""
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith(("ja", "en")):
            return lang_of(tag)
    return "en"
