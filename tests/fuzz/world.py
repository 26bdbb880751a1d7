"""One small studio for the fuzz and hostile-input tests: every kind of object a URL can name.

`build_world()` makes a program admin, a supervisor with a cohort, a trainee
in it with an attempt in each state (recognising, repairing, done and
reviewed, with a review request and a journal entry), a second trainee to
manage, a scenario with two versions, two rubric versions and an upload
waiting for confirmation. `url_for(pattern, world)` fills a URL pattern's
arguments from it, so that a walk over the URL conf reaches real objects.
"""

from __future__ import annotations

import copy
import hashlib
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.tokens import default_token_generator
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from ruptures.library import load_file, parse_scenario
from ruptures.models import (
    PROGRAM_ADMIN,
    SUPERVISOR,
    TRAINEE,
    Attempt,
    Cohort,
    ImportBatch,
    Scenario,
    User,
)
from ruptures.services import authoring, imports, reviews, rubrics
from ruptures.services.attempts import attempt_reflect
from tests.factories import LIBRARY, make_attempt, make_finished_attempt, make_user

# The apps whose rows a request may write: ours and the users' and groups'.
# Sessions, and any app a rate limiter brings, are not part of the studio's data.
SNAPSHOT_APPS = ("ruptures", "auth")


@dataclass
class World:
    admin: User
    supervisor: User
    trainee: User
    other_trainee: User
    cohort: Cohort
    scenario: Scenario
    recognising: Attempt
    repairing: Attempt
    done: Attempt
    batch: ImportBatch
    rubric_number: int
    extra: dict[str, object] = field(default_factory=dict)

    def user(self, role: str) -> User:
        return {PROGRAM_ADMIN: self.admin, SUPERVISOR: self.supervisor, TRAINEE: self.trainee}[
            role
        ]


def library_spec(kind: str = "withdrawal", index: int = 0):
    return load_file(sorted((LIBRARY / kind).glob("*.yaml"))[index])


def build_world() -> World:
    admin = make_user(PROGRAM_ADMIN, email="admin@example.org")
    supervisor = make_user(SUPERVISOR, email="sup@example.org")
    trainee = make_user(TRAINEE, email="trainee@example.org")
    other = make_user(TRAINEE, email="other@example.org")
    spec = library_spec()
    first = authoring.scenario_create(spec=spec, author=admin)
    scenario = first.scenario
    changed = spec.to_file_dict()
    changed["title"] = changed["title"] + " (revised)"
    authoring.scenario_save(
        scenario=scenario,
        spec=parse_scenario(changed, source="revised"),
        author=admin,
        base=first.number,
    )
    scenario.refresh_from_db()
    cohort = Cohort.objects.create(name="Cohort A", supervisor=supervisor)
    cohort.trainees.add(trainee, other)
    done = make_finished_attempt(trainee, scenario, level=1)
    attempt_reflect(attempt=done, difficulty_rating="", journal="What I noticed today.")
    step = done.version.steps.get(name="validate")
    reviews.review_request_create(attempt=done, step=step, reason="Please look again.")
    repairing = make_attempt(
        trainee=trainee,
        scenario=scenario,
        said_rupture=True,
        said_type="withdrawal",
        said_markers=["minimal_response"],
        recognition_score=100,
    )
    recognising = make_attempt(trainee=trainee, scenario=scenario)
    current = rubrics.rubric_current_version()
    data = dict(current.data)
    saved = rubrics.rubric_save(data=_touched(data), author=admin, base=current.number)
    batch = imports.import_stage(
        author=admin, name="upload.yaml", specs=[("upload.yaml", library_spec("confrontation"))]
    )
    return World(
        admin=admin,
        supervisor=supervisor,
        trainee=trainee,
        other_trainee=other,
        cohort=cohort,
        scenario=scenario,
        recognising=recognising,
        repairing=repairing,
        done=done,
        batch=batch,
        rubric_number=saved.number,
    )


def _touched(data: dict) -> dict:
    """The rubric data with one feedback text changed: a second version to diff and restore."""
    data = copy.deepcopy(data)
    pitfalls = data["pitfalls"]
    name = sorted(pitfalls)[0]
    pitfalls[name] = {**pitfalls[name], "label": pitfalls[name].get("label", name) + " (v2)"}
    return data


def walk(resolver: URLResolver | None = None, prefix: str = "", namespace: str = ""):
    """Every URL pattern as (qualified name, pattern, route), admin's excepted."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.app_name == "admin":
                continue
            ns = entry.namespace or namespace
            yield from walk(entry, route, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, entry, route


def arguments(name: str, route: str, world: World) -> dict[str, object]:
    """The URL arguments naming real objects of `world` for the pattern `name`."""
    short = name.split(":")[-1]
    kwargs: dict[str, object] = {}
    if "<slug:slug>" in route:
        kwargs["slug"] = world.scenario.slug
    if "<int:number>" in route:
        # The newest rubric version has one before it to diff; version 1 is there to restore.
        kwargs["number"] = world.rubric_number if short == "rubric_version" else 1
    if "<str:step>" in route:
        kwargs["step"] = "invite"
    if "<uuid:pk>" in route:
        kwargs["pk"] = world.batch.pk
    elif "<int:pk>" in route:
        kwargs["pk"] = _pk(short, world)
    if "<uidb64>" in route:
        kwargs["uidb64"] = urlsafe_base64_encode(force_bytes(world.other_trainee.pk))
        kwargs["token"] = default_token_generator.make_token(world.other_trainee)
    return kwargs


def _pk(short: str, world: World) -> int:
    if short.startswith("person"):
        return world.other_trainee.pk
    if short.startswith("cohort") or short == "cohort_export":
        return world.cohort.pk
    if short == "trainee_detail":
        return world.trainee.pk
    if short == "attempt_recognise":
        return world.recognising.pk
    if short in {"attempt_step", "attempt_step_draft"}:
        return world.repairing.pk
    return world.done.pk


def url_for(name: str, route: str, world: World) -> str:
    return reverse(name, kwargs=arguments(name, route, world))


def snapshot() -> dict[str, str]:
    """A checksum of every row of every table of the studio's apps, by model.

    Computed by the database on PostgreSQL (each row as text, hashed), read
    raw on SQLite: decoding every JSON document through the ORM twice per
    fuzzed request would cost more than the request.
    """
    tables = {
        model._meta.label: model._meta.db_table
        for app in SNAPSHOT_APPS
        for model in apps.get_app_config(app).get_models(include_auto_created=True)
    }
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            parts = [
                f"SELECT %s, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
                f"FROM {connection.ops.quote_name(table)} t"
                for table in tables.values()
            ]
            cursor.execute(" UNION ALL ".join(parts), list(tables))
            return dict(cursor.fetchall())
        sums = {}
        for label, table in tables.items():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)} ORDER BY 1")
            rows = repr(cursor.fetchall()).encode("utf-8", "backslashreplace")
            sums[label] = hashlib.sha256(rows).hexdigest()
        return sums


def changed_models(before: dict[str, str], after: dict[str, str]) -> set[str]:
    return {label for label, digest in after.items() if before.get(label) != digest}
