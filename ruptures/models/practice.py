"""What trainees do: attempts, scored responses and drafts (reviews: models/reviews.py)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection, models
from django.db.models import F, Max, OuterRef, Q, Subquery
from django.db.models.functions import Now
from django.urls import reverse

from ruptures.models.choices import AttemptStatus, DifficultyRating, RuptureType, _in
from ruptures.models.rows import Columns
from ruptures.models.scenarios import ScenarioVersion, Step
from ruptures.models.supervision import SupervisionQueries, pitfall_found
from ruptures.recognition import RecognitionResult, score_recognition

if TYPE_CHECKING:
    from ruptures.models.people import User


class AttemptQuerySet(SupervisionQueries, models.QuerySet):
    def for_trainee(self, user: User) -> AttemptQuerySet:
        """The trainee's own attempts: the only ones the practice pages may touch."""
        return self.filter(trainee=user)

    def finished(self) -> AttemptQuerySet:
        return self.filter(status=AttemptStatus.DONE)

    def with_rubric(self) -> AttemptQuerySet:
        """Each attempt with `rubric`: the rubric version of its newest try (None before one).

        Its total reads as a level in that version's bands (services.rubrics.rubric_of).
        """
        newest = StepResponse.objects.filter(attempt=OuterRef("pk")).order_by("-pk")
        return self.annotate(rubric=Subquery(newest.values("rubric_version")[:1]))

    def for_practice_home(self) -> models.QuerySet:
        """Rows, one per scenario: the best finished total and the newest open attempt.

        `best_rubric` is the rubric version of the best attempt's newest try,
        whose bands the best total reads in. Grouped by trainee as well (the
        caller asks for one trainee's), so that the subquery can name them.
        """
        done = Q(status=AttemptStatus.DONE)
        best_try = StepResponse.objects.filter(
            attempt__trainee=OuterRef("trainee"),
            attempt__version__scenario=OuterRef("version__scenario"),
            attempt__status=AttemptStatus.DONE,
        ).order_by("-attempt__total_score", "-pk")
        return (
            self.values("version__scenario", "trainee")
            .annotate(
                best=Max("total_score", filter=done),
                open_attempt=Max("id", filter=~done),
                best_rubric=Subquery(best_try.values("rubric_version")[:1]),
            )
            .order_by()
        )

    def history_of(self, attempt: Attempt) -> AttemptQuerySet:
        """The other finished attempts at the same scenario (any version), newest first."""
        return (
            self.finished()
            .filter(version__scenario=attempt.version.scenario_id)
            .exclude(pk=attempt.pk)
            .order_by("-started_at")
            .only("pk", "started_at", "total_score", "recognition_score")
        )

    def visible_to(self, user: User) -> AttemptQuerySet:
        """Trainees see their own attempts, supervisors their cohorts', admins all."""
        if user.is_program_admin:
            return self
        if user.is_supervisor:
            return self.filter(trainee__cohorts__supervisor=user).distinct()
        return self.for_trainee(user)


