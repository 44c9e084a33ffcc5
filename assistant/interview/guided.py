"""The guided interviewer: the offline backend, no LLM; asks one plain question at a time."""

from __future__ import annotations

import logging
import re

from assistant import prompts
from assistant.grounding import Searcher, refresh_themes
from assistant.interview import Reply, cues
from assistant.interview import extract as ex
from assistant.interview.corrections import apply_correction
from assistant.interview.summary import summary_text
from assistant.interview.values import absorb_value
from assistant.knowledge import KnowledgeBase
from assistant.language import detect_language, normalize, tokens
from assistant.scoring import Rates
from assistant.state import DataFacts, Fact, InterviewState, Pain, Quote
from assistant.vocabulary import Lang, Topic

logger = logging.getLogger(__name__)

_PAIN_TOPICS: tuple[Topic, ...] = ("judgment", "inputs", "data", "value")
#: A topic is asked at most this often per pain: the question, then one follow-up for a concrete example.
MAX_ASKS = 2
_DOCUMENT = re.compile(
    r"\b(paper|scan\w*|pdf|fax\w*|hand-?written|photos?|invoices?|receipts?|slips?)\b|"
    r"(紙|スキャン|PDF|FAX|ファックス|手書き|請求書|納品書|伝票|領収書|帳票)",
    re.IGNORECASE,
)


