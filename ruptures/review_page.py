"""The review page put together: each step's tries, its review, requests and form; the history.

Read in a fixed number of queries (the tries, the review, its steps, its
revisions, the requests), whatever the attempt holds. The views decide
what to do with it; `services.reviews` does the writing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from django.http import QueryDict
from django.utils import timezone

from ruptures.models import Attempt, Review, ReviewRequest, ReviewRevision, StepReview, User
from ruptures.presentation import StepProgress, step_progress
from ruptures.review_forms import OverallCommentForm, StepReviewForm
from ruptures.rubric import LEVEL_LABELS
from ruptures.services.reviews import OVERALL, CommentInput, StepInput


@dataclass
class ReviewStep:
    """One step on the review page: the tries, the review of it, the trainee's requests."""

    progress: StepProgress
    review: StepReview | None
    requests: list[ReviewRequest]
    form: StepReviewForm | None = None  # None: nothing answered yet, or the page is read-only
    status: str = ""  # what the last save did, announced in place

    @property
    def name(self) -> str:
        return self.progress.name

    @property
    def open_request(self) -> ReviewRequest | None:
        return next((r for r in self.requests if r.is_open), None)


@dataclass
class ReviewPage:
    attempt: Attempt
    review: Review | None
    steps: list[ReviewStep]
    revisions: list[ReviewRevision]
    overall_form: OverallCommentForm | None = None

    def step(self, name: str) -> ReviewStep:
        return next(s for s in self.steps if s.name == name)

    def _form(self, name: str) -> StepReviewForm | OverallCommentForm | None:
        """The form of a part (OVERALL: the overall comment); None where it has none."""
        if name == OVERALL:
            return self.overall_form
        return next((s.form for s in self.steps if s.name == name), None)

    def forms_valid(self, names: Sequence[str]) -> bool:
        """Whether the forms of these parts are all valid (each then shows its errors)."""
        return all(form.is_valid() for form in map(self._form, names) if form is not None)

    def inputs(self, names: Sequence[str]) -> tuple[dict[str, StepInput], CommentInput | None]:
        """What valid forms say: the steps' inputs and the overall comment's (when named)."""
        steps = {
            name: form.step_input()
            for name in names
            if name != OVERALL and (form := self._form(name)) is not None
        }
        overall = self.overall_form.comment_input() if OVERALL in names else None
        return steps, overall

    def nothing_given(self, step: str | None) -> None:
        """Say, where the save was asked for, that an empty first save keeps nothing."""
        message = "Nothing to save yet: choose a level or write a comment."
        if step is None:
            self.overall_form.add_error(None, message)
        else:
            self.step(step).form.add_error(None, message)

    @property
    def open_requests(self) -> list[ReviewRequest]:
        return [r for s in self.steps for r in s.requests if r.is_open]


def review_page(
    attempt: Attempt, *, editable: bool, data: QueryDict | None = None, stale: Sequence[str] = ()
) -> ReviewPage:
    """The review page of `attempt`, its forms bound to `data` when given.

    `stale` names parts someone else saved while this form was open: their
    forms keep the words typed, take the version now stored (so saving again
    replaces the other save on purpose) and say what happened.
    """
    review = Review.objects.filter(attempt=attempt).select_related("updated_by").first()
    reviews = {sr.step.name: sr for sr in StepReview.objects.for_attempt(attempt)}
    requests: dict[str, list[ReviewRequest]] = {}
    for request in ReviewRequest.objects.for_attempt(attempt):
        requests.setdefault(request.step.name, []).append(request)
    if data is not None and stale:
        data = _with_current_versions(data, stale, review, reviews)
    steps = []
    # A foil ends at recognition: it has no steps to show.
    foil = attempt.version.is_foil
    for progress in [] if foil else step_progress(attempt.responses.for_attempt_page()):
        item = ReviewStep(progress, reviews.get(progress.name), requests.get(progress.name, []))
        if editable and progress.tries:
            item.form = _step_form(progress, item.review, data)
            if progress.name in stale:
                item.form.add_error(None, stale_message(item.review))
        steps.append(item)
    page = ReviewPage(attempt, review, steps, list(ReviewRevision.objects.for_attempt(attempt)))
    if editable:
        page.overall_form = OverallCommentForm(
            data,
            initial={
                "comment": review.comment if review else "",
                "version": review.comment_version if review else 0,
            },
        )
        if OVERALL in stale:
            page.overall_form.add_error(None, stale_message(review))
    return page


