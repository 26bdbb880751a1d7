"""Hostile text typed into every box of the studio comes back escaped, never run, on every page.

Each role writes markup, template syntax and spreadsheet formulas through the
real forms: the program admin into the rubric, a new scenario (title, client,
transcript, prompts, exemplars, criteria), a new trainee's names, a cohort's
name and an upload's file name; the trainee into five answers, a draft, a
reflection and a review request (recognition is choices only); the supervisor into every step's
comment and the overall comment. Then every page of the URL conf is read by
every role, full and as an htmx fragment: no page holds the markup unescaped,
the template syntax shows as typed (so it was never evaluated), every CSV
cell a spreadsheet would run is neutralised, and the other downloads are not
served as HTML.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
import yaml
from django.urls import reverse

from ruptures.export import FORMULA_START
from ruptures.models import (
    PROGRAM_ADMIN,
    SUPERVISOR,
    TRAINEE,
    Attempt,
    ImportBatch,
    RubricVersion,
    Scenario,
    StepName,
    User,
)
from tests.factories import make_response
from tests.fuzz.forms import form_data
from tests.fuzz.world import arguments, build_world, library_spec, walk

pytestmark = pytest.mark.django_db

# Markup that would run if a page echoed it raw, in text and in an attribute.
MARKUP = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"'><svg onload=alert(1)>",
)
# Template syntax: shown as typed proves no template engine evaluated the text.
TEMPLATE = ("{{ 7*7 }}", "{% debug %}")
UNICODE = "é中文😀\u202e"
# Short enough for a scenario's title (120 characters) with a formula in front.
PAYLOAD = " ".join((*TEMPLATE, *MARKUP, UNICODE))
# What a formula cell starts with in the CSV export (the tab and CR cases are stored
# directly: every form strips leading whitespace, so they cannot be typed).
FORMULAS = (
    '=HYPERLINK("http://evil","x")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1)",
)


def hostile(formula: str = "", *, limit: int | None = None) -> str:
    text = f"{formula} {PAYLOAD}".strip()
    return text[:limit] if limit else text


def _post(client, url: str, data: dict) -> object:
    """Post as a browser without JavaScript: the write is accepted and redirects."""
    response = client.post(url, data, follow=True)
    assert response.status_code == 200, (url, response.status_code)
    _assert_escaped(url, response)
    assert response.redirect_chain, (url, _errors(response.text))
    return response


def _errors(html: str) -> list[str]:
    return re.findall(r'<ul class="errors[^>]*>(.*?)</ul>', html, re.S)


def _assert_escaped(url: str, response) -> None:
    body = response.content.decode()
    for raw in MARKUP:
        assert raw not in body, f"{url} echoes {raw!r} unescaped"


def _editor_post(client, url: str, form_url: str) -> dict:
    return form_data(client.get(url).text, form_url)


def _write_as_admin(client, world) -> dict[str, object]:
    """The admin's writes: rubric, pitfalls, a scenario, a trainee, the cohort, an upload."""
    client.force_login(world.admin)
    # The rubric: a criterion's feedback (what the trainee reads as a tip) and the praise.
    url = reverse("ruptures:rubric_step", args=["notice"])
    data = _editor_post(client, url, url)
    for key in data:
        if key.endswith(".feedback") or key.endswith(".praise"):
            data[key] = [hostile()]
    _post(client, url, data)
    url = reverse("ruptures:rubric_pitfalls")
    data = _editor_post(client, url, url)
    for key in data:
        if key.endswith((".label", ".explanation", ".feedback")):
            data[key] = [hostile()]
    _post(client, url, data)

    # A new published scenario, every free-text field hostile.
    edit = reverse("ruptures:scenario_edit", args=[world.scenario.slug])
    data = _editor_post(client, edit, edit)
    data.pop("base_version")
    data["slug"] = ["hostile-scenario"]
    for key in list(data):
        if key in {"title", "context", "client.name", "client.presenting_concern"} or key.endswith(
            (".text", ".nonverbal", ".prompt", ".description", ".indicators")
        ):
            data[key] = [hostile()]
        elif key.endswith(".exemplars"):
            data[key] = [data[key][0] + "\n" + hostile()]
    data["save"] = ["publish"]
    _post(client, reverse("ruptures:scenario_create"), data)
    scenario = Scenario.objects.get(slug="hostile-scenario")
    # A second version, so the history has a diff of hostile text to show.
    edit = reverse("ruptures:scenario_edit", args=[scenario.slug])
    data = _editor_post(client, edit, edit)
    data["title"] = [hostile("=")]
    data["context"] = [data["context"][0] + " " + hostile()]
    _post(client, edit, data)

    # A trainee with hostile names (the CSV's name cell starts with a formula).
    _post(
        client,
        reverse("ruptures:person_create"),
        {
            "username": "hostile_trainee",
            "first_name": FORMULAS[0],
            "last_name": hostile(limit=150),
            "email": "hostile@example.org",
            "role": TRAINEE,
        },
    )
    person = User.objects.get(username="hostile_trainee")
    # The cohort renamed, with the new trainee in it.
    url = reverse("ruptures:cohort_edit", args=[world.cohort.pk])
    _post(
        client,
        url,
        {
            "name": hostile("+", limit=100),
            "supervisor": world.supervisor.pk,
            "trainees": [world.trainee.pk, person.pk],
        },
    )
    # An upload with a hostile file name and title, waiting to be confirmed.
    spec = library_spec("confrontation", 1).to_file_dict()
    spec["title"] = hostile()
    upload = io.BytesIO(yaml.safe_dump(spec, allow_unicode=True).encode())
    upload.name = "<img src=x onerror=alert(1)>.yaml"
    _post(client, reverse("ruptures:import_upload"), {"file": upload})
    return {"scenario": scenario, "person": person}