class GuidedInterviewer:
    """Fills the interview state from plain answers, grounded in the knowledge base."""

    name = "offline"

    def __init__(self, index: Searcher, kb: KnowledgeBase, rates: Rates | None = None) -> None:
        self.index = index
        self.kb = kb
        self.rates = rates or Rates()

    # -- entry point ---------------------------------------------------------------------------

    def respond(self, state: InterviewState, turn: int) -> Reply:
        text = state.transcript[turn].text
        self._update_language(state, text)
        command = self._command(state, text, turn)
        if command is not None:
            return command
        if state.phase != "interview":
            return self._review(state, text, turn)
        answered = state.asking
        vague = self._absorb(state, text, turn, answered)
        unknown = answered in _PAIN_TOPICS and ex.is_dont_know(text)
        ack = self._say(state, "dont_know_ack") if unknown else ""
        return self._next(state, answered, vague, prefix=ack)

    def refresh(self, state: InterviewState) -> None:
        refresh_themes(state, self.index, self.kb.patterns, self.rates)

    # -- language and commands -----------------------------------------------------------------

    def _update_language(self, state: InterviewState, text: str) -> None:
        if state.lang_locked:
            return
        first = not any(t.role == "assistant" for t in state.transcript)
        detected = detect_language(text, default=state.lang)
        # Switch mid-interview only on a real sentence, not on a product name or "OK".
        if first or (detected != state.lang and len(normalize(text)) >= 12):
            state.lang = detected

    def _say(self, state: InterviewState, name: str, **values: object) -> str:
        return prompts.render(name, state.lang, variant=state.assistant_turns(), **values)

    def _command(self, state: InterviewState, text: str, turn: int) -> Reply | None:
        short = len(text) < 60
        focus = state.focus_pain()
        if (
            state.phase == "interview"
            and focus is not None
            and focus.target is not None
            and state.asking in ("inputs", "data", "value")
            and cues.CORRECTION_MIDWAY.search(text)
        ):
            # "no wait, it's more about …" in the middle: write it back, then ask the open question again
            field = apply_correction(focus, text, Quote(text=text, turn=turn), state.lang)
            refresh_themes(state, self.index, self.kb.patterns, self.rates)
            done = self._say(state, "correction_applied", field=self._say(state, f"field_{field}"))
            return self._ask(state, state.asking, done)
        if short and cues.START_OVER.search(text):
            keep_lang, keep_lock = state.lang, state.lang_locked
            for field in ("work", "focus"):
                setattr(state, field, None)
            state.pains, state.themes, state.asked = [], [], {}
            state.phase, state.lang, state.lang_locked = "interview", keep_lang, keep_lock
            return Reply(self._say(state, "start_over") + " " + self._say(state, "ask_work"), "work")
        if short and cues.SKIP.search(text) and state.asking:
            pain = state.focus_pain()
            if state.asking in _PAIN_TOPICS and pain is not None:
                pain.skipped.append(state.asking)
            elif state.asking == "work":
                state.asked["work"] = MAX_ASKS
            return self._next(state, None, False, prefix=self._say(state, "skip_ack"))
        if short and cues.PROPOSAL.search(text) and not cues.PAIN.search(text):
            if state.proposal_ready:
                return Reply(self._say(state, "review_help"), None)
            missing = self._missing(state)
            if missing:
                reply = self._next(state, None, False)
                return Reply(
                    self._say(state, "missing_for_proposal", missing=missing) + "\n\n" + reply.text,
                    reply.topic,
                )
        if short and cues.ANOTHER_PAIN.search(text):
            state.focus, state.asked, state.phase = None, {}, "interview"
            return Reply(self._say(state, "ask_pains_more"), "pains")
        return None

    def _missing(self, state: InterviewState) -> str:
        pain = state.focus_pain()
        topics: list[Topic] = ["pains"] if pain is None else [t for t in _PAIN_TOPICS if not pain.has(t)]
        sep = "、" if state.lang == "ja" else ", "
        return sep.join(self._say(state, f"topic_{t}") for t in topics)

    # -- reading answers ----------------------------------------------------------------------

    def _absorb(self, state: InterviewState, text: str, turn: int, topic: Topic | None) -> bool:
        """Store what the answer says; return True when it was too vague to use."""
        quote = Quote(text=text, turn=turn)
        lang = state.lang
        dont_know = ex.is_dont_know(text)
        if topic is None:
            self._absorb_opening(state, text, quote)
            return False
        state.asked[topic] = state.asked.get(topic, 0) + 1
        pain = state.focus_pain()
        if dont_know:
            if state.asked[topic] >= MAX_ASKS or topic == "work":
                if topic in _PAIN_TOPICS and pain is not None:
                    pain.skipped.append(topic)
                elif topic == "work":
                    state.asked["work"] = MAX_ASKS
            return True
        if topic == "work":
            state.work = Fact(value=text if state.work is None else f"{state.work.value} {text}", quote=quote)
            pain_sentences = [s for s in ex.sentences(text) if cues.PAIN.search(s)]
            if pain_sentences and not state.pains:
                self._add_pains(state, " ".join(pain_sentences), quote)
            return False
        if topic == "pains":
            self._add_pains(state, text, quote)
            return ex.is_vague(text, lang) and state.asked[topic] < MAX_ASKS
        if pain is None:
            return True
        if topic == "judgment":
            self._refocus(state, text)
            pain = state.focus_pain() or pain
            target = ex.extract_target(text, lang)
            pain.judgment = Fact(value=text, quote=quote)
            if target:
                pain.target = Fact(value=target, quote=quote)
            self._absorb_judge(pain, text, quote, lang)
            if not pain.inputs and cues.INPUTS_STATED.search(text):
                found = [
                    i for s in ex.sentences(text) if cues.INPUTS_STATED.search(s) for i in ex.extract_inputs(s, lang)
                ]
                pain.inputs = [Fact(value=v, quote=quote) for v in found[:6]]
            absorb_value(pain, text, quote, incidental=True)
            self._check_not_ml(pain, state)
            vague = target is None or ex.is_vague(text, lang)
            if vague and state.asked[topic] >= MAX_ASKS and pain.target is None:
                pain.target = Fact(value=ex.strip_filler(text)[:80], quote=quote)
            return vague and state.asked[topic] < MAX_ASKS
        if topic == "inputs":
            found = ex.extract_inputs(text, lang)
            if not found and not ex.is_vague(text, lang):
                found = [ex.strip_filler(text)[:80]]
            if found:
                pain.inputs = [Fact(value=v, quote=quote) for v in found]
            self._absorb_judge(pain, text, quote, lang)
            return not found and state.asked[topic] < MAX_ASKS
        if topic == "data":
            reading = ex.read_data(text)
            labels = reading.labels
            if labels is None and reading.exists and pain.target is not None:
                # "yields are recorded with the conditions": what they want to know is itself on record
                labels = bool(set(tokens(pain.target.value)) & set(tokens(text))) or None
            pain.data = DataFacts(exists=reading.exists, amount=reading.amount, labels=labels, quote=quote)
            if pain.frequency is None and not pain.costs:
                absorb_value(pain, text, quote, incidental=True)
            self._check_not_ml(pain, state)
            return False
        if topic == "value":
            before = (pain.frequency, len(pain.costs))
            absorb_value(pain, text, quote, overwrite=True)
            changed = (pain.frequency, len(pain.costs)) != before
            if not changed and state.asked[topic] >= MAX_ASKS:
                pain.skipped.append("value")
            return not changed and state.asked[topic] < MAX_ASKS
        return False

    def _absorb_opening(self, state: InterviewState, text: str, quote: Quote) -> None:
        """The first message may already say what the work is, what hurts, even what they want to know."""
        parts = ex.sentences(text)
        pain_part = [s for s in parts if ex.specific_pain(s)]
        work_part = [s for s in parts if s not in pain_part and ex.content_size(s) >= 2 and not ex.META.search(s)]
        if pain_part and not work_part:
            # "I plan maintenance for a press line and the presses stop without warning": split work from pain
            first, clause = ex.split_work_and_pain(pain_part[0])
            if first:
                work_part, pain_part = [first], [clause, *pain_part[1:]]
        if work_part:
            state.work = Fact(value=" ".join(work_part), quote=quote)
        if pain_part:
            self._add_pains(state, " ".join(pain_part), quote)
            pain = state.focus_pain()
            if pain is not None:
                want = [
                    s
                    for s in parts
                    if re.search(r"want to know|wish (i|we) knew|知りたい|分かれば|わかれば", s, re.IGNORECASE)
                ]
                if want:
                    target = ex.extract_target(" ".join(want), state.lang)
                    if target:
                        pain.judgment = Fact(value=" ".join(want), quote=quote)
                        pain.target = Fact(value=target, quote=quote)
                absorb_value(pain, text, quote, incidental=True)
        elif not work_part and ex.content_size(text) >= 2:
            state.work = Fact(value=text, quote=quote)

    def _add_pains(self, state: InterviewState, text: str, quote: Quote) -> None:
        known = {normalize(p.text) for p in state.pains}
        new = [Pain(text=p, quote=quote) for p in ex.split_pains(text) if normalize(p) not in known]
        if not new:
            return
        state.pains.extend(new)
        focus = state.focus_pain()
        if focus is None or focus.complete or focus.not_ml:
            best = max(new, key=lambda p: ex.pain_weight(p.text))
            state.focus, state.asked = (
                best.id,
                {k: v for k, v in state.asked.items() if k in ("work", "pains")},
            )
        for p in new:
            absorb_value(p, p.text, quote, incidental=True)
            self._absorb_judge(p, p.text, quote, state.lang)

    def _refocus(self, state: InterviewState, answer: str) -> None:
        """When several pains were named, the judgment answer tells which one they care about."""
        open_pains = [p for p in state.pains if not p.not_ml and p.target is None]
        if len(open_pains) < 2:
            return
        words = set(tokens(answer))
        best = max(open_pains, key=lambda p: len(words & set(tokens(p.text))))
        if len(words & set(tokens(best.text))) > 0 and best.id != state.focus:
            state.focus = best.id

    def _absorb_judge(self, pain: Pain, text: str, quote: Quote, lang: Lang) -> None:
        who, hard = ex.read_judge(text, lang)
        if who and pain.judge is None:
            pain.judge = Fact(value=who, quote=quote)
        if hard:
            pain.difficulty = "hard"

    def _check_not_ml(self, pain: Pain, state: InterviewState) -> None:
        judgment = pain.judgment.value if pain.judgment else ""
        data = pain.data.quote.text if pain.data and pain.data.quote else ""
        reason = ex.not_ml_reason(judgment, data, state.lang)
        if reason == "no_decision" and _DOCUMENT.search(
            pain.text + " " + judgment + " " + " ".join(i.value for i in pain.inputs)
        ):
            reason = None  # reading documents into fields is an extraction theme, not mere copying
        if reason:
            pain.not_ml = Fact(value=reason, quote=pain.judgment.quote if pain.judgment else Quote(text=data))

    # -- what to ask next ------------------------------------------------------------------------

    def _next(self, state: InterviewState, answered: Topic | None, vague: bool, prefix: str = "") -> Reply:
        lang = state.lang
        ack = prefix or (self._say(state, "ack") if answered else "")
        if answered and vague and state.asked.get(answered, 0) < MAX_ASKS:
            return self._ask(state, answered, ack, followup=True)
        focus = state.focus_pain()
        if focus is not None and focus.not_ml:
            reason = self._say(state, "not_ml", reason=self._say(state, f"not_ml_{focus.not_ml.value}"))
            nxt = next((p for p in state.pains if not p.not_ml and not p.complete), None)
            if nxt is None:
                state.phase, state.focus = "review", focus.id
                refresh_themes(state, self.index, self.kb.patterns, self.rates)
                return Reply(f"{reason}\n\n{self._say(state, 'not_ml_next')}", None)
            state.focus, state.asked = nxt.id, {}
            ack = f"{reason}\n\n{self._say(state, 'switch_focus', pain=ex.short(nxt.text, lang))}"
            focus = nxt
        if state.work is None and state.asked.get("work", 0) < 1 and not state.pains:
            return self._ask(state, "work", ack)
        if focus is None:
            asked = state.asked.get("pains", 0)
            if asked >= MAX_ASKS + 1:
                return Reply(f"{ack} {self._say(state, 'no_pain_yet')}".strip(), None)  # no loop: wait for them
            if asked == MAX_ASKS:
                return Reply(f"{ack} {self._say(state, 'pains_examples')}".strip(), "pains")
            return self._ask(state, "pains", ack, followup=asked >= 1)
        for topic in _PAIN_TOPICS:
            if not focus.has(topic):
                if state.asked.get(topic, 0) >= MAX_ASKS:
                    focus.skipped.append(topic)
                    continue
                several = (
                    len([p for p in state.pains if not p.not_ml]) > 1
                    and topic == "judgment"
                    and state.asked.get("judgment", 0) == 0
                    and not any(p.judgment for p in state.pains)
                )
                if several:
                    open_pains = [p for p in state.pains if not p.not_ml]
                    ack = (ack + " " if ack else "") + self._say(
                        state, "several_pains", count=len(open_pains), focus=ex.short(focus.text, lang)
                    )
                self.refresh(state)  # the theme board shows what this answer changed
                return self._ask(state, topic, ack, followup=state.asked.get(topic, 0) >= 1)
        return self._finish(state, ack)

    def _ask(self, state: InterviewState, topic: Topic, ack: str, followup: bool = False) -> Reply:
        focus = state.focus_pain()
        lang = state.lang
        if followup:
            question = self._say(state, f"followup_{topic}")
        elif topic == "judgment" and focus is not None:
            question = self._say(state, "ask_judgment", pain=ex.short(focus.text, lang))
        elif topic == "inputs" and focus is not None:
            target = focus.target.value if focus.target else ("それ" if lang == "ja" else "that")
            question = self._say(state, "ask_inputs", target=ex.short(target, lang))
        elif topic == "value" and focus is not None and focus.costs and focus.frequency is None:
            question = self._say(state, "ask_value_freq")
        elif topic == "value" and focus is not None and focus.frequency is not None and not focus.costs:
            question = self._say(state, "ask_value_cost")
        elif topic == "pains" and state.pains:
            question = self._say(state, "ask_pains_more")
        else:
            question = self._say(state, f"ask_{topic}")
        return Reply(f"{ack} {question}".strip() if lang == "en" else f"{ack}{question}", topic)

    def _finish(self, state: InterviewState, ack: str) -> Reply:
        refresh_themes(state, self.index, self.kb.patterns, self.rates)
        state.phase = "review"
        top = state.top_theme
        if top is None:
            return Reply(self._say(state, "ask_pains_more"), "pains")
        return Reply(f"{ack}\n\n{summary_text(state)}\n\n{self._say(state, 'proposal_ready')}".strip(), None)

    # -- after the summary ---------------------------------------------------------------------------

    def _review(self, state: InterviewState, text: str, turn: int) -> Reply:
        quote = Quote(text=text, turn=turn)
        focus = state.focus_pain()
        lang = state.lang
        if focus is not None and not focus.not_ml and cues.CORRECTION.search(text) and ex.content_size(text) >= 2:
            field = apply_correction(focus, text, quote, lang)
            refresh_themes(state, self.index, self.kb.patterns, self.rates)
            return Reply(
                self._say(state, "correction_applied", field=self._say(state, f"field_{field}"))
                + "\n\n"
                + summary_text(state),
                None,
            )
        if cues.PAIN.search(text) and ex.content_size(text) >= 4 and not cues.YES.search(text):
            state.phase = "interview"
            state.focus = None
            self._add_pains(state, text, quote)
            return self._next(state, "pains", False)
        return Reply(self._say(state, "review_help"), None)
