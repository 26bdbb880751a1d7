"""Each step's recorded result in an attempt: the level and score that count.

The engine scores every try and its verdict is never changed afterwards (it
stays on the StepResponse). A supervisor may give a step a level of their
own. What *counts* — the attempt's total, the trainee's progress, the
recommendation rules, the cohort dashboard — is the step's *recorded* level:
the supervisor's where one exists, else the engine's level of the best try
in the trainee's own words.

Working that out at read time means a best-try-per-step subquery joined with
the reviews on every page. Instead one `StepResult` row per (attempt, step)
holds it, derived and kept current in the same transaction as whatever
changes it, under the attempt's row lock: a new try (`record_try`, called by
`services.attempts`) or a review (`services.reviews`). Every reader is then a
plain aggregate over one table. A step with copied exemplars only has no row:
a copy counts nowhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from django.db import connection, models
from django.db.models import Avg, Q

from ruptures.models.practice import Attempt, StepResponse
from ruptures.models.rows import Insert
from ruptures.models.scenarios import Step
from ruptures.rubric import default_rubric

if TYPE_CHECKING:
    from ruptures.models.people import User


def level_band(level: int, bands: Sequence[int] | None = None) -> tuple[int, int]:
    """The lowest and highest score of a level's band in `bands` (default: the packaged ones)."""
    bands = default_rubric().bands if bands is None else bands
    low = bands[level - 1] if level > 0 else 0
    high = bands[level] - 1 if level < len(bands) else 100
    return low, high


def recorded(
    *,
    engine_level: int,
    engine_score: int,
    reviewed_level: int | None,
    bands: Sequence[int] | None = None,
) -> tuple[int, int]:
    """The (level, score) a step counts with.

    The supervisor's level wins. Its score is the engine's moved as little as
    possible into that level's band (in `bands`, those of the rubric the
    engine's score was made with), so a review that agrees changes nothing
    and one that disagrees moves the total no further than the level implies.
    """
    if reviewed_level is None or reviewed_level == engine_level:
        return engine_level, engine_score
    low, high = level_band(reviewed_level, bands)
    return reviewed_level, min(max(engine_score, low), high)


class StoredResult(NamedTuple):
    """What a step's StepResult holds, as `record_try` compares a new try with it."""

    pk: int
    reviewed_level: int | None
    score: int  # of the best try
    try_number: int  # of the best try


# `record_try` reads the stored result itself unless its caller has.
UNREAD = object()


class StepResultQuerySet(models.QuerySet):
    def for_trainee(self, user: User) -> StepResultQuerySet:
        return self.filter(attempt__trainee=user)

    def average_levels(self, *group_by: str) -> models.QuerySet:
        """Mean recorded level per step (and per `group_by` fields), as value rows.

        One row per attempt and step, so the mean is over attempts of each
        step's best: retrying a step never pulls its average down.
        """
        return (
            self.values(*group_by, "step__name")
            .annotate(average=Avg("level"))
            .order_by()  # the default ordering would add its fields to the GROUP BY
        )

    def record_try(
        self, response: StepResponse, *, stored: StoredResult | None | object = UNREAD
    ) -> None:
        """Count `response` if it is the step's new best try in the trainee's own words.

        The caller holds the attempt's row lock (see services.attempts), so the
        read and the write below cannot interleave with another try or a review.
        Of equal scores the later try is the best, as on the trainee's pages.
        `stored` is the step's result as the caller read it under that lock
        (None: the step has none yet); by default it is read here.
        """
        if response.copy_of:
            return
        if stored is UNREAD:
            # Only the numbers compared: the best try's text and feedback stay in the database.
            stored = (
                self.filter(attempt_id=response.attempt_id, step_id=response.step_id)
                .values_list("pk", "reviewed_level", "response__score", "response__try_number")
                .first()
            )
        # The writes in plain SQL, as the step submit's reads: through the ORM
        # they cost more CPU than the database spent on them.
        if stored is None:
            result = StepResult(
                attempt_id=response.attempt_id, step_id=response.step_id, response=response
            )
            result.record()
            _insert_result(result, connection)
            return
        pk, reviewed_level, *best = stored
        if (response.score, response.try_number) < tuple(best):
            return
        result = StepResult(pk=pk, response=response, reviewed_level=reviewed_level)
        result.record()
        with connection.cursor() as cursor:
            cursor.execute(_UPDATE_BEST, [response.pk, result.level, result.score, pk])


class StepResult(models.Model):
    """One step of one attempt: its best own try, the supervisor's level, what counts."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="results")
    step = models.ForeignKey(Step, on_delete=models.PROTECT, related_name="+")
    # The engine's best try in the trainee's own words.
    response = models.ForeignKey(StepResponse, on_delete=models.CASCADE, related_name="+")
    # The supervisor's level, copied from their StepReview by services.reviews.
    reviewed_level = models.PositiveSmallIntegerField(null=True, blank=True)
    level = models.PositiveSmallIntegerField()  # recorded
    score = models.PositiveSmallIntegerField()  # recorded

    objects = StepResultQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "step"], name="step_result_unique"),
            models.CheckConstraint(condition=Q(level__lte=3), name="step_result_level_range"),
            models.CheckConstraint(condition=Q(score__lte=100), name="step_result_score_range"),
            models.CheckConstraint(
                condition=Q(reviewed_level__isnull=True) | Q(reviewed_level__lte=3),
                name="step_result_reviewed_level_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.attempt} · {self.step.name}: level {self.level}"

    def record(self) -> None:
        """Set the recorded level and score from the best try and the supervisor's level."""
        bands = None
        if self.reviewed_level is not None and self.reviewed_level != self.response.level:
            # Imported here: the services import the models. Cached per process by
            # hash, and the rubric that just scored a try is in the cache already.
            from ruptures.services.rubrics import rubric_of

            bands = rubric_of(self.response.rubric_version).bands
        self.level, self.score = recorded(
            engine_level=self.response.level,
            engine_score=self.response.score,
            reviewed_level=self.reviewed_level,
            bands=bands,
        )

    @property
    def is_reviewed(self) -> bool:
        return self.reviewed_level is not None


_insert_result = Insert(StepResult)
_UPDATE_BEST = (
    f"UPDATE {StepResult._meta.db_table} SET response_id = %s, level = %s, score = %s"
    " WHERE id = %s"
)
