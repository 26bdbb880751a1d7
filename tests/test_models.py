"""Invariants the database itself enforces, whatever code writes to it."""

import pytest
from django.db import IntegrityError, transaction

from ruptures.models import SUPERVISOR, Attempt, Review, StepResponse
from tests.factories import make_cohort, make_scenario, make_user, make_version

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


def test_review_must_say_something(attempt):
    response = _response(attempt)
    reviewer = make_user(SUPERVISOR)
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(response=response, reviewer=reviewer)
    Review.objects.create(response=response, reviewer=reviewer, level=2)
    assert response.reviews.count() == 1


def test_review_level_is_bounded(attempt):
    response = _response(attempt)
    with pytest.raises(IntegrityError), transaction.atomic():
        Review.objects.create(response=response, reviewer=make_user(SUPERVISOR), level=7)


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
