"""Hypothesis posts random and oversized form data to every view that takes a POST.

The table below names each such view with the role allowed to use it, the
page whose form posts to it (the fuzzing starts from what that form would
send, so that one bad field is tried among valid ones) and the models a
successful request may change. The URL conf decides which views take a
POST: a new one missing from the table fails `test_every_view_taking_a_post_is_fuzzed`.

For every example: never a 500 (the test client raises the view's exception);
only the view's own models change; and a refused request — a 4xx, or a plain
form post answered with the page again instead of a redirect — changes
nothing at all. Each example runs in a transaction rolled back afterwards,
so every example meets the same studio.

Random changes rarely leave the rest of a long form valid, so each field of
every form that writes also gets a NUL character of its own (one field per
shape: every turn's text is read alike). The pages that read a query string
get random ones too: never a 500, and a GET writes nothing.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ruptures.models import PROGRAM_ADMIN, SUPERVISOR, TRAINEE
from tests.factories import LIBRARY, make_user
from tests.fuzz.forms import form_data
from tests.fuzz.world import arguments, changed_models, snapshot, url_for, walk

pytestmark = pytest.mark.django_db

ANONYMOUS = None


def _models(*names: str) -> frozenset[str]:
    return frozenset(name if "." in name else f"ruptures.{name}" for name in names)


PRACTICE = _models("Attempt", "StepResponse", "StepResult", "StepDraft")
REVIEW = _models(
    "Review", "StepReview", "ReviewRevision", "ReviewRequest", "StepResult", "Attempt"
)
LIBRARY_MODELS = _models("Scenario", "ScenarioVersion", "Step")
COHORT = _models("Cohort", "Cohort_trainees", "Cohort_scenarios")
# Deleting a trainee removes everything of theirs.
EVERYTHING = frozenset({"*"})


@dataclass(frozen=True)
class Target:
    role: str | None
    # The page (URL name) whose form posts here; "" for the view's own page, None for no form.
    source: str | None
    writes: frozenset[str] = frozenset()
    # What a refused request keeps on purpose (a too-long answer is kept as a draft).
    keeps: frozenset[str] = frozenset()
    examples: int = 25
    # Whether each field gets a NUL of its own (the new-scenario form is the editor's, swept
    # through the edit page already).
    sweep: bool = True
    # The form to start from, when it posts elsewhere (the new-scenario page is the editor's).
    form_of: str | None = None


TARGETS: dict[str, Target] = {
    # The trainee's practice flow.
    "ruptures:attempt_start": Target(TRAINEE, "ruptures:practice_home", _models("Attempt")),
    "ruptures:attempt_recognise": Target(TRAINEE, "ruptures:attempt_detail", PRACTICE),
    "ruptures:attempt_step": Target(TRAINEE, "", PRACTICE, keeps=_models("StepDraft")),
    "ruptures:attempt_step_draft": Target(TRAINEE, "ruptures:attempt_step", PRACTICE),
    "ruptures:attempt_summary": Target(TRAINEE, "", _models("Attempt")),
    "ruptures:journal_share": Target(TRAINEE, "ruptures:journal", _models("Attempt")),
    "ruptures:review_request": Target(TRAINEE, "ruptures:attempt_step", REVIEW),
    # The supervisor's review.
    "ruptures:review_attempt": Target(SUPERVISOR, "", REVIEW),
    "ruptures:review_step": Target(SUPERVISOR, "ruptures:review_attempt", REVIEW),
    # Authoring: the library.
    "ruptures:scenario_create": Target(
        PROGRAM_ADMIN,
        "ruptures:scenario_edit",
        LIBRARY_MODELS,
        form_of="ruptures:scenario_edit",
        sweep=False,
    ),
    "ruptures:scenario_create_preview": Target(
        PROGRAM_ADMIN, "ruptures:scenario_edit", form_of="ruptures:scenario_edit"
    ),
    "ruptures:scenario_create_check": Target(
        PROGRAM_ADMIN, "ruptures:scenario_edit", form_of="ruptures:scenario_edit"
    ),
    "ruptures:scenario_edit": Target(PROGRAM_ADMIN, "", LIBRARY_MODELS),
    "ruptures:scenario_preview": Target(PROGRAM_ADMIN, "ruptures:scenario_edit"),
    "ruptures:scenario_check": Target(PROGRAM_ADMIN, "ruptures:scenario_edit"),
    "ruptures:scenario_status": Target(PROGRAM_ADMIN, "ruptures:scenario_edit", LIBRARY_MODELS),
    "ruptures:scenario_restore": Target(
        PROGRAM_ADMIN, "ruptures:scenario_history", LIBRARY_MODELS
    ),
    "ruptures:import_upload": Target(PROGRAM_ADMIN, "", _models("ImportBatch")),
    "ruptures:import_batch": Target(PROGRAM_ADMIN, "", _models("ImportBatch") | LIBRARY_MODELS),
    # Authoring: the rubric.
    "ruptures:rubric_step": Target(PROGRAM_ADMIN, "", _models("RubricVersion")),
    "ruptures:rubric_step_preview": Target(PROGRAM_ADMIN, "ruptures:rubric_step"),
    "ruptures:rubric_step_check": Target(PROGRAM_ADMIN, "ruptures:rubric_step", examples=10),
    "ruptures:rubric_pitfalls": Target(PROGRAM_ADMIN, "", _models("RubricVersion")),
    "ruptures:rubric_scoring": Target(PROGRAM_ADMIN, "", _models("RubricVersion")),
    "ruptures:rubric_restore": Target(
        PROGRAM_ADMIN, "ruptures:rubric_home", _models("RubricVersion")
    ),
    # Authoring: people and cohorts.
    "ruptures:person_create": Target(PROGRAM_ADMIN, "", _models("User", "User_groups")),
    "ruptures:person_active": Target(PROGRAM_ADMIN, "ruptures:person_detail", _models("User")),
    "ruptures:person_role": Target(
        PROGRAM_ADMIN, "ruptures:person_detail", _models("User_groups", "Cohort_trainees")
    ),
    "ruptures:person_link": Target(PROGRAM_ADMIN, "ruptures:person_detail"),
    "ruptures:person_delete": Target(PROGRAM_ADMIN, "", EVERYTHING),
    "ruptures:cohort_create": Target(PROGRAM_ADMIN, "", COHORT),
    "ruptures:cohort_edit": Target(PROGRAM_ADMIN, "", COHORT),
    # Accounts.
    "login": Target(ANONYMOUS, "", _models("User")),
    "logout": Target(TRAINEE, None),
    "password_change": Target(TRAINEE, "", _models("User")),
    "password_set": Target(ANONYMOUS, "", _models("User")),
}

# What an attacker or a broken client sends: markup, template syntax, formulas,
# numbers a column cannot hold, NUL bytes, and words the forms know.
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "{{ 7*7 }}",
    "{% debug %}",
    '=HYPERLINK("http://evil","x")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1)",
    "\x00",
    "a\x00b",
    "\u202e\u200b\ufeffé中文😀",
    "../../etc/passwd",
]
KNOWN = [
    *("", "0", "1", "2", "3", "4", "-1", "999", "1000", "1001", "abc", "1.5", "1e9", "NaN"),
    *("yes", "no", "on", "true", "publish", "draft", "published", "discard"),
    *("notice", "invite", "validate", "explore", "negotiate", "overall"),
    *("withdrawal", "confrontation", "none", "minimal_response", "advice", "defensive"),
    *("add:transcript", "remove:transcript[0]", "up:transcript[1]", "down:transcript[999]"),
    *("add:steps.invite.criteria", "remove:steps.invite.criteria[0]", "up:criteria[1]"),
    *("add:", "remove:transcript[-1]", "explode:transcript", "remove:transcript[99999999]"),
]
TEXT = st.one_of(
    st.sampled_from(HOSTILE),
    st.sampled_from(["\x00", "a\x00b"]),  # what PostgreSQL cannot store, most of all
    st.sampled_from(KNOWN),
    st.text(st.characters(codec="utf-8"), max_size=30),
    st.builds(
        lambda char, n: char * n,
        st.sampled_from(["a", "\x00", "é", "😀", "<", " ", "9"]),
        st.sampled_from([1001, 2001, 4001, 10001, 20001, 300_000]),
    ),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)
# Mostly one value, as a browser sends; sometimes several, or none (the field left out).
VALUES = st.one_of(TEXT.map(lambda text: [text]), st.lists(TEXT, max_size=3))


def _upload_samples() -> list[tuple[str, bytes]]:
    yaml = sorted((LIBRARY / "withdrawal").glob("*.yaml"))[1].read_bytes()
    nul_title = yaml.replace(b"title: ", b'title: "nul \\0 in a title" #', 1)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("withdrawal/one.yaml", yaml)
        archive.writestr("withdrawal/nul.yaml", nul_title)
        archive.writestr("../escape.yaml", yaml)
    return [
        ("scenario.yaml", yaml),
        ("nul\x00name.yaml", yaml),
        ("nul.yaml", nul_title),
        ("bundle.zip", buffer.getvalue()),
        ("not-a.zip", b"PK\x03\x04 broken"),
        ("bomb.yaml", b"a: &a [1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a]\n" * 3),
        ("empty.yaml", b""),
        ("list.yaml", b"- 1\n- 2\n"),
    ]


UPLOADS = st.one_of(
    st.sampled_from(_upload_samples()),
    st.tuples(st.sampled_from(["x.yaml", "x.zip", "x.txt", "..yaml", "é.yml"]), st.binary()),
)


def _set_up(client, world, name: str, target: Target):
    """The signed-in client, the URL to post to, and the form's own data."""
    routes = {qualified: route for qualified, _, route in walk()}
    if target.role is not ANONYMOUS:
        client.force_login(world.user(target.role))
    kwargs = arguments(name, routes[name], world)
    url = reverse(name, kwargs=kwargs)
    base: dict[str, list[str]] = {}
    if name == "password_set":
        # The link sends the browser on to a URL without the token, which is kept in the session.
        url = client.get(url)["Location"]
        base = form_data(client.get(url).text, "")
    elif target.source is not None:
        source = target.source or name
        # The source page shows the same objects: the attempt, step or scenario posted to.
        wanted = arguments(source, routes[source], world)
        page = client.get(reverse(source, kwargs={k: kwargs.get(k, v) for k, v in wanted.items()}))
        assert page.status_code == 200, (source, page.status_code)
        form_url = url
        if target.form_of:
            form_of = target.form_of
            form_url = reverse(form_of, kwargs=arguments(form_of, routes[form_of], world))
        base = form_data(page.text, form_url)
    if name == "ruptures:scenario_create":
        base["slug"] = ["a-new-scenario"]
    return url, base