def _write_as_trainee(client, world, scenario, person) -> tuple[Attempt, Attempt]:
    client.force_login(person)
    response = client.post(reverse("ruptures:attempt_start", args=[scenario.slug]))
    attempt = Attempt.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
    markers = list(attempt.version.markers)
    _post(
        client,
        reverse("ruptures:attempt_recognise", args=[attempt.pk]),
        {"rupture": "yes", "rupture_type": scenario.rupture_type, "markers": markers},
    )
    for step, formula in zip(StepName.values, (*FORMULAS, FORMULAS[0]), strict=True):
        url = reverse("ruptures:attempt_step", args=[attempt.pk, step])
        # Words of their own before the payload: the exemplars hold the payload too, and a
        # copy of an exemplar would count nowhere (the attempt would never finish).
        text = f"{formula} I can see this week has been hard, and I wonder what it was like. "
        _post(client, url, {"text": text + PAYLOAD, "try_number": 1})
    # A draft of a second try at the first step.
    _post(
        client,
        reverse("ruptures:attempt_step_draft", args=[attempt.pk, "notice"]),
        {"text": hostile("=draft"), "try_number": 2},
    )
    # Tab and carriage return cannot be typed at the start of an answer (forms strip
    # them); the export must neutralise them all the same.
    for number, start in enumerate(("\t=1+1", "\r=1+1"), start=2):
        make_response(attempt, "invite", try_number=number, text=start + PAYLOAD)
    summary = reverse("ruptures:attempt_summary", args=[attempt.pk])
    _post(client, summary, {"journal": hostile("@"), "difficulty_rating": ""})
    _post(client, reverse("ruptures:journal_share", args=[attempt.pk]), {"shared": "on"})
    _post(
        client,
        reverse("ruptures:review_request", args=[attempt.pk, "notice"]),
        {"reason": hostile("-", limit=1000)},
    )
    response = client.post(reverse("ruptures:attempt_start", args=[scenario.slug]))
    second = Attempt.objects.get(pk=response["Location"].rstrip("/").split("/")[-1])
    return attempt, second


def _write_as_supervisor(client, world, attempt) -> None:
    client.force_login(world.supervisor)
    url = reverse("ruptures:review_attempt", args=[attempt.pk])
    data = _editor_post(client, url, url)
    for step, formula in zip(StepName.values, (*FORMULAS, "="), strict=True):
        data[f"comment_{step}"] = [hostile(formula)]
        data[f"level_{step}"] = ["1"]
    data["comment_overall"] = [hostile("=")]
    _post(client, url, data)


@pytest.fixture
def hostile_world(client):
    world = build_world()
    made = _write_as_admin(client, world)
    attempt, second = _write_as_trainee(client, world, made["scenario"], made["person"])
    _write_as_supervisor(client, world, attempt)
    # Point the URL walk at the hostile objects.
    world.trainee = world.other_trainee = made["person"]
    world.scenario = made["scenario"]
    world.done = world.repairing = attempt
    world.recognising = second
    world.extra["scenario_version"] = 2
    world.batch = ImportBatch.objects.get(author=world.admin)
    world.rubric_number = RubricVersion.objects.order_by("-number").first().number
    return world


ROLES = (TRAINEE, SUPERVISOR, PROGRAM_ADMIN)


