"""The offline understanding step: one employee message in, a `TurnUpdate` out, by rule and without a model.

It reads every message for everything it can hold (people answer more than they are asked): a pain, what
they want to know, what they look at, what is recorded, and the numbers. The topic asked decides only how
a reading is weighed: a question clause answers the target only when the target was asked, a bare list
is the inputs only when the inputs were asked, and counts in a data answer are amounts of data, not how
often the pain happens.
"""

from __future__ import annotations

import re

from assistant.core.lines import Avoidable, Share
from assistant.core.update import Correction, PainUpdate, Phrase, Quantity, Slot, TurnUpdate
from assistant.language import most_shared, tokens
from assistant.state import InterviewState
from assistant.understanding import cues
from assistant.understanding.commands import read_command, read_yes_no
from assistant.understanding.inputs import read_inputs
from assistant.understanding.pains import announces_list, read_judge, specific_pain, split_pains
from assistant.understanding.phrases import read_target, short_phrase
from assistant.understanding.quantities import read_quantities
from assistant.understanding.records import read_data
from assistant.understanding.text import content_words, is_dont_know, nfkc, sentences, strip_fillers
from assistant.understanding.verdicts import not_ml_reason, read_not_ml
from assistant.vocabulary import Lang, Topic

#: A correction of something said before ("no wait", "actually it's more about", 「いや」「じゃなくて」).
CORRECTION = re.compile(
    r"^\W*(?:no(?!-)|nope|not quite|sorry|oops|wait|correction|actually,|well,? actually)\b(?!-)|\bno wait\b|\bi meant\b|"
    r"\bit'?s (?:more|rather) (?:about|like)\b|\bnot \w+(?: \w+)?,? but\b|\bscratch that\b|\bmake that\b|"
    r"^\W*(?:いいえ|いや|いえ|あ、すみません|すみません、|違います|ちがいます|訂正)|じゃなくて|ではなくて|というより|むしろ",
    re.IGNORECASE,
)
#: Turning to another pain: a comparison in favour of one ("matters more", 「〜の方が大きい」).
SWITCH = re.compile(
    r"\b(?:matters?\s+(?:\w+\s+)?more|more important|bigger (?:deal|problem|issue|one)|(?:is|are) worse|the (?:main|real|big) one|"
    r"focus on|talk about|go with|rather (?:talk|look|do)|prefer|more pressing|costs? (?:us )?more|"
    r"(?:is|are) what (?:really )?(?:costs?|hurts?|matters?))\b|"
    r"(?:大きい|大事|重要|深刻|痛い)のは(?:むしろ|やっぱり)?|"
    r"の方が(?:大きい|大事|重要|深刻|困って|問題|高い|痛い)|のほうが(?:大きい|大事|重要|深刻|困って|問題|痛い)|優先|にさせてください|"
    r"の話に(?:し|させ)|に絞(?:り|って)",
    re.IGNORECASE,
)
_NOT_BEFORE = re.compile(r"\b(?:not|isn'?t|aren'?t|wasn'?t|never|no longer)\b[^,.;!?]{0,12}$", re.IGNORECASE)
_NOT_AFTER = re.compile(r"\s*(?:じゃない|じゃありません|ではない|ではありません|でもない|わけじゃない|わけではない)")


def switch_marker(text: str) -> re.Match[str] | None:
    """The first words that favour a pain, unless denied: "that's not the big one" and 「大きいのは…じゃない」 favour
    nothing (the pain they name is the minor one)."""
    for m in SWITCH.finditer(text):
        if _NOT_BEFORE.search(text[max(0, m.start() - 24) : m.start()]) or _NOT_AFTER.match(text, m.end()):
            continue
        return m
    return None


def _minor(quote: str) -> bool:
    """ "parts ordering is a pain too but whatever, that's not the big one": said to be the lesser pain."""
    return bool(SWITCH.search(quote)) and switch_marker(quote) is None


_LOOK = re.compile(
    r"\b(?:i|we)\s+(?:usually\s+|mostly\s+|mainly\s+|just\s+|also\s+)?(?:look at|check|go by|rely on|listen to|compare)\b|"
    r"を(?:主に)?(?:見て|確認して|参考に|聞いて)(?:判断|決め|い)",
    re.IGNORECASE,
)
_VALUE_KINDS_IN_DATA = {"cost_each", "money_total", "time_each", "time_total", "rate"}


