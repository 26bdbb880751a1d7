"""Nothing on an authoring page raises the program admin's own permissions.

Who reaches each authoring page (only program admins) is in the URL × role
table of tests/security/, which reads the whole URL configuration.
"""

import uuid
from pathlib import Path

import pytest
from django.urls import URLPattern, reverse

from ruptures.library import load_file
from ruptures.models import PROGRAM_ADMIN, SUPERVISOR, User
from ruptures.services.library import library_load
from ruptures.urls import authoring_patterns
from tests.factories import make_cohort

pytestmark = pytest.mark.django_db

SAMPLE = (
    Path(__file__).resolve().parent.parent / "scenarios" / "withdrawal" / "fine-just-tired.yaml"
)
SAMPLE_ARGS = {"slug": "fine-just-tired", "number": 1, "step": "invite", "pk": 1}


def _url(pattern: URLPattern, **overrides: object) -> str:
    names = pattern.pattern.converters
    kwargs = {name: overrides.get(name, SAMPLE_ARGS[name]) for name in names}
    if type(names.get("pk")).__name__ == "UUIDConverter":
        kwargs["pk"] = overrides.get("uuid", uuid.uuid4())
    return reverse(f"ruptures:{pattern.name}", kwargs=kwargs)


NAMES = [pattern.name for pattern in authoring_patterns]


RAISE = {
    "is_superuser": "on",
    "is_staff": "on",
    "groups": ["1", "2", "3"],
    "role": SUPERVISOR,
    "active": "0",
    "status": "published",
    "confirm": "x",
}


@pytest.mark.parametrize("pattern", authoring_patterns, ids=NAMES)
def test_no_authoring_page_changes_the_admins_own_permissions(client, program_admin, pattern):
    library_load(specs=[load_file(SAMPLE)])
    cohort = make_cohort()
    client.force_login(program_admin)
    url = _url(pattern, pk=program_admin.pk if "person" in pattern.name else cohort.pk)
    client.get(url)
    client.post(url, {**RAISE, "supervisor": program_admin.pk, "trainees": [program_admin.pk]})
    admin = User.objects.get(pk=program_admin.pk)
    assert (admin.is_superuser, admin.is_staff, admin.is_active) == (False, False, True)
    assert admin.role_names == {PROGRAM_ADMIN}


def test_an_admins_own_account_offers_no_changes(client, program_admin):
    client.force_login(program_admin)
    html = client.get(reverse("ruptures:person_detail", args=[program_admin.pk])).text
    assert "This is you." in html
    assert reverse("ruptures:person_active", args=[program_admin.pk]) not in html
    assert reverse("ruptures:person_delete", args=[program_admin.pk]) not in html
    form = client.get(reverse("ruptures:person_create")).text
    for field in ("is_staff", "is_superuser", "groups", "user_permissions", "password"):
        assert f'name="{field}"' not in form