def _read_every_page(client, world) -> dict[str, list[tuple[str, str, object]]]:
    """Every GET page as every role, full and as htmx: (name, role, response) by content type."""
    seen: dict[str, list] = {"html": [], "csv": [], "other": []}
    for name, _, route in walk():
        kwargs = arguments(name, route, world)
        if name.endswith("scenario_version"):
            kwargs["number"] = world.extra["scenario_version"]
        url = reverse(name, kwargs=kwargs)
        urls = [url, url + "?pseudonyms=1"] if name.endswith("cohort_export") else [url]
        for role in ROLES:
            client.force_login(world.user(role))
            for address in urls:
                for headers in ({}, {"HX-Request": "true"}):
                    response = client.get(address, headers=headers)
                    if response.status_code != 200:
                        continue
                    kind = response["Content-Type"].split(";")[0]
                    key = {"text/html": "html", "text/csv": "csv"}.get(kind, "other")
                    seen[key].append((name, role, address, response))
    return seen


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def test_hostile_text_is_escaped_on_every_page_and_neutralised_in_every_download(
    client, hostile_world
):
    world = hostile_world
    seen = _read_every_page(client, world)

    showing = set()
    for name, role, address, response in seen["html"]:
        body = _body(response)
        for raw in MARKUP:
            assert raw not in body, f"{address} as {role} shows {raw!r} unescaped"
        if "&lt;script&gt;alert(1)&lt;/script&gt;" in body:
            showing.add((name, role))
            for literal in TEMPLATE:
                assert literal in body, f"{address} as {role} evaluated {literal!r}"

    # The hostile text reached the pages that show it, so the checks above bit.
    expected = {
        ("ruptures:practice_home", TRAINEE),
        ("ruptures:attempt_detail", TRAINEE),
        ("ruptures:attempt_step", TRAINEE),
        ("ruptures:attempt_summary", TRAINEE),
        ("ruptures:journal", TRAINEE),
        ("ruptures:cohort_home", SUPERVISOR),
        ("ruptures:trainee_detail", SUPERVISOR),
        ("ruptures:review_queue", SUPERVISOR),
        ("ruptures:review_attempt", SUPERVISOR),
        ("ruptures:review_attempt", PROGRAM_ADMIN),
        ("ruptures:agreement", SUPERVISOR),
        ("ruptures:authoring_home", PROGRAM_ADMIN),
        ("ruptures:scenario_edit", PROGRAM_ADMIN),
        ("ruptures:scenario_history", PROGRAM_ADMIN),
        ("ruptures:scenario_version", PROGRAM_ADMIN),
        ("ruptures:import_batch", PROGRAM_ADMIN),
        ("ruptures:rubric_step", PROGRAM_ADMIN),
        ("ruptures:rubric_pitfalls", PROGRAM_ADMIN),
        ("ruptures:rubric_version", PROGRAM_ADMIN),
        ("ruptures:people_home", PROGRAM_ADMIN),
        ("ruptures:person_detail", PROGRAM_ADMIN),
        ("ruptures:cohorts_home", PROGRAM_ADMIN),
        ("ruptures:cohort_edit", PROGRAM_ADMIN),
    }
    assert expected - showing == set()

    csv_names = {name for name, *_ in seen["csv"]}
    assert {"ruptures:cohort_export", "ruptures:data_dictionary_csv"} <= csv_names
    formulas_seen = set()
    for _, _, address, response in seen["csv"]:
        for row in csv.reader(io.StringIO(_body(response), newline="")):
            for cell in row:
                assert not cell.startswith(FORMULA_START), f"{address}: {cell[:40]!r}"
                if cell.startswith("'") and cell[1:].startswith(FORMULA_START):
                    formulas_seen.add((address, cell[1]))
    exports = {a for a, _ in formulas_seen}
    assert len(exports) == 2  # the export and its pseudonymised form
    for address in exports:
        assert {c for a, c in formulas_seen if a == address} == set("=+-@\t\r")

    downloads = {name for name, *_ in seen["other"]}
    assert {
        "ruptures:person_export",
        "ruptures:scenario_export",
        "ruptures:library_export",
    } <= downloads
    person = _body(next(r for n, _, _, r in seen["other"] if n == "ruptures:person_export"))
    assert json.loads(person)  # the trainee's data, hostile names and all, as JSON
    assert MARKUP[0] in person
    for _, _, address, response in seen["other"]:
        kind = response["Content-Type"]
        assert "html" not in kind, address
        assert response["X-Content-Type-Options"] == "nosniff", address
        assert response["Content-Disposition"].startswith("attachment"), address
