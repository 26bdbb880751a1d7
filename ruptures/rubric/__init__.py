"""The rubric engine: scores a trainee's answer to one of the five repair steps.

Pure Python over plain data (no Django): `assess(step, text, scenario=None,
rubric=None)` returns an Assessment with a level, a score, pitfalls with
evidence, criteria and one piece of feedback. Acts found by rules feed a small
trained model (`model.json`); the rubric (`default_rubric.yaml`, or any
version parsed with `parse_rubric_data`) decides what they are worth.
"""

from .data import Rubric, parse_rubric_data
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
    RubricError,
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
    "parse_rubric_data",
    "pitfall_label",
    "question_kind",
    "rubric_version",
]
