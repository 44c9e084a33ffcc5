"""The guided interviewer: the offline backend. Understand by rule, decide in the core, ask from templates."""

from __future__ import annotations

import logging

from assistant.core.money import Rates
from assistant.core.update import TurnUpdate
from assistant.grounding import Searcher, refresh_themes
from assistant.interview import Reply
from assistant.interview.decide import decide
from assistant.interview.questions import template_reply
from assistant.interview.speech import follow_language
from assistant.knowledge import KnowledgeBase
from assistant.state import InterviewState
from assistant.understanding.costing import cost_lines
from assistant.understanding.offline import understand
from assistant.vocabulary import Topic

logger = logging.getLogger(__name__)


class GuidedInterviewer:
    """Fills the interview state from plain answers, grounded in the knowledge base."""

    name = "offline"

    def __init__(self, index: Searcher, kb: KnowledgeBase, rates: Rates | None = None) -> None:
        self.index = index
        self.kb = kb
        self.rates = rates or Rates()

    def respond(self, state: InterviewState, turn: int) -> Reply:
        text = state.transcript[turn].text
        follow_language(state, text)
        asked = state.asking if state.phase == "interview" else None
        update = understand(text, state, asked)
        return self.decide_and_ask(state, update, turn, asked)

    def decide_and_ask(self, state: InterviewState, update: TurnUpdate, turn: int, asked: Topic | None) -> Reply:
        """Apply an understood message (from any understanding step) and say what comes next."""
        decision = decide(state, update, turn, asked, self.index, self.kb, self.rates, coster=cost_lines)
        return template_reply(state, decision)

    def refresh(self, state: InterviewState) -> None:
        refresh_themes(state, self.index, self.kb.patterns, self.rates)
