"""Invariants the database itself enforces, whatever code writes to it."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from ruptures.models import (
    SUPERVISOR,
    Attempt,
    Review,
    ReviewRequest,
    StepResponse,
    StepResult,
    StepReview,
)
from tests.factories import (
    make_attempt,
    make_cohort,
    make_response,
    make_scenario,
    make_user,
    make_version,
)

pytestmark = pytest.mark.django_db


def _response(attempt: Attempt, *, try_number: int = 1, **kwargs: object) -> StepResponse:
    kwargs.setdefault("text", "I notice you seem quieter today.")
    kwargs.setdefault("score", 80)
    kwargs.setdefault("level", 3)
    return StepResponse.objects.create(
        attempt=attempt,
        step=attempt.version.steps.get(name="notice"),
        try_number=try_number,
        engine_version="1",
        rubric_version="r1",
        **kwargs,
    )


@pytest.fixture
def attempt(trainee) -> Attempt:
    return Attempt.objects.create(trainee=trainee, version=make_scenario().current_version)


def test_same_try_of_a_step_is_stored_once(attempt):
    _response(attempt, try_number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        _response(attempt, try_number=1)
    assert attempt.responses.count() == 1


def test_every_try_of_a_step_is_kept(attempt):
    _response(attempt, try_number=1)
    _response(attempt, try_number=2)
    assert list(attempt.responses.values_list("try_number", flat=True)) == [1, 2]


@pytest.mark.parametrize(
    "field, value",
    [("level", 4), ("score", 101), ("try_number", 0), ("text", "")],
)
def test_step_response_rejects_out_of_range_values(attempt, field, value):
    with pytest.raises(IntegrityError), transaction.atomic():
        _response(attempt, **{field: value})


def test_scenario_rejects_unknown_rupture_type(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_scenario(rupture_type="sulking")


def test_scenario_rejects_unknown_difficulty(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        make_scenario(difficulty="impossible")


def test_attempt_rejects_unknown_status(attempt):
    attempt.status = "abandoned"
    with pytest.raises(IntegrityError), transaction.atomic():
        attempt.save()


def test_version_numbers_are_unique_per_scenario(db):
    scenario = make_scenario()
    with pytest.raises(IntegrityError), transaction.atomic():
        make_version(scenario, number=1, content_hash="other")


def test_a_version_with_attempts_cannot_be_deleted(attempt):
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        attempt.version.delete()


def _review(attempt: Attempt, reviewer) -> Review:
    return Review.objects.create(attempt=attempt, updated_by=reviewer, updated_at=timezone.now())


def _step_review(review: Review, **kwargs: object) -> StepReview:
    kwargs.setdefault("version", 1)
    return StepReview.objects.create(
        review=review,
        step=review.attempt.version.steps.get(name="notice"),
        updated_by=review.updated_by,
        updated_at=timezone.now(),
        **kwargs,
    )


def test_an_attempt_has_one_review(attempt):
    reviewer = make_user(SUPERVISOR)
    _review(attempt, reviewer)
    with pytest.raises(IntegrityError), transaction.atomic():
        _review(attempt, reviewer)


def test_a_step_reviews_level_is_bounded_and_judges_a_try(attempt):
    review = _review(attempt, make_user(SUPERVISOR))
    response = _response(attempt)
    with pytest.raises(IntegrityError), transaction.atomic():
        _step_review(review, level=4, response=response)
    with pytest.raises(IntegrityError), transaction.atomic():
        _step_review(review, level=2)  # which try does it judge?
    _step_review(review, level=2, response=response)
    with pytest.raises(IntegrityError), transaction.atomic():
        _step_review(review, comment="Twice for one step.")


def test_the_trainee_cannot_have_seen_more_of_a_review_than_exists(attempt):
    review = _review(attempt, make_user(SUPERVISOR))
    review.seen_version = 1
    with pytest.raises(IntegrityError), transaction.atomic():
        review.save()


def test_a_step_has_one_open_review_request_at_a_time(attempt):
    step = attempt.version.steps.get(name="notice")
    first = ReviewRequest.objects.create(attempt=attempt, step=step)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewRequest.objects.create(attempt=attempt, step=step, reason="Again")
    first.answered_at = timezone.now()
    first.save()
    ReviewRequest.objects.create(attempt=attempt, step=step, reason="After the answer")
    assert attempt.review_requests.count() == 2


def test_a_step_is_recorded_once_per_attempt(attempt):
    response = _response(attempt)
    StepResult.objects.create(
        attempt=attempt, step=response.step, response=response, level=3, score=80
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        StepResult.objects.create(
            attempt=attempt, step=response.step, response=response, level=3, score=80
        )


def test_visibility_follows_the_role(attempt):
    from ruptures.models import PROGRAM_ADMIN, TRAINEE

    response = _response(attempt)
    other_trainee = make_user(TRAINEE)
    supervisor = make_user(SUPERVISOR)
    stranger = make_user(SUPERVISOR)
    for name in ("Evening group", "Weekend group"):  # in two cohorts: still seen once
        make_cohort(supervisor=supervisor, name=name).trainees.add(attempt.trainee)
    admin = make_user(PROGRAM_ADMIN)

    for user, expected in [
        (attempt.trainee, [attempt]),
        (other_trainee, []),
        (supervisor, [attempt]),
        (stranger, []),
        (admin, [attempt]),
    ]:
        assert list(Attempt.objects.visible_to(user)) == expected
        responses = list(StepResponse.objects.visible_to(user))
        assert responses == ([response] if expected else [])


def test_the_tries_read_in_plain_sql_are_those_the_orm_reads(attempt):
    for step, kwargs in [
        ("invite", {}),
        ("notice", {"pitfalls": ["advice"], "criteria": [{"name": "c", "met": True}]}),
        ("notice", {"feedback": {"point": "p", "pitfalls": []}, "copy_of": "an exemplar"}),
    ]:
        make_response(attempt, step, **kwargs)
    expected = list(attempt.responses.for_attempt_page())
    tries = StepResponse.objects.tries_of(attempt)
    assert tries == expected
    fields = [f.attname for f in StepResponse._meta.concrete_fields] + ["step_name"]
    for read, orm in zip(tries, expected, strict=True):
        assert [getattr(read, name) for name in fields] == [getattr(orm, name) for name in fields]
    assert StepResponse.objects.tries_of(make_attempt(trainee=attempt.trainee)) == []


def test_a_step_pages_read_leaves_the_other_steps_tries_to_the_navigation(
    attempt, django_assert_num_queries
):
    make_response(attempt, "invite", pitfalls=["advice"])
    make_response(attempt, "notice", criteria=[{"name": "c", "met": True}])
    make_response(attempt, "notice", copy_of="an exemplar")
    notice = attempt.version.steps.get(name="notice")
    expected = list(attempt.responses.for_attempt_page())
    tries = StepResponse.objects.tries_of(attempt, shown=notice.pk)
    assert tries == expected
    with django_assert_num_queries(0):
        for read, orm in zip(tries, expected, strict=True):
            assert (read.step_name, read.try_number, read.level, read.score, read.copy_of) == (
                orm.step_name,
                orm.try_number,
                orm.level,
                orm.score,
                orm.copy_of,
            )
    for read, orm in zip(tries, expected, strict=True):
        if read.step_id == notice.pk:
            assert read.get_deferred_fields() == set()
            assert (read.text, read.criteria) == (orm.text, orm.criteria)
        else:
            assert read.get_deferred_fields() >= {"text", "pitfalls", "criteria", "feedback"}
            assert read.pitfalls == orm.pitfalls  # read when touched, as any deferred field
