"""What supervisors' pages read of attempts: the review queue, a trainee's list, journals.

A mixin of `AttemptQuerySet` (models/practice.py), kept apart so that the
practice models stay about practice. The review models import practice.py,
so they are imported inside the methods that need them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, F, OuterRef, Q, Subquery

from ruptures.models.choices import AttemptStatus, RuptureType
from ruptures.models.people import Cohort

if TYPE_CHECKING:
    from ruptures.models.people import User
    from ruptures.models.practice import AttemptQuerySet


def pitfall_found(name: str, prefix: str = "") -> Q:
    """A try whose pitfalls include `name` (`prefix` reaches tries through a relation).

    Searches the list's JSON text for the quoted name: JSON containment has
    no SQLite implementation, and the quotes keep "apology" from matching
    "premature_apology". PostgreSQL's jsonb text quotes its strings alike.
    """
    return Q(**{f"{prefix}pitfalls__icontains": f'"{name}"'})


class SupervisionQueries:
    def for_supervisor(self: AttemptQuerySet, user: User) -> AttemptQuerySet:
        """The attempts of the trainees in `user`'s cohorts: what their review pages reach."""
        return self.filter(trainee__in=Cohort.objects.for_supervisor(user).trainees())

    def for_review_queue(
        self: AttemptQuerySet,
        *,
        trainee: int | None = None,
        scenario: int | None = None,
        step: str | None = None,
        pitfall: str | None = None,
    ) -> AttemptQuerySet:
        """Attempts awaiting review: open requests first (oldest first), then the oldest finished.

        Awaiting: any attempt with an open review request, and finished ones
        (not foils) without a review. With `step`: requests on that step, and finished
        attempts whose step has no supervisor's level yet. With `pitfall`:
        only attempts with a try showing it (at `step`, when given).
        `requested_at` is the oldest open request's time, None without one.
        """
        from ruptures.models.reviews import ReviewRequest, StepReview

        requests = ReviewRequest.objects.open().filter(attempt=OuterRef("pk"))
        # A foil ends at recognition: it has no step to level, so it never waits.
        awaiting = Q(status=AttemptStatus.DONE) & ~Q(version__rupture_type=RuptureType.NONE)
        if step:
            requests = requests.filter(step__name=step)
            levelled = StepReview.objects.filter(
                review__attempt=OuterRef("pk"), step__name=step, level__isnull=False
            )
            awaiting &= ~Exists(levelled)
        else:
            awaiting &= Q(review=None)
        queue = self.annotate(
            requested_at=Subquery(requests.order_by("requested_at").values("requested_at")[:1])
        ).filter(Q(requested_at__isnull=False) | awaiting)
        if trainee:
            queue = queue.filter(trainee_id=trainee)
        if scenario:
            queue = queue.filter(version__scenario_id=scenario)
        if pitfall:
            queue = queue.filter(Exists(_tries_with(pitfall, step).filter(attempt=OuterRef("pk"))))
        return queue.order_by(F("requested_at").asc(nulls_last=True), "finished_at", "pk")

    def for_queue_rows(self: AttemptQuerySet) -> AttemptQuerySet:
        """What a queue row shows: trainee, vignette, and the lowest level any step records."""
        from ruptures.models.results import StepResult

        lowest = StepResult.objects.filter(attempt=OuterRef("pk")).order_by("level")
        return (
            self.select_related("trainee", "version")
            .defer("version__spec", "journal")
            .annotate(lowest_level=Subquery(lowest.values("level")[:1]))
        )

    def scenario_choices(self: AttemptQuerySet) -> list[tuple[int, str]]:
        """(scenario id, title) of the vignettes these attempts are at, by title."""
        rows = self.order_by().values_list("version__scenario", "version__scenario__title")
        return sorted(set(rows), key=lambda row: (row[1], row[0]))

    def for_trainee_page(self: AttemptQuerySet) -> AttemptQuerySet:
        """The trainee's attempts, newest first, with whether each is reviewed."""
        from ruptures.models.reviews import Review

        return (
            self.select_related("version")
            .defer("version__spec", "journal")
            .annotate(reviewed=Exists(Review.objects.filter(attempt=OuterRef("pk"))))
            .order_by("-started_at", "-pk")
        )

    def shared_journal(self: AttemptQuerySet) -> AttemptQuerySet:
        """The journal entries the trainee chose to share, newest first: all a supervisor sees."""
        return (
            self.filter(journal_shared=True)
            .exclude(journal="")
            .select_related("version")
            .defer("version__spec")
            .order_by("-started_at", "-pk")
        )

    def journal_entries(self: AttemptQuerySet) -> AttemptQuerySet:
        """Every attempt with a journal entry, newest first: the trainee's journal page."""
        return (
            self.exclude(journal="")
            .select_related("version")
            .defer("version__spec")
            .order_by("-started_at", "-pk")
        )


def _tries_with(pitfall: str, step: str | None):
    from ruptures.models.practice import StepResponse

    tries = StepResponse.objects.own_words().filter(pitfall_found(pitfall))
    return tries.filter(step__name=step) if step else tries
