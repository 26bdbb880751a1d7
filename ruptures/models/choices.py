"""Roles and the enumerations the models share; checked by database constraints."""

from django.db import models
from django.db.models import Q

from ruptures.coaching import RATINGS
from ruptures.library.model import DIFFICULTIES, NO_RUPTURE, RUPTURE_TYPES, STATUSES
from ruptures.rubric.types import STEPS

TRAINEE = "Trainee"
SUPERVISOR = "Supervisor"
PROGRAM_ADMIN = "Program admin"


def _in(field: str, choices: type[models.TextChoices]) -> Q:
    return Q(**{f"{field}__in": choices.values})


class RuptureType(models.TextChoices):
    WITHDRAWAL = "withdrawal", "Withdrawal"
    CONFRONTATION = "confrontation", "Confrontation"
    NONE = "none", "No rupture"


class Difficulty(models.TextChoices):
    BEGINNER = "beginner", "Beginner"
    INTERMEDIATE = "intermediate", "Intermediate"
    ADVANCED = "advanced", "Advanced"


class StepName(models.TextChoices):
    NOTICE = "notice", "Notice"
    INVITE = "invite", "Invite"
    VALIDATE = "validate", "Validate"
    EXPLORE = "explore", "Explore"
    NEGOTIATE = "negotiate", "Negotiate"


class ScenarioStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class AttemptStatus(models.TextChoices):
    RECOGNISING = "recognising", "Recognising"
    REPAIRING = "repairing", "Repairing"
    DONE = "done", "Done"


class DifficultyRating(models.TextChoices):
    TOO_HARD = "too_hard", "Too hard"
    ABOUT_RIGHT = "about_right", "About right"
    TOO_EASY = "too_easy", "Too easy"


# The pure modules declare these vocabularies for code that runs without
# Django; the choices spell the same values and add labels. Checked on import.
assert tuple(StepName.values) == STEPS, "StepName must follow the engine's step order"
assert tuple(RuptureType.values) == RUPTURE_TYPES and RuptureType.NONE == NO_RUPTURE
assert tuple(Difficulty.values) == DIFFICULTIES
assert tuple(ScenarioStatus.values) == STATUSES
assert tuple(DifficultyRating.values) == RATINGS
