"""The "How scoring works" page: figures read from the engine's committed report, never typed."""

import copy
import json

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from ruptures.engine_report import REPORT, engine_report, parse_report
from ruptures.models import StepResponse
from ruptures.rubric import assess
from ruptures.services.attempts import _response_fields
from tests.factories import make_user

RAW = json.loads(REPORT.read_text(encoding="utf-8"))
URL = reverse("ruptures:how_scoring_works")


def test_the_report_is_parsed_with_the_committed_figures():
    report = engine_report()
    newest, heldout, later, fresh, cv = report.sets[:5]
    assert (newest.n, newest.kappa) == (RAW["newest_writers"]["n"], RAW["newest_writers"]["kappa"])
    assert newest.strong_rated_harmful == RAW["newest_writers"]["strong_rated_harmful"]
    assert (fresh.n, fresh.kappa) == (RAW["fresh_writers"]["n"], RAW["fresh_writers"]["kappa"])
    assert heldout.n == RAW["heldout_writer"]["n"]
    assert heldout.kappa == RAW["heldout_writer"]["kappa"]
    assert (later.n, later.kappa) == (RAW["later_writers"]["n"], RAW["later_writers"]["kappa"])
    assert cv.kappa == RAW["cross_validation"]["kappa"]
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
    heldout = RAW["heldout_writer"]
    assert f"<td>{heldout['n']}</td><td>{heldout['kappa']:.2f}</td>" in html
    later = RAW["later_writers"]
    assert f"<td>{later['n']}</td><td>{later['kappa']:.2f}</td>" in html
    newest = RAW["newest_writers"]
    assert f"<td>{newest['n']}</td><td>{newest['kappa']:.2f}</td>" in html
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
