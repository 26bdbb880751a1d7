"""The fetch-and-check helpers: an object outside the user's scope is a 404, like a missing one."""

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from ruptures.access import (
    attempt_for_trainee,
    attempt_for_user,
    attempt_step_for_trainee,
    role_required,
    scenario_for_trainee,
    step_for_attempt,
)
from ruptures.models import (
    PROGRAM_ADMIN,
    SUPERVISOR,
    TRAINEE,
    Attempt,
    ReviewRequest,
    ScenarioStatus,
    Step,
)
from tests.factories import make_attempt, make_cohort, make_scenario, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(trainee):
    return make_attempt(trainee=trainee)


def test_a_trainee_reaches_their_own_attempt_and_nobody_elses(attempt):
    assert attempt_for_user(attempt.trainee, attempt.pk) == attempt
    assert attempt_for_trainee(attempt.trainee, attempt.pk) == attempt
    stranger = make_user(TRAINEE)
    for helper in (attempt_for_user, attempt_for_trainee):
        with pytest.raises(Http404):
            helper(stranger, attempt.pk)


def test_a_supervisor_reaches_the_attempts_of_their_own_cohorts_only(attempt):
    supervisor, other = make_user(SUPERVISOR), make_user(SUPERVISOR)
    make_cohort(supervisor=supervisor).trainees.add(attempt.trainee)
    make_cohort(supervisor=other)

    assert attempt_for_user(supervisor, attempt.pk) == attempt
    with pytest.raises(Http404):
        attempt_for_user(other, attempt.pk)


def test_the_practice_flow_never_opens_someone_elses_attempt_whatever_the_role(attempt):
    admin = make_user(PROGRAM_ADMIN)
    admin.groups.add(*make_user(TRAINEE).groups.all())  # a program admin who also practises
    assert attempt_for_user(admin, attempt.pk) == attempt
    with pytest.raises(Http404):
        attempt_for_trainee(admin, attempt.pk)


def test_a_missing_attempt_is_a_404(trainee):
    with pytest.raises(Http404):
        attempt_for_user(trainee, 999_999)


def test_without_the_vignette_the_versions_content_is_not_loaded(attempt):
    loaded = attempt_for_trainee(attempt.trainee, attempt.pk, vignette=False)
    assert "spec" in loaded.version.get_deferred_fields()
    assert (
        "spec"
        not in attempt_for_trainee(attempt.trainee, attempt.pk).version.get_deferred_fields()
    )


def test_step_for_attempt_finds_the_versions_step(attempt):
    step = step_for_attempt(attempt, "invite")
    assert (step.name, step.version_id) == ("invite", attempt.version_id)


@pytest.mark.parametrize("name", ["apologise", ""])
def test_an_unknown_step_name_is_a_404(attempt, name):
    with pytest.raises(Http404):
        step_for_attempt(attempt, name)


def test_a_foil_has_no_steps(trainee):
    foil = make_attempt(trainee=trainee, scenario=make_scenario(rupture_type="none"))
    with pytest.raises(Http404):
        step_for_attempt(foil, "notice")


def test_the_step_pages_read_is_the_orms_attempt_and_step_in_one_query(
    trainee, django_assert_num_queries
):
    attempt = make_attempt(
        trainee=trainee, said_rupture=True, said_type="withdrawal", said_markers=["W1"]
    )
    with django_assert_num_queries(1):
        loaded, step = attempt_step_for_trainee(trainee, attempt.pk, "invite", vignette=False)
    expected = Attempt.objects.select_related("version").get(pk=attempt.pk)
    for field in Attempt._meta.concrete_fields:  # converted alike: JSON, datetimes, booleans
        assert getattr(loaded, field.attname) == getattr(expected, field.attname), field.name
    assert loaded.version.markers == expected.version.markers
    assert "spec" in loaded.version.get_deferred_fields()
    assert step == Step.objects.get(version=attempt.version, name="invite")
    assert step.exemplars == Step.objects.get(pk=step.pk).exemplars
    assert (loaded.has_review, loaded.has_review_request) == (False, False)
    ReviewRequest.objects.create(attempt=attempt, step=step)
    loaded, _ = attempt_step_for_trainee(trainee, attempt.pk, "invite")
    assert (loaded.has_review, loaded.has_review_request) == (False, True)
    assert loaded.version.get_deferred_fields() == set()


def test_the_step_pages_read_reaches_the_trainees_own_attempt_only(attempt):
    for user in (make_user(TRAINEE), make_user(PROGRAM_ADMIN)):
        with pytest.raises(Http404):
            attempt_step_for_trainee(user, attempt.pk, "notice")
    with pytest.raises(Http404):
        attempt_step_for_trainee(attempt.trainee, 999_999, "notice")


@pytest.mark.parametrize("name", ["apologise", ""])
def test_the_step_pages_read_finds_no_unknown_step(attempt, name):
    assert attempt_step_for_trainee(attempt.trainee, attempt.pk, name)[1] is None


def test_the_step_pages_read_finds_no_step_in_a_foil(trainee):
    foil = make_attempt(trainee=trainee, scenario=make_scenario(rupture_type="none"))
    assert attempt_step_for_trainee(trainee, foil.pk, "notice") == (foil, None)


def test_a_trainee_reaches_only_published_scenarios_on_their_list(trainee):
    published = make_scenario()
    draft = make_scenario(status=ScenarioStatus.DRAFT)
    assert scenario_for_trainee(trainee, published.slug) == published
    with pytest.raises(Http404):
        scenario_for_trainee(trainee, draft.slug)


def test_a_scenario_outside_the_trainees_assignments_is_a_404(trainee):
    assigned, other = make_scenario(), make_scenario()
    cohort = make_cohort()
    cohort.trainees.add(trainee)
    cohort.scenarios.add(assigned)
    with pytest.raises(Http404):
        scenario_for_trainee(trainee, other.slug)


def test_role_required_lets_only_the_named_roles_through(trainee):
    view = role_required(SUPERVISOR, PROGRAM_ADMIN)(lambda request: HttpResponse("ok"))
    request = RequestFactory().get("/")
    request.user = make_user(PROGRAM_ADMIN)
    assert view(request).content == b"ok"
    request.user = trainee
    with pytest.raises(PermissionDenied):
        view(request)
