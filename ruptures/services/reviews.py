"""Writes of the review loop: a supervisor's review, a trainee's request for one, reading it.

`review_save` is the one way a review changes, whether one step is saved
(with htmx) or the whole form (without): it locks the attempt, refuses the
save when a part it changes was saved by someone else since the form was
drawn (`StaleReview`, nothing written), then writes the changed parts, copies
each level into the step's `StepResult` so that it counts, recomputes the
attempt's total, answers the trainee's requests on the saved steps and keeps
the whole review as a new numbered revision. All in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from ruptures.models import (
    Attempt,
    Review,
    ReviewRequest,
    ReviewRevision,
    Step,
    StepResult,
    StepReview,
    User,
)
from ruptures.services.attempts import attempt_update_totals

OVERALL = "overall"  # names the overall comment where step names name steps


@dataclass(frozen=True)
class StepInput:
    """What the form says about one step, and the step review's version it was drawn from."""

    level: int | None
    comment: str
    version: int  # 0: the step had no review when the form was drawn


@dataclass(frozen=True)
class CommentInput:
    """The overall comment, and the version of it the form was drawn from."""

    comment: str
    version: int


class StaleReview(Exception):
    """Parts of the review were saved by someone else since the form was drawn.

    `parts` names them (step names, or OVERALL); nothing was saved.
    """

    def __init__(self, parts: list[str]) -> None:
        super().__init__(f"saved meanwhile: {', '.join(parts)}")
        self.parts = parts


class NothingToLevel(ValueError):
    """A level was given to a step without a try in the trainee's own words."""


@transaction.atomic
def review_save(
    *,
    attempt: Attempt,
    reviewer: User,
    steps: Mapping[str, StepInput],
    overall: CommentInput | None = None,
) -> Review | None:
    """Save the given steps (and the overall comment, when given) as one new revision.

    A part whose content equals what is stored is left alone, so a resent
    form changes nothing and makes no revision. Raises StaleReview when a
    part to change was saved meanwhile by anyone (the same supervisor in
    another tab too): the caller shows what is stored now and lets them decide.
    Returns the review, or None when there is none: nothing was given yet.
    """
    Attempt.objects.select_for_update().filter(pk=attempt.pk).values_list("pk").get()
    review = Review.objects.filter(attempt=attempt).first()
    stored = {
        sr.step.name: sr
        for sr in StepReview.objects.filter(review__attempt=attempt).select_related("step")
    }
    changed = _changed_steps(steps, stored)
    comment_changed = overall is not None and overall.comment != (review.comment if review else "")
    stale = [name for name, given in changed.items() if given.version != _version(stored, name)]
    if comment_changed and overall.version != (review.comment_version if review else 0):
        stale.append(OVERALL)
    if stale:
        raise StaleReview(stale)
    now = timezone.now()
    if changed or comment_changed:
        review = _review_bump(review, attempt=attempt, reviewer=reviewer, now=now)
        if comment_changed:
            review.comment, review.comment_version = overall.comment, review.version
        review.save()
        _steps_write(attempt, review, changed, stored, reviewer=reviewer, now=now)
        _revision_create(review, stored, author=reviewer)
    if review is not None:
        reviewed = [name for name in steps if name in changed or name in stored]
        ReviewRequest.objects.open().filter(attempt=attempt, step__name__in=reviewed).update(
            answered_at=now
        )
    return review


def _version(stored: Mapping[str, StepReview], name: str) -> int:
    return stored[name].version if name in stored else 0


def _changed_steps(
    steps: Mapping[str, StepInput], stored: Mapping[str, StepReview]
) -> dict[str, StepInput]:
    changed = {}
    for name, given in steps.items():
        current = stored.get(name)
        now = (current.level, current.comment) if current else (None, "")
        if (given.level, given.comment) != now:
            changed[name] = given
    return changed


def _review_bump(review: Review | None, *, attempt: Attempt, reviewer: User, now) -> Review:
    if review is None:
        review = Review(attempt=attempt)
    review.version += 1
    review.updated_at, review.updated_by = now, reviewer
    return review


def _steps_write(
    attempt: Attempt,
    review: Review,
    changed: Mapping[str, StepInput],
    stored: dict[str, StepReview],
    *,
    reviewer: User,
    now,
) -> None:
    """Write the changed step reviews and make their levels count."""
    if not changed:
        return
    step_ids = dict(
        Step.objects.filter(version_id=attempt.version_id, name__in=changed).values_list(
            "name", "pk"
        )
    )
    results = {
        r.step_id: r
        for r in StepResult.objects.filter(
            attempt=attempt, step_id__in=step_ids.values()
        ).select_related("response")
    }
    totals_change = False
    for name, given in changed.items():
        result = results.get(step_ids[name])
        if given.level is not None and result is None:
            raise NothingToLevel(name)
        step_review = stored.get(name) or StepReview(review=review, step_id=step_ids[name])
        step_review.level, step_review.comment = given.level, given.comment
        step_review.response = result.response if given.level is not None else None
        step_review.version = review.version
        step_review.updated_at, step_review.updated_by = now, reviewer
        step_review.save()
        stored[name] = step_review
        totals_change |= _result_review(result, given.level)
    if totals_change:
        attempt_update_totals(attempt)


def _result_review(result: StepResult | None, level: int | None) -> bool:
    """Make the supervisor's level the step's recorded one; whether anything changed."""
    if result is None or result.reviewed_level == level:
        return False
    result.reviewed_level = level
    result.record()
    result.save(update_fields=["reviewed_level", "level", "score"])
    return True


def _revision_create(review: Review, stored: Mapping[str, StepReview], *, author: User) -> None:
    """Keep the whole review as this save left it."""
    ReviewRevision.objects.create(
        review=review,
        number=review.version,
        author=author,
        comment=review.comment,
        steps={
            name: {"level": step_review.level, "comment": step_review.comment}
            for name, step_review in stored.items()
        },
    )


def review_request_create(*, attempt: Attempt, step: Step, reason: str) -> ReviewRequest:
    """Ask for a human review of a step; while one is open, asking again returns it."""
    try:
        with transaction.atomic():
            return ReviewRequest.objects.create(attempt=attempt, step=step, reason=reason)
    except IntegrityError:  # a double submit meets the one-open-request constraint
        return ReviewRequest.objects.open().get(attempt=attempt, step=step)


def review_mark_seen(*, review: Review) -> None:
    """The trainee has now seen every revision of the review."""
    if review.is_unread:
        Review.objects.filter(pk=review.pk).update(seen_version=F("version"))
        review.seen_version = review.version


def journal_share(*, attempt: Attempt, shared: bool) -> Attempt:
    """Share the attempt's journal entry with the trainee's supervisors, or stop sharing it."""
    attempt.journal_shared = shared
    attempt.save(update_fields=["journal_shared"])
    return attempt
