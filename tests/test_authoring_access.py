"""Only program admins reach authoring, and nothing there raises their own permissions.

The URL walk reads the URL configuration, so a page added later is walked too.
"""

import uuid
from pathlib import Path

import pytest
from django.urls import URLPattern, reverse

from ruptures.library import load_file
from ruptures.models import PROGRAM_ADMIN, SUPERVISOR, TRAINEE, User
from ruptures.services.library import library_load
from ruptures.urls import authoring_patterns
from tests.factories import make_cohort, make_scenario, make_user

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


def test_the_walk_covers_every_authoring_page():
    assert len(NAMES) == len(set(NAMES)) >= 30
    assert all(_url(pattern).startswith("/authoring/") for pattern in authoring_patterns)


@pytest.mark.parametrize("pattern", authoring_patterns, ids=NAMES)
def test_anonymous_visitors_are_sent_to_sign_in(client, pattern):
    url = _url(pattern)
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize("role", [TRAINEE, SUPERVISOR])
@pytest.mark.parametrize("pattern", authoring_patterns, ids=NAMES)
def test_trainees_and_supervisors_are_refused_every_authoring_page(client, pattern, role):
    make_scenario(slug="fine-just-tired")
    person = make_user(role)
    client.force_login(person)
    url = _url(pattern, pk=person.pk)
    statuses = {client.get(url).status_code, client.post(url, {"save": "publish"}).status_code}
    # 403 for the method the page takes; 405 for the other one.
    assert 403 in statuses and statuses <= {403, 405}, statuses


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