def understand(text: str, state: InterviewState, topic: Topic | None) -> TurnUpdate:
    """What this message says, given the topic the assistant asked about."""
    lang = state.lang
    text = nfkc(text)
    update = TurnUpdate(dont_know=is_dont_know(text))
    if state.pending is not None:
        update.confirm = read_yes_no(text)
        if update.confirm is not None:
            return update
    command = read_command(text)
    if command is not None:
        update.command = command
        return update
    if update.dont_know:
        update.vague = True
        return update
    _read_pains(update, text, state, topic, lang)
    _read_judgment(update, text, state, topic, lang)
    if topic == "inputs" or _LOOK.search(text):
        # a sentence that says what they want to know ("no, rather X is what I'd like to know") lists no inputs
        listed = " ".join(s for s in sentences(text) if not (update.target and _wish(s, lang)))
        update.inputs = read_inputs(_after_look(listed) if topic != "inputs" else listed, lang)
    focus = state.focus_pain()
    target_text = focus.target.value if focus and focus.target else (update.target.text if update.target else "")
    if topic == "data" or (topic in ("value", "judgment", "inputs", None) and _mentions_records(text, lang)):
        update.data = read_data(text, lang, target_text) if topic == "data" or update.data is None else update.data
    update.quantities = _quantities(text, state, topic, lang)
    if state.phase != "interview" and state.asked.get("avoidable") == 1:
        _read_avoidable(update, state)  # the summary asked how much of the money knowing earlier would avoid
    _read_correction(update, text, state, topic)
    update.vague = _vague(update, text, topic, lang)
    return update


def _read_pains(update: TurnUpdate, text: str, state: InterviewState, topic: Topic | None, lang: Lang) -> None:
    """Pains: the answer to the pains question, or sentences of the opening / work answer that name one."""
    if topic == "work" or topic is None:
        pain_parts, work_parts = _pain_and_work(sentences(text), lang)
        if work_parts and (topic == "work" or state.work is None):
            update.work = _work_phrase(" ".join(work_parts), lang)
        if pain_parts:
            text = " ".join(pain_parts)
        elif topic is None and not work_parts and len(content_words(text, lang)) >= 3:
            update.work = _work_phrase(text, lang)
            return
        else:
            return
    elif topic != "pains":
        return
    for piece in split_pains(text):
        clean = strip_fillers(piece, lang)
        if len(content_words(clean, lang)) < 3 or is_dont_know(clean):
            continue  # "idk, everything?" or 「色々ありますけど…」 is no pain
        hard = bool(cues.HARD.search(piece))
        # "…, and the presses smear ink. The smeared runs are what really cost money": the sentence that says
        # which one costs is the pain's name
        said = [x for x in sentences(clean) if switch_marker(x) and len(content_words(x, lang)) >= 3]
        name = said[0] if said else clean
        update.pains.append(PainUpdate(text=short_phrase(name, lang), quote=piece, hard_to_judge=hard))
    update.pains = [p for p in update.pains if not _minor(p.quote)] + [p for p in update.pains if _minor(p.quote)]


_CLAUSE = re.compile(r",\s+|;\s*|\s+(?:and|but|so|where)\s+|(?<=[がでて])、|けど、?|のですが、?|ですが、?|、")


#: A sentence about doing one's job: "I run…", "we manage…", 「〜を担当しています」.
_WORK = re.compile(
    r"^\W*(?:(?:hi|hello|hey|hiya)\W+)?(?:i|we)\s+(?:\w+\s+)?(?:run|manage|work|handle|look after|lead|plan|oversee|head)\b|"
    r"^\W*(?:(?:hi|hello|hey|hiya)\W+)?(?:i'?m|i am)\s+(?:a|an|the)\b|(?:を|の)(?:担当|しています|やっています|しております)",
    re.IGNORECASE,
)
#: Words that judge a clause as the painful part ("the worst bit is…", "we waste…", 「一番困っているのは」).
_EVALUATIVE = re.compile(
    r"\b(?:worst|problems?|pain|hate|annoying|headaches?|nightmares?|costly|expensive|waste[sd]?|slow|tedious|hard to|dull|boring|"
    r"takes? (?:hours|ages|forever|days)|time[- ]consuming|error[- ]prone|"
    r"difficult|too (?:many|much|late|long)|struggle|lose|losing|miss(?:es|ed)?|"
    r"bad|worse|poor|terrible|awful|horrible|frustrat\w*|painful)\b|"
    r"困って|困る|困り|大変|悩み|無駄|ムダ|遅れ|損(?!保|害保)|難し|面倒|悪い|ひどい|酷い|つらい|辛い|うまくいかない|多すぎ",
    re.IGNORECASE,
)


