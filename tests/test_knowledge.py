from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from assistant.knowledge import KnowledgeError, load_knowledge, load_pattern
from assistant.vocabulary import MODALITIES, TASK_KINDS

ROOT = Path(__file__).resolve().parent.parent
DESIGN_EXAMPLES = [
    "passenger-survival",
    "house-price",
    "equipment-anomaly",
    "cancer-cell-detection",
    "purchase-propensity",
    "material-composition",
    "molecule-screening",
    "long-term-performance",
    "reaction-yield",
]


def test_whole_knowledge_base_loads_and_covers_the_design(kb):
    assert len(kb) >= 40
    assert {p.task_kind for p in kb} == set(TASK_KINDS)
    assert {m for p in kb for m in p.modalities} == set(MODALITIES)
    assert len({i for p in kb for i in p.industries}) >= 10
    for pid in DESIGN_EXAMPLES:
        assert pid in kb.patterns, pid


def test_every_pattern_is_bilingual_with_enough_pains(kb):
    for p in kb:
        assert len(p.pains.en) >= 5 and len(p.pains.ja) >= 5, p.id
        assert p.detection.en.lower().startswith("based on"), p.id
        assert "検出" in p.detection.ja, p.id
        assert p.poc_weeks >= 3


def _write(folder: Path, name: str, data: object) -> Path:
    (folder / "patterns").mkdir(parents=True, exist_ok=True)
    path = folder / "patterns" / name
    path.write_text(data if isinstance(data, str) else yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.fixture()
def good() -> dict:
    return yaml.safe_load((ROOT / "knowledge/patterns/demand-forecast.yaml").read_text(encoding="utf-8"))


def test_malformed_yaml_names_the_file(tmp_path):
    _write(tmp_path, "broken.yaml", "id: broken\ntitle: [unclosed\n")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(tmp_path)
    assert "broken.yaml" in str(err.value) and "malformed YAML" in str(err.value)


def test_missing_field_names_the_field_and_the_fix(tmp_path, good):
    del good["baseline"]
    path = _write(tmp_path, "demand-forecast.yaml", good)
    with pytest.raises(KnowledgeError) as err:
        load_pattern(path)
    message = str(err.value)
    assert "demand-forecast.yaml" in message and "'baseline'" in message and "add it" in message


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"task_kind": "prediction"}, "task_kind"),
        ({"modalities": ["tabular", "smell"]}, "modalities.1"),
        ({"title": {"en": "x", "ja": "english only"}}, "title.ja"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_bad_values_are_rejected_with_the_field(tmp_path, good, change, field):
    good.update(change)
    path = _write(tmp_path, "demand-forecast.yaml", good)
    with pytest.raises(KnowledgeError) as err:
        load_pattern(path)
    assert f"'{field}'" in str(err.value)


def test_too_few_pains_is_rejected(tmp_path, good):
    good["pains"]["ja"] = good["pains"]["ja"][:3]
    path = _write(tmp_path, "demand-forecast.yaml", good)
    with pytest.raises(KnowledgeError, match="at least 5"):
        load_pattern(path)


def test_id_must_match_the_file_name(tmp_path, good):
    path = _write(tmp_path, "other-name.yaml", good)
    with pytest.raises(KnowledgeError, match="make them the same"):
        load_pattern(path)


def test_binary_file_is_rejected(tmp_path):
    (tmp_path / "patterns").mkdir()
    (tmp_path / "patterns" / "bin.yaml").write_bytes(b"\xff\xfe\x00\x01")
    with pytest.raises(KnowledgeError, match="UTF-8"):
        load_knowledge(tmp_path)


def test_empty_folder_says_how_to_fix(tmp_path):
    with pytest.raises(KnowledgeError, match="THEME_ASSISTANT_KNOWLEDGE_DIR"):
        load_knowledge(tmp_path)


def test_two_generic_guidances_of_one_kind_are_an_error_not_a_silent_choice(tmp_path, good):
    _write(tmp_path, "demand-forecast.yaml", good)
    (tmp_path / "generic").mkdir()
    for name in ("forecasting-a", "forecasting-b"):
        _write(tmp_path / "gen", f"{name}.yaml", {**good, "id": name})
        (tmp_path / "gen" / "patterns" / f"{name}.yaml").rename(tmp_path / "generic" / f"{name}.yaml")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(tmp_path)
    assert "forecasting-b.yaml" in str(err.value) and "second generic guidance for forecasting" in str(err.value)


def test_a_knowledge_base_too_large_for_memory_is_refused(tmp_path, good, monkeypatch):
    import assistant.knowledge as knowledge

    monkeypatch.setattr(knowledge, "MAX_TOTAL_BYTES", 4096)
    for i in range(3):
        _write(tmp_path, f"pad-{i}.yaml", "# " + "x" * 2000 + "\n")
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(tmp_path)
    assert "MB of pattern files, above the limit" in str(err.value) and "KNOWLEDGE_DIR" in str(err.value)
