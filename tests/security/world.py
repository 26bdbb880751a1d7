"""The security suite's world, its roles, the URL conf walked, and a snapshot of every row.

One world serves every test of a module (see `conftest.py`): trainee A owns an
attempt with a recognition answer, a try at every step, a supervisor's review,
an open review request and a shared journal entry; trainee B is in A's cohort;
supervisor S supervises that cohort and S2 another; P is a program admin and
a superuser does data repair. Every role is asked for A's objects. A's words,
names and cohort are hostile (`HOSTILE`), so every page walked shows them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ruptures.library import load_file
from ruptures.models import PROGRAM_ADMIN, SUPERVISOR, ScenarioStatus, User
from ruptures.services.imports import import_stage
from ruptures.services.reviews import StepInput, journal_share, review_request_create, review_save
from ruptures.services.rubrics import rubric_first
from tests.factories import (
    LIBRARY,
    make_cohort,
    make_finished_attempt,
    make_library_scenario,
    make_user,
)

# Who asks, in the order of the expectation table's columns.
ROLES = (
    "anonymous",
    "trainee",  # A, the owner
    "other_trainee",  # B, same cohort, asking for A's ids
    "other_supervisor",  # S2, supervising another cohort
    "own_supervisor",  # S, supervising A's cohort
    "program_admin",  # P
)

# What a hostile user types, wherever A's words and names are shown: every page walked
# must show it as text (no script, no handler runs) and every CSV must not start a
# cell with a formula (see checks.py).
HOSTILE = {
    "name": '=HYPERLINK("http://evil.example","Ada")<script>alert("name")</script>',
    "answer": '=HYPERLINK("http://evil.example") <script>alert(1)</script> {{ 7*7 }} I notice.',
    "journal": "<img src=x onerror=alert(2)>",
    "comment": '"><svg onload=alert(3)>',
    "reason": "</textarea><script>alert(4)</script>",
    "cohort": "@SUM(1+1) <b onmouseover=alert(5)>Cohort A</b>",
}


@dataclass
class World:
    trainee: User
    other_trainee: User
    own_supervisor: User
    other_supervisor: User
    program_admin: User
    superuser: User
    invitee: User
    ids: dict[str, object]

    def user(self, role: str) -> User | None:
        return None if role == "anonymous" else getattr(self, role)


def build_world() -> World:
    published = make_library_scenario("withdrawal", 0)
    draft = make_library_scenario("withdrawal", 1)
    draft.status = ScenarioStatus.DRAFT
    draft.save(update_fields=["status"])

    trainee = make_user(first_name=HOSTILE["name"], last_name="Quirke", email="ada@example.org")
    other_trainee = make_user(first_name="Bea")
    own_supervisor = make_user(SUPERVISOR)
    other_supervisor = make_user(SUPERVISOR)
    program_admin = make_user(PROGRAM_ADMIN, email="p@example.org")
    superuser = make_user(None, is_superuser=True, is_staff=True)
    # Invited, never signed in: the set-password link works until used.
    invitee = make_user(email="new@example.org", password=None)
    cohort = make_cohort(supervisor=own_supervisor, name=HOSTILE["cohort"])
    cohort.trainees.add(trainee, other_trainee)
    make_cohort(supervisor=other_supervisor).trainees.add(make_user())

    attempt = make_finished_attempt(trainee, published)
    attempt.journal = "journal-words-only-ada-wrote " + HOSTILE["journal"]
    attempt.save(update_fields=["journal"])
    attempt.responses.update(text=HOSTILE["answer"])
    journal_share(attempt=attempt, shared=True)
    review_save(
        attempt=attempt,
        reviewer=own_supervisor,
        steps={"invite": StepInput(3, HOSTILE["comment"], 0)},
    )
    notice = attempt.version.steps.get(name="notice")
    review_request_create(attempt=attempt, step=notice, reason=HOSTILE["reason"])

    rubric = rubric_first()
    spec = load_file(sorted((LIBRARY / "confrontation").glob("*.yaml"))[0])
    batch = import_stage(author=program_admin, name="upload.yaml", specs=[("upload.yaml", spec)])

    ids = {
        "attempt": attempt.pk,
        "trainee": trainee.pk,
        "cohort": cohort.pk,
        "person": trainee.pk,
        "batch": batch.pk,
        "published": published.slug,
        "draft": draft.slug,
        "number": rubric.number,  # version 1: of the scenario, and of the rubric
        "step": "notice",
        "uidb64": urlsafe_base64_encode(force_bytes(invitee.pk)),
        "token": default_token_generator.make_token(invitee),
    }
    return World(
        trainee=trainee,
        other_trainee=other_trainee,
        own_supervisor=own_supervisor,
        other_supervisor=other_supervisor,
        program_admin=program_admin,
        superuser=superuser,
        invitee=invitee,
        ids=ids,
    )


def url_patterns(resolver: URLResolver | None = None, prefix: str = ""):
    """(namespaced name or None, route, pattern) for every view in the URL conf, depth first."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            namespace = f"{entry.namespace}:" if entry.namespace else ""
            for name, sub_route, pattern in url_patterns(entry, route):
                yield (namespace + name if name else None), sub_route, pattern
        else:
            assert isinstance(entry, URLPattern)
            yield entry.name, route, entry


def named_patterns() -> dict[str, URLPattern]:
    return {name: pattern for name, _, pattern in url_patterns() if name}


def snapshot() -> dict[str, list[tuple]]:
    """Every row of every table of ours (users, groups held, cohorts, attempts, reviews...).

    Sessions are left out: signing in writes one, and that is not the page's doing.
    Plain SQL: the suite takes hundreds of these, and the ORM's compiling them cost most.
    """
    quote = connection.ops.quote_name
    tables = {}
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            if model._meta.app_label == "ruptures":
                table, pk = model._meta.db_table, model._meta.pk.column
                cursor.execute(f"SELECT * FROM {quote(table)} ORDER BY {quote(pk)}")
                tables[table] = cursor.fetchall()
    return tables
