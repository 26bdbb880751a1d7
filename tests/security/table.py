"""The expectation table: for every named URL, what each role gets for GET and for POST.

Read with `test_security_urls.py`, whose docstring gives the rules the table
follows; the CSRF tests post to every view the table says takes a POST.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.test import Client
from django.urls import reverse

from tests.security.world import ROLES, World, named_patterns

# An int is the status; L a 302 to the sign-in page with ?next= this URL; any other
# string a 302 to that location ({attempt} and the like are the world's ids, * any).
L = "login"
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


ATTEMPT = "/attempts/{attempt}/"
STEP = "/attempts/{attempt}/steps/notice/"
SET_PASSWORD = "/accounts/set-password/{uidb64}/set-password/"

EXPECTED: dict[str, Row] = {
    # Everyone. Signed in, the sign-in page sends home (redirect_authenticated_user).
    "login": Row(get=_(200, *["/"] * 5), post=_(200, *["/"] * 5)),
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
    "ruptures:rubric_scoring": Row(get=PROGRAM_ADMINS, post=PROGRAM_ADMINS),
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
    # An empty post: the page again, asking for a role.
    "ruptures:person_role": Row(get=NOT_TAKEN, post=PROGRAM_ADMINS, pk="person"),
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


def build_url(world: World, name: str, row: Row | None = None, **ids: object) -> str:
    """The pattern's URL for the world's ids (`ids` overrides them, by the world's key)."""
    pattern = named_patterns()[name]
    ids = {**world.ids, **ids}
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


def client_for(world: World, role: str) -> Client:
    client = Client()
    user = world.user(role)
    if user is not None:
        client.force_login(user)
    return client


def admin_names() -> list[str]:
    return sorted(name for name in named_patterns() if name.startswith("admin:"))