# One change to the form: replace a field's values, add to the end of its text (the rest
# of the form stays valid, so the addition reaches the database), or leave it out.
OPERATIONS = ("set", "append", "drop")


def _post_data(base: dict[str, list[str]], changes) -> dict[str, list[str]]:
    data = {key: list(values) for key, values in base.items()}
    for key, operation, values in changes:
        if operation == "drop" or not values:
            data.pop(key, None)
        elif operation == "append":
            data[key] = [old + values[0] for old in data.get(key, [""])]
        else:
            data[key] = values
    return data


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_random_form_data_never_fails_and_a_refusal_writes_nothing(client, world, name):
    target = TARGETS[name]
    url, base = _set_up(client, world, name, target)
    keys = sorted(base)
    known = st.sampled_from(keys) if keys else st.text(max_size=12)
    change = st.tuples(
        st.one_of(known, known, st.text(max_size=12)), st.sampled_from(OPERATIONS), VALUES
    )
    files = st.none() if name != "ruptures:import_upload" else UPLOADS

    @settings(
        max_examples=target.examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        changes=st.lists(change, max_size=4),
        htmx=st.booleans(),
        # Now and then the form's own fields are left out altogether.
        empty=st.integers(0, 7).map(lambda n: n == 0),
        upload=files,
    )
    def post(changes, htmx, empty, upload):
        data = _post_data({} if empty else base, changes)
        if upload is not None:
            data["file"] = SimpleUploadedFile(upload[0], upload[1])
        _refused_or_stored(client, url, data, target, {"HX-Request": "true"} if htmx else None)

    post()