class Attempt(models.Model):
    """A trainee working one scenario version: recognition, then the steps."""

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
    # The trainee's choice: their supervisor sees the journal entry only when True.
    journal_shared = models.BooleanField(default=False)
    difficulty_rating = models.CharField(max_length=12, choices=DifficultyRating, blank=True)
    started_at = models.DateTimeField(db_default=Now())
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        indexes = [models.Index(fields=["trainee", "-started_at"])]
        constraints = [
            # Starting twice (a double click) reuses the unanswered attempt.
            models.UniqueConstraint(
                fields=["trainee", "version"],
                condition=Q(status=AttemptStatus.RECOGNISING),
                name="attempt_one_unanswered_per_version",
            ),
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

    @property
    def is_done(self) -> bool:
        return self.status == AttemptStatus.DONE

    def recognition(self) -> RecognitionResult | None:
        """The scored recognition answer, or None before the trainee has answered."""
        if self.said_rupture is None:
            return None
        return score_recognition(
            truth=self.version.rupture_type,
            markers=self.version.markers,
            said_rupture=self.said_rupture,
            said_type=self.said_type,
            said_markers=self.said_markers,
        )


class StepResponseQuerySet(models.QuerySet):
    def for_trainee(self, user: User) -> StepResponseQuerySet:
        """The responses in the trainee's own attempts."""
        return self.filter(attempt__in=Attempt.objects.for_trainee(user).values("pk"))

    def own_words(self) -> StepResponseQuerySet:
        """The tries in the trainee's own words: copies of an exemplar never count."""
        return self.filter(copy_of="")

    def with_pitfall(self, name: str) -> StepResponseQuerySet:
        """The tries in which the engine found pitfall `name`."""
        return self.filter(pitfall_found(name))

    def for_attempt_page(self) -> StepResponseQuerySet:
        """Every try with its step's name, in step then try order: what attempt pages draw."""
        return self.annotate(step_name=F("step__name")).order_by("step__order", "try_number")

    def tries_of(self, attempt: Attempt, *, shown: int | None = None) -> list[StepResponse]:
        """`attempt.responses.for_attempt_page()`, read with plain SQL.

        The trainee's attempt and step pages read this on every step submit,
        where the ORM took longer to compose the query than to run it. A step
        page draws whole only the tries of the step it shows (the Step id
        `shown`); of the others' it reads what the step navigation says (see
        `TRY_NAVIGATION`), their other fields deferred.
        """
        with connection.cursor() as cursor:
            cursor.execute(
                _tries_sql(connection.vendor, shown is not None),
                {"attempt": attempt.pk, "shown": shown},
            )
            return [try_from_row(row, shown) for row in cursor.fetchall()]

    def visible_to(self, user: User) -> StepResponseQuerySet:
        """The responses of the attempts `user` may see (see AttemptQuerySet.visible_to)."""
        if user.is_program_admin:
            return self
        # A subquery, not a join: a trainee in two of the supervisor's cohorts
        # would otherwise appear twice.
        return self.filter(attempt__in=Attempt.objects.visible_to(user).values("pk"))


@cache
def _tries_sql(vendor: str, shown: bool) -> str:
    quote = connection.ops.quote_name
    return (
        f"SELECT {try_columns(shown)}"
        f" FROM {StepResponse._meta.db_table} r"
        f" JOIN {Step._meta.db_table} s ON s.id = r.step_id"
        f" WHERE r.attempt_id = %(attempt)s ORDER BY s.{quote('order')}, r.try_number"
    )


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
    # The exemplar this try copies ('' for the trainee's own words). A copy is
    # kept and shown, but counts neither as the step's best nor in progress.
    copy_of = models.TextField(blank=True, default="")
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


_RESPONSE = Columns(StepResponse, "r")
# What a step page's navigation says of a step (its tries, their best level;
# copies do not count). The rest of a try (its text and the engine's details:
# most of the row, and JSON to decode) is read of the shown step's tries only.
TRY_NAVIGATION = ("id", "attempt", "step", "try_number", "score", "level", "copy_of")
_NAVIGATION = Columns(StepResponse, "r", only=TRY_NAVIGATION)
_NAVIGATION_AT = [i for i, f in enumerate(_RESPONSE.fields) if f.name in TRY_NAVIGATION]
_STEP_AT = next(i for i, f in enumerate(_RESPONSE.fields) if f.name == "step")


def try_columns(shown: bool) -> str:
    """A try's columns in a SELECT from `r` joined to its step `s`, then the step's name.

    With `shown`, the columns beyond `TRY_NAVIGATION` are NULL but on the
    tries of the Step whose id is the parameter `%(shown)s`.
    """
    quote = connection.ops.quote_name
    columns = []
    for field in _RESPONSE.fields:
        column = f"r.{quote(field.column)}"
        if shown and field.name not in TRY_NAVIGATION:
            column = f"CASE WHEN r.step_id = %(shown)s THEN {column} END"
        columns.append(column)
    return ", ".join([*columns, "s.name"])


def try_from_row(row: Sequence[Any], shown: int | None) -> StepResponse:
    """The try in a row that starts with `try_columns(shown is not None)`, with its `step_name`."""
    if shown is None or row[_STEP_AT] == shown:
        response = _RESPONSE.instance(row, 0, connection)
    else:
        response = _NAVIGATION.instance([row[i] for i in _NAVIGATION_AT], 0, connection)
    response.step_name = row[len(_RESPONSE)]
    return response


class StepDraftQuerySet(models.QuerySet):
    def text_for(self, *, attempt: Attempt, step: Step, try_number: int) -> str:
        """The autosaved text of the step's coming try; a draft of a submitted try is spent."""
        text = (
            self.filter(attempt=attempt, step=step, try_number__gte=try_number)
            .values_list("text", flat=True)
            .first()
        )
        return text or ""


class StepDraft(models.Model):
    """The autosaved text of a step's next try, so a reload never loses typing."""

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="drafts")
    step = models.ForeignKey(Step, on_delete=models.CASCADE, related_name="+")
    try_number = models.PositiveSmallIntegerField(default=1)
    text = models.TextField(blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = StepDraftQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["attempt", "step"], name="step_draft_unique")
        ]

    def __str__(self) -> str:
        return f"Draft of {self.attempt} · {self.step.name}"
