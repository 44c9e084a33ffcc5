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
