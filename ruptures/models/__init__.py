"""The domain model, one module per area; import everything from here."""

from ruptures.models.authoring import ImportBatch, RubricVersion
from ruptures.models.choices import (
    PROGRAM_ADMIN,
    SUPERVISOR,
    TRAINEE,
    AttemptStatus,
    Difficulty,
    DifficultyRating,
    RuptureType,
    ScenarioStatus,
    StepName,
)
from ruptures.models.people import ROLE_CHANGE, Cohort, User, role_changes
from ruptures.models.practice import Attempt, StepDraft, StepResponse
from ruptures.models.results import StepResult
from ruptures.models.reviews import Review, ReviewRequest, ReviewRevision, StepReview
from ruptures.models.scenarios import Scenario, ScenarioVersion, Step

__all__ = [
    "PROGRAM_ADMIN",
    "ROLE_CHANGE",
    "SUPERVISOR",
    "TRAINEE",
    "Attempt",
    "AttemptStatus",
    "Cohort",
    "Difficulty",
    "DifficultyRating",
    "ImportBatch",
    "Review",
    "RubricVersion",
    "ReviewRequest",
    "ReviewRevision",
    "RuptureType",
    "Scenario",
    "ScenarioStatus",
    "ScenarioVersion",
    "Step",
    "StepDraft",
    "StepName",
    "StepResponse",
    "StepResult",
    "StepReview",
    "User",
    "role_changes",
]