def _step_form(
    progress: StepProgress, review: StepReview | None, data: QueryDict | None
) -> StepReviewForm:
    initial = {"level": None, "comment": "", "version": 0}
    if review is not None:
        initial = {"level": review.level, "comment": review.comment, "version": review.version}
    return StepReviewForm(
        data, step=progress.name, levelled=progress.best is not None, initial=initial
    )


def _with_current_versions(
    data: QueryDict, stale: Sequence[str], review: Review | None, reviews: dict[str, StepReview]
) -> QueryDict:
    data = data.copy()
    for part in stale:
        if part == OVERALL:
            data[f"version_{OVERALL}"] = review.comment_version if review else 0
        else:
            data[f"version_{part}"] = reviews[part].version if part in reviews else 0
    return data


def _when(moment: datetime) -> str:
    return f"{timezone.localtime(moment):%-d %b at %H:%M}"


def _name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def stale_message(saved: StepReview | Review | None) -> str:
    """Why a save was refused, what is stored now, and what to do."""
    if saved is None:  # removed meanwhile: cannot happen today, but say something true
        return "This review changed while you had it open, so yours was not saved. Save again."
    if isinstance(saved, StepReview):
        theirs = "no level" if saved.level is None else f"level {saved.level}"
        if saved.level is not None:
            theirs += f" ({LEVEL_LABELS[saved.level].lower()})"
        if saved.comment:
            theirs += f" and the comment “{saved.comment}”"
        what = "this step"
    else:
        theirs = f"the comment “{saved.comment}”" if saved.comment else "no comment"
        what = "the overall comment"
    return (
        f"{_name(saved.updated_by)} saved {what} on {_when(saved.updated_at)}, after you "
        f"opened this page, so yours was not saved. Theirs is {theirs}. Your words are "
        "still in the form: save again to put them in its place."
    )


@dataclass(frozen=True)
class RevisionView:
    number: int
    author: str
    saved_at: datetime
    changes: list[str] = field(default_factory=list)


def revision_history(revisions: Sequence[ReviewRevision]) -> list[RevisionView]:
    """Each revision, newest first, with what it changed from the one before, in words."""
    oldest_first = sorted(revisions, key=lambda r: r.number)
    views = []
    before: ReviewRevision | None = None
    for revision in oldest_first:
        views.append(
            RevisionView(
                revision.number,
                _name(revision.author),
                revision.saved_at,
                _changes(before, revision),
            )
        )
        before = revision
    return views[::-1]


def _changes(before: ReviewRevision | None, after: ReviewRevision) -> list[str]:
    changes = []
    old_steps = before.steps if before else {}
    for step, now in after.steps.items():
        then = old_steps.get(step, {"level": None, "comment": ""})
        label = step.capitalize()
        if then["level"] != now["level"]:
            changes.append(f"{label}: level {_level(then['level'])} → {_level(now['level'])}")
        if then["comment"] != now["comment"]:
            changes.append(f"{label}: comment {'written' if not then['comment'] else 'changed'}")
    if (before.comment if before else "") != after.comment:
        changes.append(
            "Overall comment " + ("changed" if before and before.comment else "written")
        )
    return changes


def _level(level: int | None) -> str:
    return "none" if level is None else str(level)


# --- What the trainee sees of it ----------------------------------------------------------


@dataclass(frozen=True)
class StepReviewState:
    """On the trainee's step page: the supervisor's review of the step, and their request."""

    review: StepReview | None
    request: ReviewRequest | None  # the latest request on the step


def step_review_state(attempt: Attempt, step_id: int) -> StepReviewState:
    """The step's review (with the whole review's read state) and latest request: two queries.

    An attempt fetched with its review flags (`access.attempt_step_for_trainee`)
    skips the query for what it has none of: an attempt nobody reviewed and
    nobody asked about costs none.
    """
    review = request = None
    if getattr(attempt, "has_review", True):
        review = (
            StepReview.objects.filter(review__attempt=attempt, step_id=step_id)
            # The reviewed try too: the page names its number and its level.
            .select_related("review", "updated_by", "response")
            .first()
        )
    if getattr(attempt, "has_review_request", True):
        request = ReviewRequest.objects.filter(attempt=attempt, step_id=step_id).first()
    return StepReviewState(review, request)


def attempt_review(attempt: Attempt) -> tuple[Review | None, dict[str, StepReview]]:
    """The attempt's review and its steps' reviews by step name, for the trainee's summary."""
    review = Review.objects.filter(attempt=attempt).select_related("updated_by").first()
    if review is None:
        return None, {}
    return review, {sr.step.name: sr for sr in StepReview.objects.for_attempt(attempt)}
