"""The cohort dashboard's numbers, read in a fixed number of queries.

Everything is counted in the database and grouped by trainee, so a cohort of
two costs what a cohort of two hundred does: the trainees with their
recognition counts and activity, the step averages (`StepResult`, the same
numbers as the trainee's progress page), the pitfall counts, the recent
levels, and the pitfalls of each trainee's last attempts. The flags' rules
are pure (`ruptures.attention`).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from ruptures.attention import STREAK, AttentionFacts, attention_reasons
from ruptures.coaching import d_prime
from ruptures.dashboard.rows import TraineeRow
from ruptures.models import (
    Attempt,
    AttemptStatus,
    ReviewRequest,
    RuptureType,
    StepResponse,
    StepResult,
    StepReview,
    User,
)
from ruptures.models.supervision import pitfall_found
from ruptures.rubric import PITFALLS, STEPS, level_for_score
from ruptures.services.rubrics import rubric_of
from ruptures.stats import kind_accuracies, recognition_aggregates

SPARK_POINTS = 10  # the sparkline's newest scored attempts
TOP_PITFALLS = 3


def trainee_rows(trainees: QuerySet[User]) -> list[TraineeRow]:
    """One row per trainee, in five queries whatever their number and history."""
    people = list(_with_counts(trainees).order_by("pk"))
    steps = _step_levels(trainees)
    pitfalls = _pitfalls(trainees)
    recent = _recent_levels(trainees)
    streaks = _recent_pitfalls(trainees)
    now = timezone.now()
    return [
        _row(person, steps[person.pk], pitfalls[person.pk], recent[person.pk], streaks, now)
        for person in people
    ]


def _row(person, step_levels, pitfalls, recent_levels, streaks, now) -> TraineeRow:
    counts = {name: getattr(person, name) for name in recognition_aggregates()}
    recognition = {acc.kind: acc for acc in kind_accuracies(counts)}
    last_active = max(
        (t for t in (person.last_started, person.last_submitted) if t is not None), default=None
    )
    facts = AttentionFacts(
        joined=person.date_joined,
        last_active=last_active,
        withdrawal=recognition["withdrawal"],
        harmful_unreviewed=person.harmful_unreviewed or 0,
        open_requests=person.open_requests or 0,
        recent_pitfalls=streaks.get(person.pk, ()),
    )
    return TraineeRow(
        trainee=person,
        attempts_done=person.attempts_done,
        last_active=last_active,
        step_levels={step: step_levels.get(step) for step in STEPS},
        recognition=recognition,
        false_alarms=counts["false_alarms"],
        foil_trials=counts["false_alarms"] + counts["correct_rejections"],
        d_prime=d_prime(
            counts["hits"], counts["misses"], counts["false_alarms"], counts["correct_rejections"]
        ),
        pitfalls=pitfalls[:TOP_PITFALLS],
        recent_levels=recent_levels,
        reasons=attention_reasons(facts, now=now),
    )


def _count_per_trainee(rows: QuerySet, trainee_field: str) -> Subquery:
    """The number of `rows` belonging to the outer trainee, as a subquery (None for none)."""
    return Subquery(
        rows.filter(**{trainee_field: OuterRef("pk")})
        .order_by()
        .values(trainee_field)
        .annotate(n=Count("pk"))
        .values("n")
    )


def _with_counts(trainees: QuerySet[User]) -> QuerySet[User]:
    """The trainees, each with the recognition counts, activity and what awaits review."""
    # Reviewed: the supervisor has given that step of that attempt a level.
    levelled = StepReview.objects.filter(review__attempt=OuterRef("attempt"), level__isnull=False)
    harmful = (
        StepResponse.objects.own_words().filter(level=0).exclude(step__in=levelled.values("step"))
    )
    last_try = StepResponse.objects.filter(attempt__trainee=OuterRef("pk")).order_by(
        "-submitted_at"
    )
    return trainees.annotate(
        **recognition_aggregates("attempts__"),
        attempts_done=Count("attempts", filter=Q(attempts__status=AttemptStatus.DONE)),
        last_started=Max("attempts__started_at"),
        last_submitted=Subquery(last_try.values("submitted_at")[:1]),
        open_requests=_count_per_trainee(ReviewRequest.objects.open(), "attempt__trainee"),
        harmful_unreviewed=_count_per_trainee(harmful, "attempt__trainee"),
    )


def _step_levels(trainees: QuerySet[User]) -> defaultdict[int, dict[str, float]]:
    levels: defaultdict[int, dict[str, float]] = defaultdict(dict)
    rows = StepResult.objects.filter(attempt__trainee__in=trainees).average_levels(
        "attempt__trainee"
    )
    for row in rows:
        levels[row["attempt__trainee"]][row["step__name"]] = row["average"]
    return levels


def _pitfall_counts() -> dict[str, Count]:
    # One conditional count per pitfall: counted in the database, portably.
    return {name: Count("pk", filter=pitfall_found(name)) for name in PITFALLS}


def _pitfalls(trainees: QuerySet[User]) -> defaultdict[int, tuple[tuple[str, int], ...]]:
    rows = (
        StepResponse.objects.own_words()
        .filter(attempt__trainee__in=trainees)
        .order_by()
        .values("attempt__trainee")
        .annotate(**_pitfall_counts())
    )
    result: defaultdict[int, tuple[tuple[str, int], ...]] = defaultdict(tuple)
    for row in rows:
        found = [(name, row[name]) for name in PITFALLS if row[name]]
        result[row["attempt__trainee"]] = tuple(sorted(found, key=lambda p: (-p[1], p[0])))
    return result


def _newest(attempts: QuerySet[Attempt], limit: int) -> QuerySet[Attempt]:
    """Each trainee's `limit` newest of `attempts` (a window function, filtered in SQL)."""
    return attempts.annotate(
        position=Window(
            RowNumber(),
            partition_by=F("trainee"),
            order_by=[F("started_at").desc(), F("pk").desc()],
        )
    ).filter(position__lte=limit)