def _one_of_each_shape(base: dict[str, list[str]]) -> list[str]:
    """One field name per shape: `transcript[3].text` stands for every turn's text, and
    `steps.invite.prompt` for every step's prompt (each shape is read by one reader)."""
    shapes: dict[str, str] = {}
    for key in sorted(base):
        shape = re.sub(r"\[\d+\]", "[]", key)
        shape = re.sub(r"^(steps|pitfalls)\.\w+\.", r"\1.*.", shape)
        shapes.setdefault(shape, key)
    return sorted(shapes.values())


def _refused_or_stored(client, url: str, data: dict, target: Target, headers=None) -> int:
    """Post once in a rolled-back transaction; never a 500, and a refusal changes nothing."""
    before = snapshot()
    with transaction.atomic():
        response = client.post(url, data, headers=headers or {})
        after = snapshot()
        transaction.set_rollback(True)
    status = response.status_code
    assert status < 500, status
    changed = changed_models(before, after)
    if target.writes != EVERYTHING:
        assert changed <= target.writes | target.keeps, changed
    if status >= 400 or (not headers and status != 302):
        assert changed <= target.keeps, (status, changed)
    return status


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_a_nul_byte_in_any_field_never_fails_and_a_refusal_writes_nothing(client, world, name):
    """Every field of the form in turn, the rest left valid: PostgreSQL cannot store NUL.

    Random changes rarely leave the rest of a long form (the scenario editor's
    hundred fields) valid, so each field gets its NUL on its own here.
    """
    target = TARGETS[name]
    if not target.writes or not target.sweep:
        pytest.skip("writes nothing, or shares a swept form: the random data covers it")
    url, base = _set_up(client, world, name, target)
    for key in _one_of_each_shape(base):
        data = {k: list(v) for k, v in base.items()}
        data[key] = [value + "\x00" for value in data[key]]
        _refused_or_stored(client, url, data, target)
    if name == "ruptures:import_upload":
        for file_name, content in _upload_samples():
            upload = SimpleUploadedFile(file_name, content)
            _refused_or_stored(client, url, {"file": upload}, target)


