"""The rubric engine: scores a trainee's answer to one of the five repair steps.

Pure Python over plain data (no Django): `assess(step, text, scenario=None)`
returns an Assessment with a level, a score, pitfalls with evidence, criteria
and one piece of feedback. The rubric itself is package data
(`default_rubric.yaml`, `cues.yaml`) that program admins edit.
"""

from .data import Rubric, RubricError
from .engine import (
    ENGINE_VERSION,
    assess,
    default_rubric,
    level_for_score,
    pitfall_label,
    rubric_version,
)
from .questions import question_kind
from .types import (
    LEVEL_LABELS,
    MAX_CHARS,
    PITFALLS,
    STEPS,
    Assessment,
    CriterionResult,
    CriterionSpec,
    EmptyResponse,
    Feedback,
    PitfallHit,
    ScenarioRubric,
    Span,
)

__all__ = [
    "ENGINE_VERSION",
    "LEVEL_LABELS",
    "MAX_CHARS",
    "PITFALLS",
    "STEPS",
    "Assessment",
    "CriterionResult",
    "CriterionSpec",
    "EmptyResponse",
    "Feedback",
    "PitfallHit",
    "Rubric",
    "RubricError",
    "ScenarioRubric",
    "Span",
    "assess",
    "default_rubric",
    "level_for_score",
    "pitfall_label",
    "question_kind",
    "rubric_version",
]