def _recent_levels(trainees: QuerySet[User]) -> defaultdict[int, tuple[int, ...]]:
    scored = Attempt.objects.filter(trainee__in=trainees, total_score__isnull=False)
    # Each total reads in the bands of the rubric its attempt was last scored with.
    rows = _newest(scored.with_rubric(), SPARK_POINTS).values_list(
        "trainee", "started_at", "pk", "total_score", "rubric"
    )
    levels: defaultdict[int, tuple[int, ...]] = defaultdict(tuple)
    for trainee, *_, total, rubric in sorted(rows):  # oldest first, as the line runs
        levels[trainee] += (level_for_score(total, rubric_of(rubric)),)
    return levels


def _recent_pitfalls(trainees: QuerySet[User]) -> dict[int, tuple[frozenset[str], ...]]:
    """The pitfalls of each trainee's STREAK newest finished attempts, newest first."""
    finished = Attempt.objects.filter(trainee__in=trainees, status=AttemptStatus.DONE).exclude(
        version__rupture_type=RuptureType.NONE  # a foil has no steps, so no pitfalls
    )
    newest = _newest(finished, STREAK).values("pk")
    rows = (
        StepResponse.objects.own_words()
        .filter(attempt__in=newest)
        .order_by()
        .values("attempt__trainee", "attempt__started_at", "attempt")
        .annotate(**_pitfall_counts())
    )
    by_trainee: defaultdict[int, list[tuple[datetime, int, frozenset[str]]]] = defaultdict(list)
    for row in rows:
        found = frozenset(name for name in PITFALLS if row[name])
        by_trainee[row["attempt__trainee"]].append(
            (row["attempt__started_at"], row["attempt"], found)
        )
    return {
        trainee: tuple(found for *_, found in sorted(attempts, reverse=True))
        for trainee, attempts in by_trainee.items()
    }