def test_every_view_taking_a_post_is_fuzzed(client, world):
    """Every URL whose view answers a POST with anything but 405 is in the table."""
    nobody = make_user(None)
    taking = set()
    for name, _, route in walk():
        client.force_login(nobody)  # the logout view signs the client out
        if client.post(url_for(name, route, world)).status_code != 405:
            taking.add(name)
    assert taking == set(TARGETS)


# The pages that read their query string (filters, sorting, a chosen cohort, a page
# number), with the role that reads them and the parameters they read.
QUERIES: dict[str, tuple[str, tuple[str, ...]]] = {
    "ruptures:practice_home": (TRAINEE, ("q", "difficulty", "setting")),
    "ruptures:authoring_home": (
        PROGRAM_ADMIN,
        ("q", "rupture_type", "difficulty", "setting", "status"),
    ),
    "ruptures:people_home": (PROGRAM_ADMIN, ("query", "role", "active")),
    "ruptures:cohort_home": (SUPERVISOR, ("cohort", "sort", "dir")),
    "ruptures:review_queue": (SUPERVISOR, ("trainee", "scenario", "step", "pitfall", "page")),
    "ruptures:agreement": (SUPERVISOR, ("cohort",)),
    "ruptures:cohort_export": (SUPERVISOR, ("pseudonyms",)),
}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_a_random_query_string_never_fails_and_writes_nothing(client, world, name):
    role, params = QUERIES[name]
    routes = {qualified: route for qualified, _, route in walk()}
    client.force_login(world.user(role))
    url = url_for(name, routes[name], world)
    key = st.one_of(st.sampled_from(params), st.text(max_size=8))

    @settings(
        max_examples=15,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(query=st.dictionaries(key, VALUES, max_size=4), htmx=st.booleans())
    def get(query, htmx):
        before = snapshot()
        response = client.get(url, query, headers={"HX-Request": "true"} if htmx else {})
        if response.streaming:
            b"".join(response.streaming_content)  # a streamed body fails while it is read
        assert response.status_code < 500
        assert response.status_code in {200, 404}, response.status_code
        assert changed_models(before, snapshot()) == set()

    get()
