"""The domain model: scenarios and their versions, attempts, responses, reviews.

A scenario's content is immutable once published as a version: an attempt is
pinned to the version it started on, so editing or reloading a scenario never
changes what a trainee was scored against.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils.functional import cached_property

from ruptures.rubric.types import LEVEL_LABELS, STEPS

TRAINEE = "Trainee"
SUPERVISOR = "Supervisor"
PROGRAM_ADMIN = "Program admin"
ROLES = (TRAINEE, SUPERVISOR, PROGRAM_ADMIN)


def _in(field: str, choices: type[models.TextChoices]) -> Q:
    return Q(**{f"{field}__in": choices.values})


class User(AbstractUser):
    """A person using the studio; the role is the Django group they belong to."""

    @cached_property
    def role_names(self) -> frozenset[str]:
        # ruptures.auth.RoleAwareBackend loads the names with the user; any
        # other User instance asks the database once.
        loaded = getattr(self, "group_names", None)
        if loaded is not None:
            return frozenset(name for name in loaded.split("\n") if name)
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, role: str) -> bool:
        return role in self.role_names

    @property
    def is_trainee(self) -> bool:
        return self.has_role(TRAINEE)

    @property
    def is_supervisor(self) -> bool:
        return self.has_role(SUPERVISOR)

    @property
    def is_program_admin(self) -> bool:
        return self.has_role(PROGRAM_ADMIN)


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


assert tuple(StepName.values) == STEPS, "StepName must follow the engine's step order"


class ScenarioQuerySet(models.QuerySet):
    def published(self) -> ScenarioQuerySet:
        return self.filter(status=Scenario.Status.PUBLISHED, current_version__isnull=False)


class Scenario(models.Model):
    """The stable identity of a vignette; its content lives in versions."""

    Status = ScenarioStatus

    slug = models.SlugField(max_length=80, unique=True)
    status = models.CharField(
        max_length=10, choices=ScenarioStatus, default=ScenarioStatus.PUBLISHED
    )
    current_version = models.OneToOneField(
        "ScenarioVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Copied from the current version so that lists filter without a join.
    title = models.CharField(max_length=200)
    rupture_type = models.CharField(max_length=15, choices=RuptureType)
    difficulty = models.CharField(max_length=15, choices=Difficulty)
    setting = models.CharField(max_length=30)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScenarioQuerySet.as_manager()

    class Meta:
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(
                condition=_in("status", ScenarioStatus), name="scenario_status_valid"
            ),
            models.CheckConstraint(
                condition=_in("rupture_type", RuptureType), name="scenario_rupture_type_valid"
            ),
            models.CheckConstraint(
                condition=_in("difficulty", Difficulty), name="scenario_difficulty_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ScenarioVersion(models.Model):
    """One immutable snapshot of a scenario's content.

    `spec` holds the validated scenario exactly as `ruptures.library` reads it
    (its `to_dict()` form), so export reproduces the source file; the columns
    beside it are copies for querying.
    """

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    content_hash = models.CharField(max_length=64)
    spec = models.JSONField()
    title = models.CharField(max_length=200)
    rupture_type = models.CharField(max_length=15, choices=RuptureType)
    markers = models.JSONField(default=list)
    difficulty = models.CharField(max_length=15, choices=Difficulty)
    setting = models.CharField(max_length=30)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["scenario", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["scenario", "number"], name="scenario_version_number_unique"
            ),
            models.UniqueConstraint(
                fields=["scenario", "content_hash"], name="scenario_version_content_unique"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="scenario_version_number_gte_1"
            ),
            models.CheckConstraint(
                condition=_in("rupture_type", RuptureType), name="version_rupture_type_valid"
            ),
            models.CheckConstraint(
                condition=_in("difficulty", Difficulty), name="version_difficulty_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.scenario.slug} v{self.number}"


class Step(models.Model):
    """One repair step of a scenario version: prompt, exemplars, own criteria."""

    version = models.ForeignKey(ScenarioVersion, on_delete=models.CASCADE, related_name="steps")
    name = models.CharField(max_length=10, choices=StepName)
    order = models.PositiveSmallIntegerField()
    prompt = models.TextField()
    exemplars = models.JSONField(default=list)
    counterexamples = models.JSONField(default=list)
    criteria = models.JSONField(default=list)

    class Meta:
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "name"], name="step_name_unique"),
            models.UniqueConstraint(fields=["version", "order"], name="step_order_unique"),
            models.CheckConstraint(condition=_in("name", StepName), name="step_name_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.version} · {self.name}"


class Cohort(models.Model):
    """A supervisor's group of trainees and the scenarios assigned to it."""

    name = models.CharField(max_length=120)
    supervisor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="supervised_cohorts"
    )
    trainees = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="cohorts", blank=True)
    scenarios = models.ManyToManyField(Scenario, related_name="cohorts", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["supervisor", "name"], name="cohort_name_unique")
        ]

    def __str__(self) -> str:
        return self.name


class AttemptQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> AttemptQuerySet:
        """Trainees see their own attempts, supervisors their cohorts', admins all."""
        if user.is_program_admin:
            return self
        if user.is_supervisor:
            return self.filter(trainee__cohorts__supervisor=user).distinct()
        return self.filter(trainee=user)


class Attempt(models.Model):
    """A trainee working one scenario version: recognition, then the steps."""

    Status = AttemptStatus
    Rating = DifficultyRating

    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts"
    )
    # PROTECT: a version someone practised on is evidence and must not vanish.
    version = models.ForeignKey(ScenarioVersion, on_delete=models.PROTECT, related_name="attempts")
    status = models.CharField(
        max_length=12, choices=AttemptStatus, default=AttemptStatus.RECOGNISING
    )
    said_rupture = models.BooleanField(null=True, blank=True)
    said_type = models.CharField(max_length=15, choices=RuptureType, blank=True)
    said_markers = models.JSONField(default=list, blank=True)
    recognition_score = models.PositiveSmallIntegerField(null=True, blank=True)
    total_score = models.PositiveSmallIntegerField(null=True, blank=True)
    journal = models.TextField(blank=True)
    difficulty_rating = models.CharField(max_length=12, choices=DifficultyRating, blank=True)
    started_at = models.DateTimeField(db_default=Now())
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["trainee", "-started_at"])]
        constraints = [
            models.CheckConstraint(
                condition=_in("status", AttemptStatus), name="attempt_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(said_type="") | _in("said_type", RuptureType),
                name="attempt_said_type_valid",
            ),
            models.CheckConstraint(
                condition=Q(difficulty_rating="") | _in("difficulty_rating", DifficultyRating),
                name="attempt_rating_valid",
            ),
            models.CheckConstraint(
                condition=Q(recognition_score__isnull=True) | Q(recognition_score__lte=100),
                name="attempt_recognition_score_range",
            ),
            models.CheckConstraint(
                condition=Q(total_score__isnull=True) | Q(total_score__lte=100),
                name="attempt_total_score_range",
            ),
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True) | Q(finished_at__gte=models.F("started_at")),
                name="attempt_finished_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.trainee} · {self.version}"

    def get_absolute_url(self) -> str:
        return reverse("ruptures:attempt_detail", args=[self.pk])


class StepResponseQuerySet(models.QuerySet):
    def visible_to(self, user: User) -> StepResponseQuerySet:
        if user.is_program_admin:
            return self
        if user.is_supervisor:
            return self.filter(attempt__trainee__cohorts__supervisor=user).distinct()
        return self.filter(attempt__trainee=user)


class StepResponse(models.Model):
    """One scored try at one step. Every try is kept; a double submit stores one."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="responses")
    step = models.ForeignKey(Step, on_delete=models.PROTECT, related_name="responses")
    try_number = models.PositiveSmallIntegerField()
    text = models.TextField()
    score = models.PositiveSmallIntegerField()
    level = models.PositiveSmallIntegerField()
    pitfalls = models.JSONField(default=list)
    criteria = models.JSONField(default=list)
    feedback = models.JSONField(default=dict)
    engine_version = models.CharField(max_length=20)
    rubric_version = models.CharField(max_length=40)
    submitted_at = models.DateTimeField(db_default=Now())

    objects = StepResponseQuerySet.as_manager()

    class Meta:
        ordering = ["attempt", "step__order", "try_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "step", "try_number"], name="step_response_try_unique"
            ),
            models.CheckConstraint(condition=Q(try_number__gte=1), name="step_response_try_gte_1"),
            models.CheckConstraint(condition=Q(level__lte=3), name="step_response_level_range"),
            models.CheckConstraint(condition=Q(score__lte=100), name="step_response_score_range"),
            models.CheckConstraint(condition=~Q(text=""), name="step_response_text_not_empty"),
        ]

    def __str__(self) -> str:
        return f"{self.attempt} · {self.step.name} #{self.try_number}"

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.level]


class StepDraft(models.Model):
    """The autosaved text of a step's next try, so a reload never loses typing."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="drafts")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="+")
    try_number = models.PositiveSmallIntegerField(default=1)
    text = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "step"], name="step_draft_unique")
        ]

    def __str__(self) -> str:
        return f"Draft of {self.attempt} · {self.step.name}"


class Review(models.Model):
    """A supervisor's judgement of one response. The engine's score stays beside it."""

    response = models.ForeignKey(StepResponse, on_delete=models.CASCADE, related_name="reviews")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="reviews"
    )
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    score = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField(db_default=Now())

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__lte=3), name="review_level_range"
            ),
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__lte=100), name="review_score_range"
            ),
            models.CheckConstraint(
                condition=Q(level__isnull=False) | Q(score__isnull=False) | ~Q(comment=""),
                name="review_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"Review of {self.response} by {self.reviewer}"
