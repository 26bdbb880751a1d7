"""Login throttling (django-axes): guessing a password stops after five tries.

Five wrong passwords for one username from one address pause logins for that
pair: even the right password is refused with 429 and a page in words, until
the cool-off has passed. A success resets the count; other users, and the same
user elsewhere, are not locked out. The studio's login and the admin's alike.
"""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import authenticate
from django.test import Client
from django.urls import reverse

from ruptures.models import PROGRAM_ADMIN
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

LIMIT = 5


def _login(client, user_or_name, password, url="login", address="127.0.0.1"):
    username = getattr(user_or_name, "username", user_or_name)
    return client.post(
        reverse(url), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def _fail(client, user, times, url="login", address="127.0.0.1"):
    for _ in range(times):
        response = _login(client, user, "wrong-password", url, address)
        assert response.status_code == 200  # the form again, with its error
        assert "_auth_user_id" not in client.session


def _lock_out(client, user, url="login", address="127.0.0.1"):
    """Four failures answered with the form; the fifth is answered with the pause."""
    _fail(client, user, LIMIT - 1, url, address)
    assert _login(client, user, "wrong-password", url, address).status_code == 429


def test_the_settings_are_five_failures_and_fifteen_minutes():
    assert settings.AXES_ENABLED is not False
    assert settings.AXES_FAILURE_LIMIT == LIMIT
    assert settings.AXES_COOLOFF_TIME.total_seconds() == 15 * 60


def test_after_five_wrong_passwords_even_the_right_one_is_refused_with_429(client, trainee):
    _lock_out(client, trainee)

    response = _login(client, trainee, PASSWORD)

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert response["Retry-After"] == str(15 * 60)
    assert "Too many login attempts" in response.text
    assert "paused for 15 minutes" in response.text
    assert "even the right password is refused" in response.text
    assert "<script>" not in response.text  # only base.html's own script files
    assert client.get(reverse("ruptures:practice_home")).status_code == 302  # to login


def test_four_wrong_passwords_still_let_the_right_one_in_and_reset_the_count(client, trainee):
    _fail(client, trainee, LIMIT - 1)
    assert _login(client, trainee, PASSWORD).status_code == 302
    client.post(reverse("logout"))

    # The count started again: four more failures do not lock the account.
    _fail(client, trainee, LIMIT - 1)
    response = _login(client, trainee, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(trainee.pk)


def test_hammering_one_username_locks_out_neither_other_users_nor_other_addresses(client):
    victim, bystander = make_user(), make_user()
    _lock_out(client, victim, address="203.0.113.9")
    assert _login(client, victim, PASSWORD, address="203.0.113.9").status_code == 429

    # Another user at the attacker's address, and the victim at their own.
    assert _login(client, bystander, PASSWORD, address="203.0.113.9").status_code == 302
    client.post(reverse("logout"))
    assert _login(client, victim, PASSWORD, address="198.51.100.7").status_code == 302


def test_a_username_that_does_not_exist_is_throttled_the_same(client):
    _lock_out(client, "nobody-by-this-name")


def test_the_pause_ends_after_the_cool_off(client, trainee):
    _lock_out(client, trainee)
    assert _login(client, trainee, PASSWORD).status_code == 429

    # Fifteen minutes on (the failures' time moved back, as the clock would move forward).
    AccessAttempt.objects.update(
        attempt_time=AccessAttempt.objects.get().attempt_time - timedelta(minutes=16)
    )

    assert _login(client, trainee, PASSWORD).status_code == 302


def test_the_admin_login_is_throttled_too(client):
    superuser = make_user(PROGRAM_ADMIN, is_staff=True, is_superuser=True)
    _lock_out(client, superuser, url="admin:login")

    response = _login(client, superuser, PASSWORD, url="admin:login")

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert client.get(reverse("admin:index")).status_code == 302


def test_failures_on_the_studio_login_count_on_the_admin_login(client):
    superuser = make_user(PROGRAM_ADMIN, is_staff=True, is_superuser=True)
    _lock_out(client, superuser)
    assert _login(client, superuser, PASSWORD, url="admin:login").status_code == 429


def test_force_login_in_tests_and_the_session_stay_as_they_were(client, trainee):
    client.force_login(trainee)
    assert client.session["_auth_user_backend"] == "ruptures.auth.RoleAwareBackend"
    assert client.get(reverse("ruptures:practice_home")).status_code == 200


def test_a_superuser_lifts_a_pause_in_the_admin(client, trainee):
    _lock_out(client, trainee)
    attempt = AccessAttempt.objects.get(username=trainee.username)
    superuser = make_user(None, is_staff=True, is_superuser=True)
    admin = Client()
    admin.force_login(superuser)
    listing = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert trainee.username in listing.text

    delete = reverse("admin:axes_accessattempt_delete", args=[attempt.pk])
    assert admin.post(delete, {"post": "yes"}).status_code == 302

    assert _login(client, trainee, PASSWORD).status_code == 302


@pytest.mark.parametrize(
    "username, headers",
    [
        ("someone", {"HTTP_USER_AGENT": "Mozilla/5.0\x00"}),
        ("someone", {"HTTP_ACCEPT": "text/html\x00"}),
        ("u" * 300, {}),  # the login form does not cap a username's length
    ],
    ids=["nul-user-agent", "nul-accept", "long-username"],
)
def test_failures_the_database_could_not_store_as_sent_are_counted_never_a_500(
    client, username, headers
):
    """On PostgreSQL each of these failed with a DataError when axes stored the failure."""
    for _ in range(LIMIT - 1):
        response = client.post(
            reverse("login"), {"username": username, "password": "guess"}, **headers
        )
        assert response.status_code == 200
    response = client.post(
        reverse("login"), {"username": username, "password": "guess"}, **headers
    )
    assert response.status_code == 429
    assert AccessAttempt.objects.get().failures_since_start == LIMIT


def test_code_that_authenticates_without_a_request_is_not_throttled(client, trainee):
    """A script's authenticate() or a test's client.login() has no address to count."""
    _lock_out(client, trainee)
    assert authenticate(username=trainee.username, password=PASSWORD) == trainee
    assert authenticate(username=trainee.username, password="wrong-password") is None
    assert client.login(username=trainee.username, password=PASSWORD)
    assert client.get(reverse("ruptures:practice_home")).status_code == 200
