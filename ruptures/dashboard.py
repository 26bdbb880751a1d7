"""The cohort dashboard: one row per trainee, read in a fixed number of queries.

Everything is counted in the database and grouped by trainee, so a cohort of
two costs what a cohort of two hundred does: the trainees with their
recognition counts and activity, the step averages (`StepResult`, the same
numbers as the trainee's progress page), the pitfall counts, the recent
levels, and the pitfalls of each trainee's last attempts. The flags' rules
are pure (`ruptures.attention`); sorting happens on the finished rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery, Window
from django.db.models.functions import RowNumber
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from ruptures import charts
from ruptures.attention import STREAK, AttentionFacts, attention_reasons
from ruptures.coaching import KindAccuracy, d_prime
from ruptures.library import RUPTURE_KINDS
from ruptures.models import (
    Attempt,
    AttemptStatus,
    Cohort,
    ReviewRequest,
    RuptureType,
    StepName,
    StepResponse,
    StepResult,
    StepReview,
    User,
)
from ruptures.models.supervision import pitfall_found
from ruptures.rubric import PITFALLS, STEPS, level_for_score
from ruptures.stats import kind_accuracies, recognition_aggregates

SPARK_POINTS = 10  # the sparkline's newest scored attempts
TOP_PITFALLS = 3


@dataclass(frozen=True)
class TraineeRow:
    trainee: User
    attempts_done: int
    last_active: datetime | None
    step_levels: Mapping[str, float | None]
    recognition: Mapping[str, KindAccuracy]
    false_alarms: int
    foil_trials: int
    d_prime: float | None
    pitfalls: tuple[tuple[str, int], ...]
    recent_levels: tuple[int, ...]
    reasons: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.trainee.get_full_name() or self.trainee.get_username()

    @property
    def false_alarm_rate(self) -> float | None:
        return self.false_alarms / self.foil_trials if self.foil_trials else None

    @property
    def sparkline(self) -> SafeString:
        # Safe: charts.sparkline writes numbers and fixed markup only.
        return mark_safe(charts.sparkline(self.recent_levels, y_max=3))


# Column key -> how a row sorts by it (None sorts last whichever the direction).
SORT_KEYS = {
    "name": lambda r: r.name.lower(),
    "attempts": lambda r: r.attempts_done,
    "active": lambda r: r.last_active,
    **{step: (lambda r, step=step: r.step_levels[step]) for step in STEPS},
    **{kind: (lambda r, kind=kind: r.recognition[kind].rate) for kind in RUPTURE_KINDS},
    "false_alarms": lambda r: r.false_alarm_rate,
    "d_prime": lambda r: r.d_prime,
    "pitfalls": lambda r: r.pitfalls[0][1] if r.pitfalls else None,
    "recent": lambda r: r.recent_levels[-1] if r.recent_levels else None,
    "attention": lambda r: len(r.reasons),
}
COLUMN_LABELS = {
    "name": "Trainee",
    "attempts": "Attempts done",
    "active": "Last active",
    **dict(StepName.choices),
    **{kind: f"{RuptureType(kind).label} named" for kind in RUPTURE_KINDS},
    "false_alarms": "False alarms on foils",
    "d_prime": "d′",
    "pitfalls": "Most frequent pitfalls",
    "recent": "Recent levels",
    "attention": "Needs attention",
}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    query: str  # the query string that sorts by this column (the other way when sorted)
    aria_sort: str  # "ascending", "descending" or "none"


@dataclass(frozen=True)
class DashboardTable:
    rows: list[TraineeRow]
    sort: str
    descending: bool
    cohort: int | None

    @property
    def columns(self) -> list[Column]:
        columns = []
        for key, label in COLUMN_LABELS.items():
            current = key == self.sort
            descending = not self.descending if current else False
            params = {"sort": key, "dir": "desc" if descending else "asc"}
            if self.cohort is not None:
                params["cohort"] = self.cohort
            aria = ("descending" if self.descending else "ascending") if current else "none"
            columns.append(Column(key, label, urlencode(params), aria))
        return columns


def cohort_table(supervisor: User, params: Mapping[str, str]) -> DashboardTable:
    """The dashboard rows for `supervisor`'s cohorts (one cohort with `?cohort=`), sorted."""
    cohorts = Cohort.objects.for_supervisor(supervisor)
    cohort = params.get("cohort", "")
    cohort_id = int(cohort) if cohort.isdigit() else None
    if cohort_id is not None:
        cohorts = cohorts.filter(pk=cohort_id)
    sort = params.get("sort", "")
    if sort not in SORT_KEYS:
        sort = "name"
    descending = params.get("dir") == "desc"
    rows = trainee_rows(cohorts.trainees())
    return DashboardTable(
        sort_rows(rows, sort, descending=descending), sort, descending, cohort_id
    )


def sort_rows(rows: list[TraineeRow], sort: str, *, descending: bool) -> list[TraineeRow]:
    """Flagged trainees first, then by the column; missing values last either way."""
    key = SORT_KEYS[sort]
    present = [r for r in rows if key(r) is not None]
    missing = [r for r in rows if key(r) is None]
    present.sort(key=lambda r: (key(r), r.name.lower()), reverse=descending)
    ordered = present + sorted(missing, key=lambda r: r.name.lower())
    return sorted(ordered, key=lambda r: not r.reasons)  # stable: keeps the column order


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
    rows = _newest(scored, SPARK_POINTS).values_list("trainee", "started_at", "pk", "total_score")
    levels: defaultdict[int, tuple[int, ...]] = defaultdict(tuple)
    for trainee, *_, total in sorted(rows):  # oldest first, as the line runs
        levels[trainee] += (level_for_score(total),)
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
