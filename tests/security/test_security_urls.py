"""Every URL of the URL conf × every role, from one expectation table.

The patterns are read from `get_resolver()`, so a view added later fails
`test_the_table_names_every_pattern` until someone decides who may reach it.
Each role asks for trainee A's objects (see `world.py`). The product's rules,
as `ruptures/access.py` states them:

- anonymous visitors are sent to sign in (`LoginRequiredMiddleware`);
- a role without the page gets 403 (`role_required`), before any lookup;
- a role with the page asking for an object outside its scope gets 404,
  exactly like a missing one, so a foreign id reveals nothing;
- a method the view does not take is 405 (checked before the role).

A refused request (sign-in, 403, 404, 405) writes nothing, and no GET writes
anything except where `GET_WRITES` says why. The Django admin (`admin:*`) is
one group: superusers only.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatch
from urllib.parse import quote

import pytest
from django.test import Client
from django.urls import reverse

from tests.security.checks import assert_security_headers, inline_scripts, is_html
from tests.security.world import ROLES, World, named_patterns, snapshot, url_patterns

pytestmark = pytest.mark.django_db

L = "login"  # 302 to the sign-in page, with ?next= this URL
REFUSED = {L, 403, 404, 405}


def _(*codes: object) -> tuple[object, ...]:
    assert len(codes) == len(ROLES)
    return codes


#                 anonymous trainee A other trainee other sup. own sup. program admin
ANY_ROLE = _(L, 200, 200, 200, 200, 200)
NOT_TAKEN = _(L, 405, 405, 405, 405, 405)
OWN_ATTEMPT = _(L, 200, 404, 403, 403, 403)
SUPERVISORS = _(L, 403, 403, 200, 200, 403)
REPORTS = _(L, 403, 403, 200, 200, 200)
OWN_COHORT = _(L, 403, 403, 404, 200, 200)
PROGRAM_ADMINS = _(L, 403, 403, 403, 403, 200)
# Pages that need no sign-in: the sign-in page itself and the set-password link.
OPEN = _(200, 200, 200, 200, 200, 200)


@dataclass(frozen=True)
class Row:
    get: tuple[object, ...]
    post: tuple[object, ...]
    pk: str | None = None  # which of the world's ids a <pk> is
    slug: str = "draft"  # which scenario a <slug> is


def _admin_redirect(to: str) -> tuple[object, ...]:
    return _(L, *[to] * 5)


ATTEMPT = "/attempts/{attempt}/"
STEP = "/attempts/{attempt}/steps/notice/"
SET_PASSWORD = "/accounts/set-password/{uidb64}/set-password/"

EXPECTED: dict[str, Row] = {
    # Everyone
    "login": Row(
        get=_(200, *["/"] * 5), post=_(200, *["/"] * 5)
    ),  # signed in: sent home (redirect_authenticated_user)
    "logout": Row(get=NOT_TAKEN, post=_(L, *["/accounts/login/"] * 5)),
    "password_change": Row(get=ANY_ROLE, post=ANY_ROLE),  # an empty form: errors, no change
    "password_change_done": Row(get=ANY_ROLE, post=NOT_TAKEN),
    # The link is the credential: whoever holds it is sent to the form, token out of the URL.
    "password_set": Row(get=_(*[SET_PASSWORD] * 6), post=_(*[SET_PASSWORD] * 6)),
    "password_set_done": Row(get=OPEN, post=_(*[405] * 6)),
    "ruptures:home": Row(
        get=_(L, "/practice/", "/practice/", "/cohort/", "/cohort/", "/authoring/"),
        post=NOT_TAKEN,
    ),
    "ruptures:how_scoring_works": Row(get=ANY_ROLE, post=NOT_TAKEN),
    # Trainees: their own attempts only; other roles do not practise.
    "ruptures:practice_home": Row(get=_(L, 200, 200, 403, 403, 403), post=NOT_TAKEN),
    "ruptures:attempt_start": Row(
        get=NOT_TAKEN,
        # A published scenario on both trainees' list: each starts their own attempt.
        post=_(L, "/attempts/*/", "/attempts/*/", 403, 403, 403),
        slug="published",
    ),
    "ruptures:attempt_detail": Row(get=OWN_ATTEMPT, post=NOT_TAKEN, pk="attempt"),
    "ruptures:attempt_recognise": Row(
        get=NOT_TAKEN, post=_(L, ATTEMPT, 404, 403, 403, 403), pk="attempt"
    ),  # already answered: back to the attempt
    "ruptures:attempt_step": Row(get=OWN_ATTEMPT, post=OWN_ATTEMPT, pk="attempt"),
    "ruptures:attempt_step_draft": Row(get=NOT_TAKEN, post=OWN_ATTEMPT, pk="attempt"),
    "ruptures:attempt_summary": Row(get=OWN_ATTEMPT, post=OWN_ATTEMPT, pk="attempt"),
    "ruptures:progress": Row(get=_(L, 200, 200, 403, 403, 403), post=NOT_TAKEN),
    "ruptures:journal": Row(get=_(L, 200, 200, 403, 403, 403), post=NOT_TAKEN),
    "ruptures:journal_share": Row(
        get=NOT_TAKEN,
        post=_(L, "/journal/#journal_entry_{attempt}", 404, 403, 403, 403),
        pk="attempt",
    ),
    "ruptures:review_request": Row(
        get=NOT_TAKEN, post=_(L, STEP, 404, 403, 403, 403), pk="attempt"
    ),
    # Supervisors: their cohorts' trainees; program admins read reviews and reports.
    "ruptures:cohort_home": Row(get=SUPERVISORS, post=NOT_TAKEN),
    "ruptures:trainee_detail": Row(
        get=_(L, 403, 403, 404, 200, 403), post=NOT_TAKEN, pk="trainee"
    ),
    "ruptures:review_queue": Row(get=SUPERVISORS, post=NOT_TAKEN),
    "ruptures:review_attempt": Row(
        get=OWN_COHORT,
        # An empty form re-renders with its errors; a program admin reads but never writes.
        post=_(L, 403, 403, 404, 200, 403),
        pk="attempt",
    ),
    "ruptures:review_step": Row(get=NOT_TAKEN, post=_(L, 403, 403, 404, 200, 403), pk="attempt"),
    "ruptures:agreement": Row(get=REPORTS, post=NOT_TAKEN),
    "ruptures:cohort_export": Row(get=OWN_COHORT, post=NOT_TAKEN, pk="cohort"),
    "ruptures:data_dictionary": Row(get=REPORTS, post=NOT_TAKEN),
    "ruptures:data_dictionary_csv": Row(get=REPORTS, post=NOT_TAKEN),
    # Program admins: authoring. Empty forms re-render with errors (200).
    "ruptures:authoring_home": Row(get=PROGRAM_ADMINS, post=NOT_TAKEN),
    "ruptures:scenario_create": Row(get=PROGRAM_ADMINS, post=PROGRAM_ADMINS),
    "ruptures:scenario_create_preview": Row(get=NOT_TAKEN, post=PROGRAM_ADMINS),
    "ruptures:scenario_create_check": Row(get=NOT_TAKEN, post=PROGRAM_ADMINS),
    "ruptures:scenario_edit": Row(get=PROGRAM_ADMINS, post=PROGRAM_ADMINS),
    "ruptures:scenario_preview": Row(get=NOT_TAKEN, post=PROGRAM_ADMINS),
    "ruptures:scenario_check": Row(get=NOT_TAKEN, post=PROGRAM_ADMINS),
    "ruptures:scenario_status": Row(
        get=NOT_TAKEN, post=_(L, 403, 403, 403, 403, "/authoring/scenarios/{draft}/")
    ),
    "ruptures:scenario_history": Row(get=PROGRAM_ADMINS, post=NOT_TAKEN),
    "ruptures:scenario_version": Row(get=PROGRAM_ADMINS, post=NOT_TAKEN),
    "ruptures:scenario_restore": Row(
        get=NOT_TAKEN, post=_(L, 403, 403, 403, 403, "/authoring/scenarios/{draft}/history/")
    ),
    "ruptures:scenario_export": Row(get=PROGRAM_ADMINS, post=NOT_TAKEN),
    "ruptures:library_export": Row(get=PROGRAM_ADMINS, post=NOT_TAKEN),
    "ruptures:import_upload": Row(get=PROGRAM_ADMINS, post=PROGRAM_ADMINS),
    "ruptures:import_batch": Row(
        # POST confirms the upload: imported, then the library.
        get=PROGRAM_ADMINS,
        post=_(L, 403, 403, 403, 403, "/authoring/"),
        pk="batch",
    ),
    "ruptures:rubric_home": Row(get=PROGRAM_ADMINS, post=NOT_TAKEN),
    "ruptures:rubric_pitfalls": Row(get=PROGRAM_ADMINS, post=PROGRAM_ADMINS),
    "ruptures:rubric_version": Row(get=PROGRAM_ADMINS, post=NOT_TAKEN),
    "ruptures:rubric_restore": Row(
        get=NOT_TAKEN, post=_(L, 403, 403, 403, 403, "/authoring/rubric/")
    ),
    "ruptures:rubric_step": Row(get=PROGRAM_ADMINS, post=PROGRAM_ADMINS),
    "ruptures:rubric_step_preview": Row(get=NOT_TAKEN, post=PROGRAM_ADMINS),
    "ruptures:rubric_step_check": Row(get=NOT_TAKEN, post=PROGRAM_ADMINS),
    "ruptures:people_home": Row(get=PROGRAM_ADMINS, post=NOT_TAKEN),
    "ruptures:person_create": Row(get=PROGRAM_ADMINS, post=PROGRAM_ADMINS),
    "ruptures:person_detail": Row(get=PROGRAM_ADMINS, post=NOT_TAKEN, pk="person"),
    "ruptures:person_active": Row(
        get=NOT_TAKEN, post=_(L, 403, 403, 403, 403, "/authoring/people/{person}/"), pk="person"
    ),
    "ruptures:person_link": Row(
        get=NOT_TAKEN, post=_(L, 403, 403, 403, 403, "/authoring/people/{person}/"), pk="person"
    ),
    "ruptures:person_export": Row(get=PROGRAM_ADMINS, post=NOT_TAKEN, pk="person"),
    "ruptures:person_delete": Row(get=PROGRAM_ADMINS, post=PROGRAM_ADMINS, pk="person"),
    "ruptures:cohorts_home": Row(get=PROGRAM_ADMINS, post=NOT_TAKEN),
    "ruptures:cohort_create": Row(get=PROGRAM_ADMINS, post=PROGRAM_ADMINS),
    "ruptures:cohort_edit": Row(get=PROGRAM_ADMINS, post=PROGRAM_ADMINS, pk="cohort"),
}

# GETs that write, and why; every other GET leaves every row as it was.
GET_WRITES = {
    ("ruptures:attempt_summary", "trainee"): "reading the summary marks the review read",
}

# What only A, A's supervisor (the journal, because A shared it) and the
# authoring pages (A's name) may show.
PRIVATE_NAME = "Quirke"
PRIVATE_JOURNAL = "journal-words-only-ada-wrote"


def build_url(world: World, name: str, row: Row | None = None) -> str:
    pattern = named_patterns()[name]
    ids = world.ids
    kwargs: dict[str, object] = {}
    for key in pattern.pattern.regex.groupindex:  # a path()'s converters, a re_path's groups
        if key == "pk":
            kwargs[key] = ids[row.pk]
        elif key == "slug":
            kwargs[key] = ids[row.slug]
        elif key in ("object_id", "content_type_id", "id"):  # the admin's: any id will do
            kwargs[key] = 1
        elif key == "app_label":
            kwargs[key] = "ruptures"
        else:  # step, number, uidb64, token
            kwargs[key] = ids[key]
    return reverse(name, kwargs=kwargs)


def app_names() -> list[str]:
    return sorted(name for name in named_patterns() if not name.startswith("admin:"))


def test_the_table_names_every_pattern():
    """A view added to the URL conf fails here until its row says who may reach it."""
    assert set(app_names()) - set(EXPECTED) == set(), "patterns missing from EXPECTED"
    assert set(EXPECTED) - set(app_names()) == set(), "EXPECTED names patterns that are gone"


def test_every_view_outside_the_admin_has_a_name():
    """An unnamed pattern could not be in the table, so none may exist."""
    unnamed = [route for name, route, _ in url_patterns() if not name]
    assert all(route.startswith("admin/") for route in unnamed), unnamed


def _client(world: World, role: str) -> Client:
    client = Client()
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    return client


def _assert_status(response, expected: object, url: str, world: World) -> None:
    if expected == L:
        assert response.status_code == 302
        assert response["Location"] == f"{reverse('login')}?next={quote(url)}"
    elif isinstance(expected, str):
        assert response.status_code == 302
        assert fnmatch(response["Location"], expected.format(**world.ids)), response["Location"]
    else:
        assert response.status_code == expected


def _body(response) -> str:
    content = response.getvalue()  # streamed or not (the CSV export streams)
    return content.decode(errors="replace")  # a zip download is not text


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_role_gets_what_the_table_says(world, name, role):
    row = EXPECTED[name]
    url = build_url(world, name, row)
    client = _client(world, role)
    column = ROLES.index(role)
    for method, expected in (("get", row.get), ("post", row.post)):
        before = snapshot()
        response = getattr(client, method)(url)
        _assert_status(response, expected[column], url, world)
        assert_security_headers(response)
        if expected[column] in REFUSED or (method == "get" and (name, role) not in GET_WRITES):
            assert snapshot() == before, f"{method.upper()} {url} as {role} wrote to the database"
        if response.status_code == 200:
            body = _body(response)
            if is_html(response):
                assert inline_scripts(body) == []
            if role in ("other_trainee", "other_supervisor"):
                assert PRIVATE_NAME not in body
            if role in ("other_trainee", "other_supervisor", "program_admin"):
                assert PRIVATE_JOURNAL not in body


def test_the_exceptions_to_get_writes_nothing_are_real(world):
    """Each GET_WRITES entry does write: an entry nobody needs would hide a change."""
    for name, role in GET_WRITES:
        row = EXPECTED[name]
        before = snapshot()
        _client(world, role).get(build_url(world, name, row))
        assert snapshot() != before, (name, role)


# --- The Django admin: one group, superusers only ------------------------------------


def admin_names() -> list[str]:
    return sorted(name for name in named_patterns() if name.startswith("admin:"))


def test_the_admin_group_is_walked():
    names = admin_names()
    assert {"admin:index", "admin:login", "admin:logout"} <= set(names)
    assert "admin:ruptures_attempt_change" in names and len(names) > 40


@pytest.mark.parametrize("name", admin_names())
def test_only_superusers_reach_the_admin(world, name):
    url = build_url(world, name)
    for role in ROLES:
        client = _client(world, role)
        for method in ("get", "post"):
            before = snapshot()
            response = getattr(client, method)(url)
            assert_security_headers(response)
            if name == "admin:login":
                # The page shows, and says a non-superuser is not allowed in (test_admin_site).
                assert response.status_code == 200
            elif name == "admin:logout" and role != "anonymous":
                assert (response.status_code, response["Location"]) == (302, "/admin/")
            else:
                # To a sign-in page (the admin's or ours), to come back here.
                signin = {f"{reverse(to)}?next={quote(url)}" for to in ("login", "admin:login")}
                assert response.status_code == 302, (role, method)
                assert response["Location"] in signin, (role, method)
            assert snapshot() == before


@pytest.mark.parametrize(
    "name", [n for n in admin_names() if n == "admin:index" or n.endswith("_changelist")]
)
def test_a_superuser_reaches_the_admin(world, name):
    response = _client(world, "superuser").get(build_url(world, name))
    assert response.status_code == 200
    assert_security_headers(response)
