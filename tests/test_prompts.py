from __future__ import annotations

import pytest

from assistant import prompts


def test_both_languages_have_the_same_templates_and_variables():
    assert prompts.names("en") == prompts.names("ja")
    for name in prompts.names("en"):
        assert prompts.variables(name, "en") == prompts.variables(name, "ja"), name


def test_rendering_is_strict():
    with pytest.raises(prompts.TemplateError, match="needs \\['pain'\\]"):
        prompts.render("ask_judgment", "en")
    with pytest.raises(prompts.TemplateError, match="no template"):
        prompts.render("no_such_template", "ja")
    assert "waste" in prompts.render("ask_judgment", "en", pain="waste")


def test_questions_ask_one_thing_each():
    for lang in ("en", "ja"):
        for name in prompts.names(lang):
            if name.startswith(("ask_", "followup_")):
                text = prompts.render(name, lang, **dict.fromkeys(prompts.variables(name, lang), "x"))
                assert text.count("?") + text.count("？") == 1, (lang, name, text)


def test_the_prompts_agree_with_their_own_rules():
    """No listed options in a question, the topic named in the prompt's language, what is known complete and cut at a
    word (issue 20's self-contradictions)."""
    import re

    from assistant import prompts as templates
    from assistant.interview.llm import prompts as llm_prompts
    from assistant.interview.llm.context import known_facts
    from assistant.interview.llm.understand import _topic
    from assistant.state import Fact, InterviewState, Pain, Quote

    for lang in ("en", "ja"):
        for name in ("ask_data", "followup_data", "ask_value", "ask_inputs_plain"):
            text = templates.render(name, lang)  # type: ignore[arg-type]
            assert not re.search(r"[(（][^)）]*[,、][^)）]*[)）]", text), (name, text)
        state = InterviewState(lang=lang, asking="judgment")  # type: ignore[arg-type]
        assert "judgment" not in _topic(state)
        assert llm_prompts.render("topic_judgment", lang)  # type: ignore[arg-type]
    long = "we look at " + "the vibration trend of every press in the hall " * 12
    pain = Pain(text="presses stop", quote=Quote(text="presses stop"))
    pain.inputs = [Fact(value=long, quote=Quote(text=long))]
    pain.judge = Fact(value="the veteran, by ear", quote=Quote(text="the veteran, by ear"))
    state = InterviewState(lang="en", pains=[pain], focus=pain.id)
    known = known_facts(state)
    assert "the veteran, by ear" in known
    line = next(x for x in known.splitlines() if "vibration" in x)
    assert line.endswith("…") and line[:-1].split(" ")[-1] in long.split(" ")


def test_what_is_known_keeps_a_partial_record_partial():
    """A record kept only in part reads as partly kept in the model's prompt, with its note (a relay answerer saw
    "partly" come back as "recorded")."""
    from assistant.interview.llm.context import known_facts
    from assistant.state import DataFacts, InterviewState, Pain, Quote

    for lang, partly, note in (
        ("en", "outcomes partly kept", "only the breaks we caught"),
        ("ja", "一部のみ記録", "一部の店舗だけ"),
    ):
        pain = Pain(text="tool breaks", quote=Quote(text="tool breaks"))
        half = "outcomes" if lang == "en" else "data"
        pain.data = DataFacts(exists=True, labels=True, partly=[half], note=note, quote=Quote(text=note))
        known = known_facts(InterviewState(lang=lang, pains=[pain], focus=pain.id))  # type: ignore[arg-type]
        assert partly in known and note in known
        full = "recorded" if lang == "en" else "結果の記録あり"
        assert full in known  # the other half was said in full
