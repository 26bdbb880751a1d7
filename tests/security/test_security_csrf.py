"""CSRF on every POST: each view that takes a POST refuses one without the token.

Which views take a POST is read from the expectation table, whose POST column
`test_security_urls.py` checks against the running views (a 405 there means
the view does not take it). Each is posted to, without the token, by a role
the view would otherwise obey, with a body that would write if it got through;
the answer is 403 and no row changes, and the same post with the token gets
what the table says, so the 403 is the token's doing.
"""

from __future__ import annotations

import pytest
from django.middleware.csrf import get_token
from django.test import Client, RequestFactory
from django.urls import reverse

from tests.factories import PASSWORD
from tests.security.table import EXPECTED, REFUSED, admin_names, build_url
from tests.security.world import ROLES, World, snapshot

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "an-entirely-new-password-8817"


def _first_allowed(post: tuple[object, ...]) -> str | None:
    return next(
        (role for role, code in zip(ROLES, post, strict=True) if code not in REFUSED), None
    )


# (name, role the view obeys), for every view that takes a POST.
POSTS = sorted(
    (name, role)
    for name, row in EXPECTED.items()
    if (role := _first_allowed(row.post)) is not None
)


def _body(world: World, name: str) -> dict[str, object]:
    """What a real form would send: enough that a POST let through would write."""
    trainee = world.trainee
    return {
        "login": {"username": trainee.username, "password": PASSWORD},
        "password_change": {
            "old_password": PASSWORD,
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        "ruptures:attempt_step": {"text": "I notice you went quiet.", "try_number": "2"},
        "ruptures:attempt_step_draft": {"text": "I notice", "try_number": "2"},
        "ruptures:attempt_summary": {"journal": "changed", "difficulty_rating": "too_easy"},
        "ruptures:journal_share": {"shared": ""},
        "ruptures:review_request": {"reason": "again"},
        "ruptures:review_step": {
            "level_notice": "0",
            "comment_notice": "x",
            "version_notice": "0",
        },
        "ruptures:review_attempt": {"level_notice": "0", "version_notice": "0"},
        "ruptures:person_active": {"active": "0"},
        "ruptures:person_role": {"role": "supervisor"},
        "ruptures:person_delete": {"confirm": trainee.username},
        "ruptures:scenario_status": {"status": "published"},
        "ruptures:cohort_create": {"name": "Forged", "supervisor": world.own_supervisor.pk},
    }.get(name, {})


def _signed_in(world: World, role: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    return client


def test_the_posts_cover_sign_in_sign_out_and_every_form():
    names = {name for name, _ in POSTS}
    assert {"login", "logout", "password_change", "password_set"} <= names
    assert {"ruptures:attempt_step", "ruptures:review_step", "ruptures:person_delete"} <= names
    assert len(names) >= 30


@pytest.mark.parametrize(("name", "role"), POSTS)
def test_a_post_without_the_csrf_token_is_refused_and_writes_nothing(world, name, role):
    client = _signed_in(world, role)
    session_user = client.session.get("_auth_user_id")
    url = build_url(world, name, EXPECTED[name])
    before = snapshot()
    response = client.post(url, _body(world, name))
    assert response.status_code == 403
    assert snapshot() == before
    # Nor signed in or out: the session still holds whoever it held.
    assert client.session.get("_auth_user_id") == session_user


@pytest.mark.parametrize(("name", "role"), POSTS)
def test_the_same_post_with_the_token_gets_through(world, name, role):
    client = _signed_in(world, role)
    request = RequestFactory().get("/")
    token = get_token(request)  # the form's (masked) token; the cookie holds the secret
    client.cookies["csrftoken"] = request.META["CSRF_COOKIE"]
    url = build_url(world, name, EXPECTED[name])
    response = client.post(url, {**_body(world, name), "csrfmiddlewaretoken": token})
    assert response.status_code in (200, 302)
    assert "?next=" not in response.get("Location", "")  # still signed in: the view answered


def test_choosing_a_password_from_the_emailed_link_needs_the_token(world):
    client = Client(enforce_csrf_checks=True)
    form_url = client.get(build_url(world, "password_set"))["Location"]
    page = client.get(form_url)
    assert page.status_code == 200 and 'name="new_password1"' in page.text
    data = {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}

    assert client.post(form_url, data).status_code == 403
    world.invitee.refresh_from_db()
    assert not world.invitee.has_usable_password()

    token = client.cookies["csrftoken"].value
    response = client.post(form_url, {**data, "csrfmiddlewaretoken": token})
    assert response["Location"] == reverse("password_set_done")
    world.invitee.refresh_from_db()
    assert world.invitee.check_password(NEW_PASSWORD)


@pytest.mark.parametrize("name", admin_names())
def test_the_admin_refuses_a_superusers_post_without_the_token(world, name):
    client = _signed_in(world, "superuser")
    url = build_url(world, name)
    before = snapshot()
    assert client.post(url, {"username": "renamed", "post": "yes"}).status_code == 403
    assert snapshot() == before