def _work_phrase(text: str, lang: Lang) -> Phrase | None:
    """The work in a short phrase; None when nothing is left once greetings and fillers go (「お疲れ様です。」)."""
    phrase = short_phrase(text, lang, limit=24).strip()
    return Phrase(text=phrase, quote=text) if phrase and content_words(phrase, lang) else None


def _pain_and_work(parts: list[str], lang: Lang) -> tuple[list[str], list[str]]:
    """Which sentences name a pain and which describe the work. A judging sentence ("the worst bit is…") is a
    pain; a sentence about one's job ("I run the returns desk", "I plan maintenance…, the presses stop") is
    work, split where a pain clause follows it."""
    pains: list[str] = []
    work: list[str] = []
    judged_at = [i for i, x in enumerate(parts) if _EVALUATIVE.search(x) and len(content_words(x, lang)) >= 3]
    for i, sentence in enumerate(parts):
        judged = i in judged_at
        # "I run a warehouse. Two headaches: …": a sentence that only names a thing, before
        # the one that says what hurts, describes the work
        named = specific_pain(sentence) and not (judged_at and i < judged_at[0])
        head, tail = _split_work_and_pain(sentence, lang) if (named or judged) else ("", sentence)
        if head:
            work.append(head)
            pains.append(tail)
        elif judged or (named and not _WORK.search(sentence)):
            pains.append(sentence)
        elif len(content_words(strip_fillers(sentence, lang), lang)) >= 2:
            work.append(sentence)
    return pains, work


def _split_work_and_pain(sentence: str, lang: Lang) -> tuple[str, str]:
    """("I plan maintenance for a stamping plant", "the presses stop without warning") from one sentence: the
    clauses before the painful one describe the work. A clause that judges ("the worst bit is…") is the painful
    one even when an earlier clause names a thing that can hurt ("I run the returns desk")."""
    parts = [p for p in _CLAUSE.split(sentence) if p and p.strip()]
    judged = [i for i, p in enumerate(parts) if i > 0 and _EVALUATIVE.search(p)]
    first = [
        i for i, p in enumerate(parts) if i > 0 and specific_pain(p) and not any(specific_pain(q) for q in parts[:i])
    ]
    for i in judged[:1] + first[:1]:
        if i >= 1 and announces_list(parts[i - 1]):
            i -= 1  # "…, two things bug me, refunds are slow and labels come out wrong": the list keeps its intro
        head = ("、" if lang == "ja" else ", ").join(parts[:i])
        tail = sentence[sentence.find(parts[i]) :].strip()
        if _EVALUATIVE.search(head):
            continue  # 「悩みが2つあって、Aのと、Bこと」: the head already says what hurts, it is no job description
        if len(content_words(head, lang)) >= 2 and len(content_words(tail, lang)) >= 3:
            return head.strip(" ,、"), tail
    return "", sentence


def _read_judgment(update: TurnUpdate, text: str, state: InterviewState, topic: Topic | None, lang: Lang) -> None:
    """The target (wish frames in any answer; question clauses when the judgment was asked), who judges, how
    hard it is, and whether a fixed rule or nothing at all decides it."""
    focus = state.focus_pain()
    context = (focus.text + " " + focus.quote.text) if focus else " ".join(p.text for p in update.pains)
    target = read_target(text, lang, context)
    if target is not None and (topic == "judgment" or _wish(text, lang)):
        update.target = target
    if topic in ("judgment", "inputs", "pains", None):
        who, hard = read_judge(text, lang)
        if who:
            update.judge = Phrase(text=who, quote=text[:200])
        if hard:
            update.hard_to_judge = True
    if topic in ("judgment", "data"):
        judgment = text if topic == "judgment" else (focus.judgment.quote.text if focus and focus.judgment else "")
        data = text if topic == "data" else ""
        reason = (read_not_ml(judgment, lang) if topic == "judgment" else None) or not_ml_reason(judgment, data, lang)
        if reason is not None and not (topic == "data" and reason != "no_outcome"):
            update.not_ml = reason


