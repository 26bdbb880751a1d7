"""A supervisor's review of an attempt, its history, and the trainee's requests for one.

A `Review` belongs to one attempt: an overall comment, and per step a
`StepReview` with the supervisor's level (0-3) and comment. The engine's
result is never touched: the level is kept beside it, and copied into the
step's `StepResult` so that it counts (see models/results.py).

Every save makes a numbered `ReviewRevision`, a snapshot of the whole review
with who saved it and when, so an edit never loses the earlier word. The
numbers also guard against stale forms: each step (and the overall comment)
remembers the revision that last changed it, a form sends back the one it
was drawn from, and a save over somebody else's newer change is refused.
The trainee has seen the review up to `seen_version`; below `version` it is
unread.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Count, F, Q
from django.db.models.functions import Abs, Now

from ruptures.models.practice import Attempt, StepResponse
from ruptures.models.scenarios import Step

if TYPE_CHECKING:
    from ruptures.models.people import User


class ReviewQuerySet(models.QuerySet):
    def for_trainee(self, user: User) -> ReviewQuerySet:
        """Reviews of the trainee's own attempts."""
        return self.filter(attempt__trainee=user)

    def unread(self) -> ReviewQuerySet:
        """Reviews with a save the trainee has not seen yet."""
        return self.filter(seen_version__lt=F("version"))

    def for_home_notice(self) -> ReviewQuerySet:
        """What the trainee's home page names: the vignette and who reviewed, newest first."""
        return (
            self.select_related("attempt__version", "updated_by")
            .defer("attempt__version__spec", "attempt__journal")
            .order_by("-updated_at")
        )


class Review(models.Model):
    """A supervisor's review of one attempt: an overall comment and its steps' reviews."""

    attempt = models.OneToOneField(Attempt, on_delete=models.CASCADE, related_name="review")
    comment = models.TextField(blank=True)
    # The revision that last changed the overall comment (0: never written).
    comment_version = models.PositiveIntegerField(default=0)
    # The number of the latest revision: every save adds one.
    version = models.PositiveIntegerField(default=0)
    # The latest revision the trainee has seen.
    seen_version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(db_default=Now())
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ReviewQuerySet.as_manager()

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(seen_version__lte=F("version")), name="review_seen_not_ahead"
            ),
            models.CheckConstraint(
                condition=Q(comment_version__lte=F("version")), name="review_comment_not_ahead"
            ),
        ]

    def __str__(self) -> str:
        return f"Review of {self.attempt}"

    @property
    def is_unread(self) -> bool:
        return self.seen_version < self.version


class StepReviewQuerySet(models.QuerySet):
    def for_attempt(self, attempt: Attempt) -> StepReviewQuerySet:
        """The attempt's step reviews with their step and who saved them, in step order."""
        return self.filter(review__attempt=attempt).select_related("step", "updated_by")

    def levelled(self, attempts: models.QuerySet[Attempt]) -> StepReviewQuerySet:
        """The step reviews with a supervisor's level, in `attempts`."""
        return self.filter(level__isnull=False, review__attempt__in=attempts)

    def agreement_counts(self) -> models.QuerySet:
        """(step, engine level, supervisor level, count) rows: the confusion matrices' cells.

        The engine's level is that of the try the supervisor judged.
        """
        return (
            self.order_by()
            .values_list("step__name", "response__level", "level")
            .annotate(n=Count("pk"))
        )

    def largest_disagreements(self) -> StepReviewQuerySet:
        """Levels furthest from the engine's first, then the newest: where the rubric may err."""
        return (
            self.annotate(gap=Abs(F("response__level") - F("level")))
            .filter(gap__gt=0)
            .select_related("step", "response", "review__attempt__trainee")
            .select_related("review__attempt__version")
            .defer("review__attempt__version__spec", "review__attempt__journal")
            .order_by("-gap", "-updated_at", "-pk")
        )


class StepReview(models.Model):
    """The supervisor's level and comment for one step of the reviewed attempt."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="steps")
    step = models.ForeignKey(Step, on_delete=models.PROTECT, related_name="+")
    # The try the level judges: the step's best own try when it was given.
    response = models.ForeignKey(
        StepResponse, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    level = models.PositiveSmallIntegerField(null=True, blank=True)
    comment = models.TextField(blank=True)
    # The revision that last changed this step.
    version = models.PositiveIntegerField()
    updated_at = models.DateTimeField()
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = StepReviewQuerySet.as_manager()

    class Meta:
        ordering = ["step__order"]
        constraints = [
            models.UniqueConstraint(fields=["review", "step"], name="step_review_unique"),
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__lte=3), name="step_review_level_range"
            ),
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(response__isnull=False),
                name="step_review_level_judges_a_try",
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="step_review_version_gte_1"),
        ]

    def __str__(self) -> str:
        return f"{self.review} · {self.step.name}"


class ReviewRevisionQuerySet(models.QuerySet):
    def for_attempt(self, attempt: Attempt) -> ReviewRevisionQuerySet:
        """Every revision of the attempt's review with its author, newest first."""
        return self.filter(review__attempt=attempt).select_related("author").order_by("-number")


class ReviewRevision(models.Model):
    """The whole review as one save left it: who, when, and every step's level and comment."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="revisions")
    number = models.PositiveIntegerField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    saved_at = models.DateTimeField(db_default=Now())
    comment = models.TextField(blank=True)
    # {step name: {"level": 0-3 or null, "comment": "..."}} for every step reviewed so far.
    steps = models.JSONField(default=dict)

    objects = ReviewRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["review", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="review_revision_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.review}, revision {self.number}"


class ReviewRequestQuerySet(models.QuerySet):
    def open(self) -> ReviewRequestQuerySet:
        return self.filter(answered_at__isnull=True)

    def for_attempt(self, attempt: Attempt) -> ReviewRequestQuerySet:
        """The attempt's requests with their step, newest first."""
        return self.filter(attempt=attempt).select_related("step").order_by("-requested_at")


class ReviewRequest(models.Model):
    """A trainee asking their supervisor to look again at the score of one step."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="review_requests")
    step = models.ForeignKey(Step, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(blank=True)
    requested_at = models.DateTimeField(db_default=Now())
    # Set when a supervisor saves their review of the step.
    answered_at = models.DateTimeField(null=True, blank=True)

    objects = ReviewRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at"]
        constraints = [
            # A double submit cannot open a second request on the same step.
            models.UniqueConstraint(
                fields=["attempt", "step"],
                condition=Q(answered_at__isnull=True),
                name="review_request_one_open_per_step",
            ),
        ]

    def __str__(self) -> str:
        return f"Request on {self.attempt} · {self.step.name}"

    @property
    def is_open(self) -> bool:
        return self.answered_at is None
