"""The Django admin is for superusers (data repair); program admins are not staff."""

import importlib

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from ruptures.models import PROGRAM_ADMIN, User
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.django_db

ADMIN_PAGES = [
    "admin:index",
    "admin:ruptures_user_changelist",
    "admin:ruptures_stepresponse_changelist",
    "admin:auth_group_changelist",
]


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_a_program_admin_cannot_reach_the_django_admin_even_with_staff_status(
    client, program_admin, page
):
    program_admin.is_staff = True  # as the old demo made them; it opens nothing now
    program_admin.save()
    client.force_login(program_admin)
    response = client.get(reverse(page))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_a_program_admin_cannot_sign_in_to_the_django_admin(client):
    admin = make_user(PROGRAM_ADMIN, is_staff=True)
    response = client.post(
        reverse("admin:login"), {"username": admin.username, "password": PASSWORD}
    )
    assert response.status_code == 200  # the form again, not a redirect into the admin
    assert client.get(reverse("admin:index")).status_code == 302


def test_a_superuser_reaches_the_django_admin(client):
    client.force_login(make_user(None, is_superuser=True, is_staff=True))
    for page in ADMIN_PAGES:
        assert client.get(reverse(page)).status_code == 200


def test_the_navigation_offers_data_repair_to_superusers_only(client, program_admin):
    client.force_login(program_admin)
    assert reverse("admin:index") not in client.get(reverse("ruptures:authoring_home")).text
    program_admin.is_superuser = True
    program_admin.save()
    assert reverse("admin:index") in client.get(reverse("ruptures:authoring_home")).text


def test_seed_demo_makes_nobody_staff(settings):
    settings.DEBUG = True
    call_command("seed_demo", verbosity=0)
    assert User.objects.filter(groups__name=PROGRAM_ADMIN).exists()
    assert not User.objects.filter(is_staff=True).exists()


def test_the_migration_takes_staff_status_from_program_admins_but_not_superusers():
    migration = importlib.import_module("ruptures.migrations.0006_authoring")
    admin = make_user(PROGRAM_ADMIN, is_staff=True)
    superuser = make_user(PROGRAM_ADMIN, is_staff=True, is_superuser=True)
    migration.program_admins_are_not_staff(apps, None)
    admin.refresh_from_db()
    superuser.refresh_from_db()
    assert not admin.is_staff and superuser.is_staff
