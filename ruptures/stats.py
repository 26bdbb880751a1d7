"""A trainee's progress read from the database in a fixed number of queries.

The counting happens in SQL (aggregates, GROUP BY) and the arithmetic in the
pure `ruptures.coaching`, so the page costs the same number of queries after
three attempts or three hundred.
"""

from __future__ import annotations

from collections import Counter

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce

from ruptures.coaching import (
    AttemptSummary,
    Candidate,
    KindAccuracy,
    Recommendation,
    TraineeStats,
    recommend,
)
from ruptures.library import RUPTURE_KINDS
from ruptures.models import Attempt, RuptureType, Scenario, StepResponse, StepResult, User
from ruptures.rubric import level_for_score, pitfall_label
from ruptures.rubric.types import STEPS
from ruptures.services.rubrics import rubric_of

# How many of the newest attempts feed the level chart and the difficulty rules;
# more would not fit the chart, and the rules look only at the last few.
RECENT_ATTEMPTS = 20


def recognition_aggregates(prefix: str = "") -> dict[str, Count]:
    """Attempt totals and the detection-table cells, as aggregates over attempts.

    `prefix` reaches the attempts through a relation: "attempts__" counts per
    user, so the cohort dashboard counts exactly as the progress page does.
    """

    def q(**lookups: object) -> Q:
        return Q(**{prefix + lookup: value for lookup, value in lookups.items()})

    foil = q(version__rupture_type=RuptureType.NONE)
    answered = q(said_rupture__isnull=False)
    said_yes, said_no = q(said_rupture=True), q(said_rupture=False)
    pk = f"{prefix}pk"
    counts = {
        "attempts_total": Count(pk),
        "hits": Count(pk, filter=~foil & said_yes),
        "misses": Count(pk, filter=~foil & said_no),
        "false_alarms": Count(pk, filter=foil & said_yes),
        "correct_rejections": Count(pk, filter=foil & said_no),
    }
    for kind in RUPTURE_KINDS:
        of_kind = q(version__rupture_type=kind)
        counts[f"{kind}_total"] = Count(pk, filter=of_kind & answered)
        counts[f"{kind}_correct"] = Count(pk, filter=of_kind & said_yes & q(said_type=kind))
    return counts


def kind_accuracies(counts: dict[str, int]) -> tuple[KindAccuracy, ...]:
    """Each rupture kind's accuracy from `recognition_aggregates` results."""
    return tuple(
        KindAccuracy(kind, counts[f"{kind}_correct"], counts[f"{kind}_total"])
        for kind in RUPTURE_KINDS
    )


def _recognition_counts(user: User) -> dict[str, int]:
    """One aggregate over all attempts: totals and the detection-table cells."""
    return Attempt.objects.for_trainee(user).aggregate(**recognition_aggregates())


def _step_levels(user: User) -> tuple[tuple[str, float | None], ...]:
    """Each step's mean recorded level over the attempts (see StepResult.average_levels)."""
    rows = StepResult.objects.for_trainee(user).average_levels()
    averages = {row["step__name"]: row["average"] for row in rows}
    return tuple((step, averages.get(step)) for step in STEPS)


def _pitfall_counts(user: User) -> tuple[tuple[tuple[str, int], ...], dict[str, str]]:
    """Each pitfall's count, most frequent first, and its label as the newest try found it."""
    # Counting inside JSON arrays has no portable SQL (json_each on SQLite,
    # jsonb_array_elements on PostgreSQL), so one query fetches just the lists.
    rows = (
        StepResponse.objects.for_trainee(user)
        .own_words()
        .exclude(pitfalls=[])
        .values_list("pk", "pitfalls", "rubric_version")
        .order_by()  # nor sort: the default ordering joins attempts and steps for it
    )
    counts: Counter[str] = Counter()
    newest: dict[str, tuple[int, str]] = {}
    for pk, names, version in rows:
        counts.update(names)
        for name in names:
            if pk > newest.get(name, (0, ""))[0]:
                newest[name] = (pk, version)
    labels = {
        name: pitfall_label(name, rubric_of(version)) for name, (_, version) in newest.items()
    }
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], item[0]))), labels


def _recent_attempts(user: User) -> tuple[AttemptSummary, ...]:
    # An attempt's level is its total read in the bands of its newest try's rubric.
    rows = (
        Attempt.objects.for_trainee(user)
        .with_rubric()
        .order_by("-started_at", "-pk")
        .values(
            "rubric",
            "started_at",
            "finished_at",
            "version__difficulty",
            "version__rupture_type",
            "difficulty_rating",
            "total_score",
            "said_rupture",
            "said_type",
        )[:RECENT_ATTEMPTS]
    )
    return tuple(_summary(row) for row in reversed(rows))


def _summary(row: dict) -> AttemptSummary:
    kind = row["version__rupture_type"]
    said = row["said_rupture"]
    if said is None:
        recognised = None
    elif kind == RuptureType.NONE:
        recognised = not said
    else:
        recognised = said and row["said_type"] == kind
    score = row["total_score"]
    return AttemptSummary(
        started_at=row["started_at"],
        finished_at=row["finished_at"],
        difficulty=row["version__difficulty"],
        rupture_type=kind,
        rating=row["difficulty_rating"],
        level=None if score is None else level_for_score(score, rubric_of(row["rubric"])),
        recognised=recognised,
    )


def trainee_stats(user: User) -> TraineeStats:
    """The trainee's own progress, in four queries whatever the amount of data."""
    counts = _recognition_counts(user)
    pitfalls, pitfall_labels = _pitfall_counts(user)
    return TraineeStats(
        attempts_total=counts["attempts_total"],
        step_levels=_step_levels(user),
        recognition=kind_accuracies(counts),
        hits=counts["hits"],
        misses=counts["misses"],
        false_alarms=counts["false_alarms"],
        correct_rejections=counts["correct_rejections"],
        pitfalls=pitfalls,
        recent=_recent_attempts(user),
        pitfall_labels=pitfall_labels,
    )


def _candidates(user: User) -> list[Candidate]:
    """The scenarios on the trainee's practice list, with their attempt counts."""
    attempts = (
        Attempt.objects.for_trainee(user)
        .filter(version__scenario=OuterRef("pk"))
        .values("version__scenario")
        .annotate(n=Count("pk"))
        .values("n")
    )
    rows = (
        Scenario.objects.for_trainee(user)
        .annotate(attempts_done=Coalesce(Subquery(attempts), 0))
        .values("slug", "title", "difficulty", "rupture_type", "attempts_done")
    )
    return [Candidate(**row) for row in rows]


def recommended_next(user: User, *, stats: TraineeStats | None = None) -> Recommendation | None:
    """The vignette the trainee should do next, or None when nothing is published.

    Pass `stats` when the caller already has them, to save their queries.
    """
    if stats is None:
        stats = trainee_stats(user)
    return recommend(stats, _candidates(user))
