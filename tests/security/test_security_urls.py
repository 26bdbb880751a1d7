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

import csv
import io
import re
from fnmatch import fnmatch
from urllib.parse import quote

import pytest
from django.urls import reverse
from django.utils.html import escape

from tests.security.checks import (
    assert_security_headers,
    formula_cells,
    inline_scripts,
    is_html,
)
from tests.security.table import (
    EXPECTED,
    GET_WRITES,
    PRIVATE_JOURNAL,
    PRIVATE_NAME,
    REFUSED,
    L,
    admin_names,
    app_names,
    build_url,
    client_for,
)
from tests.security.world import HOSTILE, ROLES, World, snapshot, url_patterns

pytestmark = pytest.mark.django_db


def test_the_table_names_every_pattern():
    """A view added to the URL conf fails here until its row says who may reach it."""
    assert set(app_names()) - set(EXPECTED) == set(), "patterns missing from EXPECTED"
    assert set(EXPECTED) - set(app_names()) == set(), "EXPECTED names patterns that are gone"


def test_every_view_outside_the_admin_has_a_name():
    """An unnamed pattern could not be in the table, so none may exist."""
    unnamed = [route for name, route, _ in url_patterns() if not name]
    assert all(route.startswith("admin/") for route in unnamed), unnamed


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
    client = client_for(world, role)
    column = ROLES.index(role)
    for method, expected in (("get", row.get), ("post", row.post)):
        before = snapshot()
        response = getattr(client, method)(url)
        _assert_status(response, expected[column], url, world)
        if expected[column] in REFUSED or (method == "get" and (name, role) not in GET_WRITES):
            assert snapshot() == before, f"{method.upper()} {url} as {role} wrote to the database"
        _assert_shown_safely(response, role)


def _assert_shown_safely(response, role: str) -> None:
    """No script runs from what the page shows, no CSV cell is a formula, nothing private leaks."""
    assert_security_headers(response)
    if response.status_code != 200:
        return
    body = _body(response)
    if is_html(response):
        assert inline_scripts(body) == []
    if response.get("Content-Type", "").startswith("text/csv"):
        assert formula_cells(body) == []
    if role in ("other_trainee", "other_supervisor"):
        assert PRIVATE_NAME not in body
    if role in ("other_trainee", "other_supervisor", "program_admin"):
        assert PRIVATE_JOURNAL not in body


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_with_htmx_each_role_is_refused_alike_and_shown_text_safely(world, name, role):
    """htmx asks for fragments: a refusal must not depend on it, nor escaping."""
    row = EXPECTED[name]
    url = build_url(world, name, row)
    client = client_for(world, role)
    column = ROLES.index(role)
    for method, expected in (("get", row.get), ("post", row.post)):
        before = snapshot()
        response = getattr(client, method)(url, headers={"HX-Request": "true"})
        if expected[column] in REFUSED:
            _assert_status(response, expected[column], url, world)
            assert snapshot() == before
        else:
            assert response.status_code in (200, 204, 302), response.status_code
        _assert_shown_safely(response, role)


# (name, role, method) wherever the table answers a role's request for A's object with 404.
FOREIGN = sorted(
    (name, role, method)
    for name, row in EXPECTED.items()
    if row.pk
    for method, codes in (("get", row.get), ("post", row.post))
    for role, code in zip(ROLES, codes, strict=True)
    if code == 404
)
# What differs on every page served: the (masked, 64-character) CSRF tokens and the nonces.
PER_RESPONSE = re.compile(r'\b[A-Za-z0-9]{64}\b|nonce="[^"]*"')


def test_foreign_ids_are_asked_for_by_each_role_that_has_the_page():
    roles = {role for _, role, _ in FOREIGN}
    assert roles == {"other_trainee", "other_supervisor"}
    assert len({name for name, _, _ in FOREIGN}) >= 10


@pytest.mark.parametrize(("name", "role", "method"), FOREIGN)
def test_a_foreign_id_answers_exactly_like_a_missing_one(world, name, role, method):
    """The product's rule (access.py): someone else's object is a 404, the same page."""
    row = EXPECTED[name]
    client = client_for(world, role)
    foreign = getattr(client, method)(build_url(world, name, row))
    missing = getattr(client, method)(build_url(world, name, row, **{row.pk: 10**9}))
    assert foreign.status_code == missing.status_code == 404
    # The same page word for word.
    assert PER_RESPONSE.sub("", foreign.text) == PER_RESPONSE.sub("", missing.text)


def test_the_exceptions_to_get_writes_nothing_are_real(world):
    """Each GET_WRITES entry does write: an entry nobody needs would hide a change."""
    for name, role in GET_WRITES:
        row = EXPECTED[name]
        before = snapshot()
        client_for(world, role).get(build_url(world, name, row))
        assert snapshot() != before, (name, role)


# --- The Django admin: one group, superusers only ------------------------------------


def test_the_admin_group_is_walked():
    names = admin_names()
    assert {"admin:index", "admin:login", "admin:logout"} <= set(names)
    assert "admin:ruptures_attempt_change" in names and len(names) > 40


@pytest.mark.parametrize("name", admin_names())
def test_only_superusers_reach_the_admin(world, name):
    url = build_url(world, name)
    for role in ROLES:
        client = client_for(world, role)
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
    response = client_for(world, "superuser").get(build_url(world, name))
    assert response.status_code == 200
    assert_security_headers(response)


def test_the_hostile_words_are_on_the_pages_walked_as_text(world):
    """The walk's script and formula checks see A's hostile words, shown as plain text."""
    supervisor = client_for(world, "own_supervisor")
    review = supervisor.get(
        build_url(world, "ruptures:review_attempt", EXPECTED["ruptures:review_attempt"])
    )
    assert escape(HOSTILE["answer"]) in review.text and escape(HOSTILE["comment"]) in review.text
    export = supervisor.get(
        build_url(world, "ruptures:cohort_export", EXPECTED["ruptures:cohort_export"])
    )
    cells = {cell for row in csv.reader(io.StringIO(export.getvalue().decode())) for cell in row}
    assert "'" + HOSTILE["answer"] in cells  # kept, as text a spreadsheet will not run
    journal = client_for(world, "trainee").get(reverse("ruptures:journal"))
    assert escape(HOSTILE["journal"]) in journal.text
