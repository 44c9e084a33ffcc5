"""The fixed vocabularies of the design: interview topics, task kinds, modalities, output shapes."""

from __future__ import annotations

from typing import Literal, get_args

Lang = Literal["en", "ja"]
LANGS: tuple[Lang, ...] = get_args(Lang)

Topic = Literal["work", "pains", "judgment", "inputs", "data", "value"]
#: The order a guided interview walks the topics in.
TOPICS: tuple[Topic, ...] = get_args(Topic)

TaskKind = Literal[
    "classification",
    "regression",
    "anomaly_detection",
    "forecasting",
    "ranking",
    "optimization",
    "object_detection",
    "extraction",
    "clustering",
    "similarity",
]
TASK_KINDS: tuple[TaskKind, ...] = get_args(TaskKind)

Modality = Literal["tabular", "time_series", "image", "video", "text", "audio", "spectrum", "molecule"]
MODALITIES: tuple[Modality, ...] = get_args(Modality)

#: What one detection returns. The issue's six plus `fields` (extraction) and `groups` (clustering).
OutputShape = Literal["yes_no", "category", "number", "ranking", "location", "candidates", "fields", "groups"]
OUTPUT_SHAPES: tuple[OutputShape, ...] = get_args(OutputShape)
