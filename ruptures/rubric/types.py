"""Plain data the rubric engine reads and returns.

Kept free of Django so that the engine, the scenario library and the
evaluator can share these types in any interpreter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

STEPS: tuple[str, ...] = ("notice", "invite", "validate", "explore", "negotiate")

PITFALLS: tuple[str, ...] = (
    "defensive",
    "premature_apology",
    "blaming",
    "interpreting",
    "minimizing",
    "ignoring",
    "closed_question",
    "advice",
    "over_apologising",
    "pushing",
)

LEVEL_LABELS: Mapping[int, str] = MappingProxyType(
    {0: "Harmful", 1: "Weak", 2: "Adequate", 3: "Strong"}
)

Span = tuple[int, int]


@dataclass(frozen=True)
class CriterionSpec:
    """A scenario-specific criterion: met when the answer uses an indicator."""

    name: str
    description: str
    indicators: tuple[str, ...]
    weight: int = 1
    feedback: str = ""  # what to tell a trainee who missed it (natural fallback when empty)


@dataclass(frozen=True)
class ScenarioRubric:
    """What a scenario adds to the default rubric.

    `context` is the vignette's own text (context and transcript); the engine
    uses it to judge whether an answer speaks to what the client said or did.
    """

    context: str = ""
    criteria: Mapping[str, tuple[CriterionSpec, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    exemplars: Mapping[str, tuple[str, ...]] = field(default_factory=lambda: MappingProxyType({}))
    version: str = ""


MAX_CHARS = 5000
"""Longest answer the engine accepts; callers validate input length first."""


class RubricError(ValueError):
    """Rubric or lexicon data is malformed; the message names the field path.

    `problems` holds every "path: message" found (the first is the message),
    so an editor can show each beside its field at once.
    """

    def __init__(self, message: str, problems: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.problems: tuple[str, ...] = problems or (message,)


class EmptyResponse(ValueError):
    """Raised when an answer is empty or only whitespace."""


@dataclass(frozen=True)
class CriterionResult:
    """Whether one criterion was met, where, and what to say if it was not."""

    name: str
    description: str
    met: bool
    weight: int
    evidence: tuple[Span, ...]
    feedback: str
    source: str  # "default" or "scenario"
    advisory: bool = False  # not meeting it is not a failure (a suggestion at level 3)


@dataclass(frozen=True)
class PitfallHit:
    """A pitfall found in the answer, with the passages that show it."""

    name: str
    spans: tuple[Span, ...]
    explanation: str


@dataclass(frozen=True)
class Feedback:
    """One corrective point and one concrete alternative phrasing."""

    point: str
    alternative: str


@dataclass(frozen=True)
class Assessment:
    """The engine's verdict on one answer to one repair step."""

    step: str
    level: int
    score: int
    pitfalls: frozenset[str]
    pitfall_hits: tuple[PitfallHit, ...]
    criteria: tuple[CriterionResult, ...]
    feedback: Feedback
    engine_version: str
    rubric_version: str
    copy_of: str | None = None  # the exemplar or suggestion this answer nearly copies

    @property
    def level_label(self) -> str:
        """Human label of the level, e.g. "Adequate"."""
        return LEVEL_LABELS[self.level]