def _wish(text: str, lang: Lang) -> bool:
    """A plain wish to know ("I'd like to know", "I wish I knew", 「知りたい」), strong enough to name the target
    outside the judgment question; "from knowing which suppliers…" in a list of inputs is not one."""
    from assistant.understanding import lexicon as lx

    if lang == "ja":
        return bool(re.search(r"知りたい|分かれば|わかれば|知れれば|見極めたい|見分けたい|が知りたい", text))
    for m in lx.WISH_EN.finditer(text):
        if re.search(r"want|like|love|wish|need|hope|more about|rather about|really about", m.group(0), re.IGNORECASE):
            return True
    return False


def _after_look(text: str) -> str:
    m = _LOOK.search(text)
    return text[m.start() :] if m else text


def _mentions_records(text: str, lang: Lang) -> bool:
    from assistant.understanding import lexicon as lx

    return bool(lx.RECORD_STRONG.search(text))  # "the photos customers upload" in a list of inputs is no record


def _quantities(text: str, state: InterviewState, topic: Topic | None, lang: Lang) -> list[Quantity]:
    currency = next(
        (m.quantity.currency for p in state.pains for m in p.measures if m.quantity.currency),
        None,
    )
    found = read_quantities(text, lang, currency)
    if topic == "data":
        found = [q for q in found if q.kind in _VALUE_KINDS_IN_DATA]  # counts there are amounts of data
    if topic in ("inputs", "judgment") and not CORRECTION.search(text):
        found = [q for q in found if q.kind in _VALUE_KINDS_IN_DATA]  # counts there describe the work, not the pain
    return found


def _read_avoidable(update: TurnUpdate, state: InterviewState) -> None:
    """The answer to "how much of that would knowing earlier avoid?": its share is that part, not a share of the
    count; figures said again as they were add nothing (a new one still corrects)."""
    shares = [q for q in update.quantities if q.kind == "share"]
    if shares:
        first = shares[0]
        update.avoidable = Avoidable(share=Share(value=first.value, high=first.high, quote=first.quote))
    focus = state.focus_pain()
    known = {(m.quantity.kind, m.quantity.value, m.quantity.quote) for m in (focus.measures if focus else [])}
    update.quantities = [q for q in update.quantities if q.kind != "share" and (q.kind, q.value, q.quote) not in known]


def _read_correction(update: TurnUpdate, text: str, state: InterviewState, topic: Topic | None) -> None:
    """A correction names the slot it changes by what it contains; a switch turns to another pain."""
    focus = state.focus_pain()
    marker = switch_marker(text)
    if marker and state.pains:
        # the preferred pain is named in the clause that says "…matters more", not anywhere in the message
        clause = next((c for c in re.split(r"[,;.!?、。]|\bbut\b|けど|が、", text) if switch_marker(c)), text)
        best = most_shared(set(tokens(clause)), state.pains, lambda p: p.text + " " + p.quote.text)
        if best is not None:
            # "also the sizing complaints, but the wardrobing one matters more": the named pain keeps (or takes)
            # the focus; another pain said on the way is recorded, not interviewed
            update.switch_to = best.text
            update.pains = [p for p in update.pains if not switch_marker(p.quote)]
            if topic == "pains" and not any(p.target for p in state.pains):
                update.pains = []  # choosing among the pains already named: the rest of the answer elaborates
            return
    if marker and not state.pains and len(update.pains) >= 2:
        # "proofs come back late, and the presses smear ink. The smeared runs are what really cost money": of the
        # pains listed in one answer, the one the judging sentence names comes first
        clause = next((c for c in sentences(text) if switch_marker(c)), text)
        best_new = most_shared(set(tokens(clause)), update.pains, lambda p: p.text)
        if best_new is not None:
            update.pains = [best_new] + [p for p in update.pains if p is not best_new]
    if not CORRECTION.search(text) or focus is None:
        return
    slots: list[Slot] = []
    if update.quantities:
        slots.append("value")
    if update.data is not None and topic != "data":
        slots.append("data")
    if update.inputs and topic != "inputs":
        slots.append("inputs")
    if update.target is not None and topic != "judgment":
        slots.append("target")
    update.corrections = [Correction(slot=s, quote=text[:200]) for s in slots]


def _vague(update: TurnUpdate, text: str, topic: Topic | None, lang: Lang) -> bool:
    """Nothing usable for the question asked."""
    if topic == "judgment":
        return update.target is None and update.not_ml is None
    if topic == "inputs":
        return not update.inputs
    if topic == "data":
        return update.data is None
    if topic == "value":
        return not update.quantities
    if topic == "pains":
        return not update.pains and update.switch_to is None
    return len(content_words(strip_fillers(text, lang), lang)) < 2
