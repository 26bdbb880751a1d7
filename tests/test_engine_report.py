"""The "How scoring works" page: figures read from the engine's committed report, never typed."""

import copy
import json

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from ruptures.engine_report import REPORT, engine_report, parse_report
from ruptures.models import StepResponse
from ruptures.rubric import ENGINE_VERSION, assess
from ruptures.services.attempts import _response_fields
from tests.factories import make_user

RAW = json.loads(REPORT.read_text(encoding="utf-8"))
URL = reverse("ruptures:how_scoring_works")


def test_the_report_is_parsed_with_the_committed_figures():
    report = engine_report()
    writer_sets = RAW["writer_sets"]
    assert [(s.n, s.kappa) for s in report.sets[: len(writer_sets)]] == [
        (w["n"], w["kappa"]) for w in writer_sets
    ]
    newest = report.sets[0]
    assert "after this version" in newest.label and writer_sets[0]["read_since"] is None
    assert newest.strong_rated_harmful == writer_sets[0]["strong_rated_harmful"]
    # a set is new until its errors are read (two can be: a version tested twice)
    for shown, raw in zip(report.sets, writer_sets, strict=False):
        read = raw["read_since"] is not None
        assert ("guided fixes" in shown.label) == read
        assert ("after this version" in shown.label) == (not read)
    # a set whose errors were read says so, until it is trained on and leaves the table
    read_raw = copy.deepcopy(RAW)
    read_raw["writer_sets"][0]["read_since"] = ENGINE_VERSION
    assert "guided fixes" in parse_report(read_raw).sets[0].label
    assert report.sets[len(writer_sets)].kappa == RAW["cross_validation"]["kappa"]
    assert report.answers == RAW["corpus"]["answers"]
    assert report.labellers_kappa == RAW["labeller_agreement"]["overall"]["qwk"]
    assert {p.name for p in report.pitfalls} == set(RAW["cross_validation"]["pitfalls"])


def test_only_pitfalls_found_or_flagged_unreliably_are_named_as_limits():
    raw = copy.deepcopy(RAW)
    for figures in raw["cross_validation"]["pitfalls"].values():
        figures.update(precision=0.9, recall=0.9)
    raw["cross_validation"]["pitfalls"]["blaming"].update(recall=0.3)
    raw["cross_validation"]["pitfalls"]["advice"].update(precision=0.5)

    weak = {p.name for p in parse_report(raw).weak_pitfalls}

    assert weak == {"blaming", "advice"}


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["Trainee", "Supervisor", "Program admin"])
def test_every_role_can_read_the_page_with_the_reports_figures(client, role):
    client.force_login(make_user(role))

    response = client.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    for writer_set in RAW["writer_sets"]:
        assert f"<td>{writer_set['n']}</td><td>{writer_set['kappa']:.2f}</td>" in html
    assert f"<td>{RAW['cross_validation']['kappa']:.2f}</td>" in html
    assert RAW["engine_version"] in html


@pytest.mark.django_db
def test_the_page_needs_a_login(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_every_feedback_panel_links_to_the_page():
    text = "Let's get back to the worksheet."
    response = StepResponse(
        pk=3, try_number=1, text=text, **_response_fields(assess("notice", text))
    )

    html = render_to_string("ruptures/_feedback.html", {"response": response})

    assert f'href="{URL}"' in html
