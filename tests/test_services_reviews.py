"""Saving reviews: the level counts, the engine's verdict stays, history is kept, stale fails."""

import pytest

from ruptures.models import SUPERVISOR, Review, ReviewRequest, ReviewRevision, StepResult
from ruptures.rubric import STEPS
from ruptures.services.attempts import attempt_update_totals
from ruptures.services.reviews import (
    OVERALL,
    CommentInput,
    NothingToLevel,
    StaleReview,
    StepInput,
    review_mark_seen,
    review_request_create,
    review_save,
)
from tests.factories import make_attempt, make_response, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(trainee):
    """A finished attempt: every step answered once at level 2 (score 60), total 60."""
    attempt = make_attempt(trainee=trainee, status="done")
    for step in STEPS:
        make_response(attempt, step, level=2, score=60)
    attempt_update_totals(attempt)
    attempt.save()
    return attempt


def _save(attempt, reviewer, **steps):
    return review_save(attempt=attempt, reviewer=reviewer, steps=steps)


def test_a_supervisors_level_counts_and_the_engines_verdict_stays(attempt, supervisor):
    _save(attempt, supervisor, notice=StepInput(level=3, comment="Warm and specific.", version=0))

    attempt.refresh_from_db()
    assert attempt.total_score == round((75 + 4 * 60) / 5)
    result = StepResult.objects.get(attempt=attempt, step__name="notice")
    assert (result.reviewed_level, result.level, result.score) == (3, 3, 75)
    assert (result.response.level, result.response.score) == (2, 60)  # the engine's, untouched
    step_review = attempt.review.steps.get()
    assert (step_review.level, step_review.comment, step_review.response) == (
        3,
        "Warm and specific.",
        result.response,
    )


def test_every_save_is_kept_as_a_revision_with_who_and_when(attempt, supervisor):
    colleague = make_user(SUPERVISOR)
    _save(attempt, supervisor, notice=StepInput(level=3, comment="Good.", version=0))
    _save(attempt, colleague, notice=StepInput(level=1, comment="Too quick.", version=1))

    first, second = ReviewRevision.objects.order_by("number")
    assert (first.number, first.author, first.steps) == (
        1,
        supervisor,
        {"notice": {"level": 3, "comment": "Good."}},
    )
    assert (second.number, second.author, second.steps) == (
        2,
        colleague,
        {"notice": {"level": 1, "comment": "Too quick."}},
    )
    assert first.saved_at <= second.saved_at
    assert StepResult.objects.get(attempt=attempt, step__name="notice").level == 1


def test_a_stale_form_changes_nothing(attempt, supervisor):
    _save(attempt, supervisor, notice=StepInput(level=3, comment="Good.", version=0))
    colleague = make_user(SUPERVISOR)

    # The colleague's form was drawn before the first save (version 0).
    with pytest.raises(StaleReview) as stale:
        review_save(
            attempt=attempt,
            reviewer=colleague,
            steps={
                "notice": StepInput(level=0, comment="Harmful.", version=0),
                "invite": StepInput(level=1, comment="", version=0),
            },
        )

    assert stale.value.parts == ["notice"]
    review = Review.objects.get()
    assert (review.version, review.updated_by) == (1, supervisor)
    assert list(review.steps.values_list("step__name", "level")) == [("notice", 3)]
    assert StepResult.objects.get(attempt=attempt, step__name="invite").level == 2


def test_a_stale_overall_comment_changes_nothing(attempt, supervisor):
    review_save(
        attempt=attempt, reviewer=supervisor, steps={}, overall=CommentInput("Well done.", 0)
    )
    with pytest.raises(StaleReview) as stale:
        review_save(
            attempt=attempt, reviewer=supervisor, steps={}, overall=CommentInput("Hmm.", 0)
        )
    assert stale.value.parts == [OVERALL]
    assert Review.objects.get().comment == "Well done."


def test_a_resent_form_changes_nothing_and_is_no_conflict(attempt, supervisor):
    given = StepInput(level=3, comment="Good.", version=0)
    _save(attempt, supervisor, notice=given)
    _save(attempt, supervisor, notice=given)  # the same post again
    assert Review.objects.get().version == 1
    assert ReviewRevision.objects.count() == 1


def test_saving_one_step_after_another_from_one_page_is_no_conflict(attempt, supervisor):
    _save(attempt, supervisor, notice=StepInput(level=3, comment="", version=0))
    _save(attempt, supervisor, invite=StepInput(level=1, comment="Closed question.", version=0))
    assert Review.objects.get().version == 2
    assert ReviewRevision.objects.get(number=2).steps == {
        "notice": {"level": 3, "comment": ""},
        "invite": {"level": 1, "comment": "Closed question."},
    }


def test_a_level_for_a_step_with_only_pasted_exemplars_changes_nothing(trainee, supervisor):
    attempt = make_attempt(trainee=trainee)
    make_response(attempt, "notice", level=0, score=0, copy_of="An exemplar.")
    with pytest.raises(NothingToLevel):
        review_save(
            attempt=attempt,
            reviewer=supervisor,
            steps={"notice": StepInput(level=2, comment="", version=0)},
            overall=CommentInput("Write your own words.", 0),
        )
    assert not Review.objects.exists()


def test_saving_a_step_answers_the_trainees_request_on_it_only(attempt, supervisor):
    steps = {step.name: step for step in attempt.version.steps.all()}
    notice = review_request_create(attempt=attempt, step=steps["notice"], reason="Why 2?")
    invite = review_request_create(attempt=attempt, step=steps["invite"], reason="")

    _save(attempt, supervisor, notice=StepInput(level=2, comment="Agreed.", version=0))

    notice.refresh_from_db()
    invite.refresh_from_db()
    assert not notice.is_open and invite.is_open


def test_asking_twice_keeps_one_open_request(attempt):
    step = attempt.version.steps.get(name="notice")
    first = review_request_create(attempt=attempt, step=step, reason="Why?")
    again = review_request_create(attempt=attempt, step=step, reason="Why, again?")
    assert again == first
    assert ReviewRequest.objects.count() == 1


def test_a_review_is_unread_until_the_trainee_sees_it_and_again_after_an_edit(attempt, supervisor):
    review = _save(attempt, supervisor, notice=StepInput(level=3, comment="", version=0))
    assert Review.objects.unread().get() == review
    review_mark_seen(review=review)
    assert not Review.objects.unread().exists()
    _save(attempt, supervisor, notice=StepInput(level=2, comment="On reflection.", version=1))
    assert Review.objects.unread().exists()
