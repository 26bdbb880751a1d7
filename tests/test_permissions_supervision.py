"""Every supervisor URL, walked as anonymous, trainee, another cohort's supervisor and admin.

Two cohorts with a supervisor each. Cohort A's objects are asked for by
everyone: a foreign id is a 404 exactly like a missing one; a page without an
id shows the asker's own data; roles without the page get 403; anonymous
visitors are sent to log in. Nothing is changed by a refused POST.
"""

import pytest
from django.test import Client
from django.urls import reverse

from ruptures.models import SUPERVISOR, Review
from ruptures.services.reviews import StepInput, review_save
from tests.factories import (
    make_cohort,
    make_finished_attempt,
    make_library_scenario,
    make_user,
)

pytestmark = pytest.mark.django_db

STEPS = ("notice", "invite", "validate", "explore", "negotiate")
REVIEW_POST = {"comment_overall": "", "version_overall": "0", "level_notice": "1"}
REVIEW_POST |= {f"comment_{step}": "" for step in STEPS} | {
    f"version_{step}": "0" for step in STEPS
}
REVIEW_POST["version_invite"] = "1"  # the fixture's review of invite


@pytest.fixture
def world(program_admin):
    scenario = make_library_scenario()
    people = {}
    for side in ("a", "b"):
        supervisor = make_user(SUPERVISOR, first_name=f"Supervisor {side.upper()}")
        trainee = make_user(first_name=f"Trainee{side.upper()}", last_name="Person")
        cohort = make_cohort(supervisor=supervisor, name=f"Cohort {side.upper()}")
        cohort.trainees.add(trainee)
        attempt = make_finished_attempt(trainee, scenario)
        people[side] = {"supervisor": supervisor, "trainee": trainee, "cohort": cohort}
        people[side]["attempt"] = attempt
    # One levelled step in A, so the agreement pages have something of A's to hide.
    review_save(
        attempt=people["a"]["attempt"],
        reviewer=people["a"]["supervisor"],
        steps={"invite": StepInput(3, "A's comment", 0)},
    )
    people["admin"] = program_admin
    return people


def _urls(a):
    """(name, method, url, data) for every supervisor URL, pointed at cohort A."""
    attempt, cohort, trainee = a["attempt"], a["cohort"], a["trainee"]
    return [
        ("dashboard", "get", reverse("ruptures:cohort_home"), None),
        (
            "dashboard_cohort",
            "get",
            reverse("ruptures:cohort_home") + f"?cohort={cohort.pk}",
            None,
        ),
        ("trainee", "get", reverse("ruptures:trainee_detail", args=[trainee.pk]), None),
        ("queue", "get", reverse("ruptures:review_queue"), None),
        ("review", "get", reverse("ruptures:review_attempt", args=[attempt.pk]), None),
        (
            "review_post",
            "post",
            reverse("ruptures:review_attempt", args=[attempt.pk]),
            REVIEW_POST,
        ),
        (
            "review_step",
            "post",
            reverse("ruptures:review_step", args=[attempt.pk, "notice"]),
            REVIEW_POST,
        ),
        ("agreement", "get", reverse("ruptures:agreement"), None),
        ("agreement_cohort", "get", reverse("ruptures:agreement") + f"?cohort={cohort.pk}", None),
        ("export", "get", reverse("ruptures:cohort_export", args=[cohort.pk]), None),
        ("dictionary", "get", reverse("ruptures:data_dictionary"), None),
        ("dictionary_csv", "get", reverse("ruptures:data_dictionary_csv"), None),
    ]


EXPECTED = {
    #                   anonymous trainee other-sup admin  own-sup
    "dashboard": (302, 403, 200, 403, 200),
    "dashboard_cohort": (302, 403, 404, 403, 200),
    "trainee": (302, 403, 404, 403, 200),
    "queue": (302, 403, 200, 403, 200),
    "review": (302, 403, 404, 200, 200),
    "review_post": (302, 403, 404, 403, 302),
    "review_step": (302, 403, 404, 403, 302),
    "agreement": (302, 403, 200, 200, 200),
    "agreement_cohort": (302, 403, 404, 200, 200),
    "export": (302, 403, 404, 200, 200),
    "dictionary": (302, 403, 200, 200, 200),
    "dictionary_csv": (302, 403, 200, 200, 200),
}
WHO = ("anonymous", "trainee", "other_supervisor", "program_admin", "own_supervisor")


def _user(world, who):
    return {
        "anonymous": None,
        "trainee": world["a"]["trainee"],  # even cohort A's own trainee
        "other_supervisor": world["b"]["supervisor"],
        "program_admin": world["admin"],
        "own_supervisor": world["a"]["supervisor"],
    }[who]


def test_every_supervisor_url_is_walked():
    from ruptures.urls import app_patterns

    supervisor_views = {
        p.name
        for p in app_patterns[0]
        # Included groups (authoring/) have no callback of their own.
        if getattr(p, "callback", None) is not None
        and p.callback.__module__ in ("ruptures.views.supervisor", "ruptures.views.reports")
    }
    walked = {
        "cohort_home",
        "trainee_detail",
        "review_queue",
        "review_attempt",
        "review_step",
        "agreement",
        "cohort_export",
        "data_dictionary",
        "data_dictionary_csv",
    }
    assert supervisor_views == walked


@pytest.mark.parametrize("who", WHO[:4])
def test_each_url_answers_each_role_as_expected(world, who):
    client = Client()
    user = _user(world, who)
    if user is not None:
        client.force_login(user)
    column = WHO.index(who)
    statuses = {}
    for name, method, url, data in _urls(world["a"]):
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
        statuses[name] = response.status_code
        if response.status_code == 302:
            assert response.url.startswith(reverse("login")), name
        if response.status_code == 200 and who == "other_supervisor":
            body = response.getvalue() if hasattr(response, "getvalue") else b""
            assert b"TraineeA" not in body and b"A&#x27;s comment" not in body, name
    assert statuses == {name: codes[column] for name, codes in EXPECTED.items()}
    # No refused POST wrote anything: A's review is as the fixture left it.
    review = Review.objects.get(attempt=world["a"]["attempt"])
    assert review.version == 1 and review.steps.get().step.name == "invite"


def test_the_own_supervisor_reaches_everything(world):
    client = Client()
    client.force_login(_user(world, "own_supervisor"))
    for name, method, url, data in _urls(world["a"]):
        response = getattr(client, method)(url, data) if data else getattr(client, method)(url)
        assert response.status_code == EXPECTED[name][4], name
