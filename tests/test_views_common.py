"""Log-in routing and role scoping of the role home pages."""

import pytest
from django.urls import reverse

from ruptures.management.commands.seed_demo import DEMO_PASSWORD, DEMO_USERS
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

HOMES = {
    "Trainee": "ruptures:practice_home",
    "Supervisor": "ruptures:cohort_home",
    "Program admin": "ruptures:authoring_home",
}


@pytest.mark.parametrize("role, home", HOMES.items())
def test_each_role_lands_on_its_home_page_after_login(client, role, home):
    user = make_user(role)
    response = client.post(
        reverse("login"), {"username": user.username, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse(home)
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url, login",
    [
        ("ruptures:home", "login"),
        ("ruptures:practice_home", "login"),
        ("ruptures:cohort_home", "login"),
        ("admin:index", "admin:login"),
    ],
)
def test_anonymous_users_are_sent_to_login(client, url, login):
    response = client.get(reverse(url))
    assert response.status_code == 302
    assert response["Location"] == f"{reverse(login)}?next={reverse(url)}"


def test_wrong_password_shows_an_error_and_stays_on_login(client, trainee):
    response = client.post(reverse("login"), {"username": trainee.username, "password": "nope"})
    assert response.status_code == 200
    assert "correct username and password" in response.text
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize("url", ["ruptures:cohort_home", "ruptures:authoring_home"])
def test_trainee_cannot_open_supervisor_or_admin_pages(client, trainee, url):
    client.force_login(trainee)
    assert client.get(reverse(url)).status_code == 403


def test_trainee_cannot_enter_the_django_admin(client, trainee):
    client.force_login(trainee)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_supervisor_cannot_open_practice_or_authoring(client, supervisor):
    client.force_login(supervisor)
    assert client.get(reverse("ruptures:practice_home")).status_code == 403
    assert client.get(reverse("ruptures:authoring_home")).status_code == 403


def test_only_a_superuser_gets_the_django_admin(client, program_admin):
    client.force_login(program_admin)
    assert client.get(reverse("admin:ruptures_scenario_changelist")).status_code == 302
    client.force_login(make_user(role=None, is_superuser=True, is_staff=True))
    assert client.get(reverse("admin:ruptures_scenario_changelist")).status_code == 200


def test_user_without_a_role_is_told_so(client):
    client.force_login(make_user(role=None))
    response = client.get(reverse("ruptures:home"))
    assert response.status_code == 403
    assert "No role yet" in response.text


def test_logout_is_a_post(client, trainee):
    client.force_login(trainee)
    assert client.get(reverse("logout")).status_code == 405
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_demo_logins_are_listed_only_in_debug(client, settings):
    settings.DEBUG = False
    assert DEMO_PASSWORD not in client.get(reverse("login")).text
    settings.DEBUG = True
    page = client.get(reverse("login")).text
    assert DEMO_PASSWORD in page
    for username, role, *_ in DEMO_USERS:  # the very logins seed_demo creates
        assert f"<code>{username}</code> ({role})" in page


def test_password_change_works(client, trainee):
    client.force_login(trainee)
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "an-entirely-new-passphrase",
            "new_password2": "an-entirely-new-passphrase",
        },
    )
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert trainee.check_password("an-entirely-new-passphrase")


def test_pages_carry_a_content_security_policy_without_inline_scripts(client, trainee):
    client.force_login(trainee)
    response = client.get(reverse("ruptures:practice_home"))
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert "<script>" not in response.text


def test_forbidden_and_missing_pages_explain_themselves(client, trainee):
    client.force_login(trainee)
    forbidden = client.get(reverse("ruptures:cohort_home"))
    assert forbidden.status_code == 403
    assert "not part of your role" in forbidden.text
    missing = client.get("/attempts/999999/")
    assert missing.status_code == 404
    assert "belongs to someone else" in missing.text
