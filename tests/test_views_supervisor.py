"""The supervisor's pages: their own cohorts only, at a fixed cost."""

import pytest
from django.urls import reverse

from ruptures.models import SUPERVISOR
from tests.factories import make_cohort, make_user

pytestmark = pytest.mark.django_db

URL = reverse("ruptures:cohort_home")


def test_a_supervisor_sees_their_own_cohorts_and_trainees_only(client, supervisor):
    mine = make_cohort(supervisor=supervisor, name="Evening group")
    mine.trainees.add(make_user(first_name="Tess", last_name="Lindqvist"))
    theirs = make_cohort(supervisor=make_user(SUPERVISOR), name="Weekend group")
    theirs.trainees.add(make_user(first_name="Ravi", last_name="Menon"))
    client.force_login(supervisor)

    html = client.get(URL).text

    assert "Evening group" in html and "Tess Lindqvist" in html
    assert "Weekend group" not in html and "Ravi Menon" not in html


def test_a_supervisor_without_cohorts_is_told_so(client, supervisor):
    client.force_login(supervisor)
    assert "You supervise no cohort yet." in client.get(URL).text


@pytest.mark.parametrize("cohorts, trainees", [(1, 1), (5, 10)])
def test_cohort_home_costs_four_queries(
    client, supervisor, django_assert_num_queries, cohorts, trainees
):
    for n in range(cohorts):
        cohort = make_cohort(supervisor=supervisor, name=f"Group {n}")
        cohort.trainees.add(*(make_user() for _ in range(trainees)))
    client.force_login(supervisor)
    # The session, the user; the cohorts, and their trainees in one more.
    with django_assert_num_queries(2 + 2):
        assert client.get(URL).status_code == 200
