"""A score is shown in its own rubric version: the labels and bands it was made with.

An admin saves a rubric whose pitfall label and score bands differ; a try
scored before keeps its words and its band on every trainee page, and a try
scored after reads the new ones.
"""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client
from django.urls import reverse

from ruptures.models import Attempt
from ruptures.rubric import STEPS
from ruptures.services import rubrics
from ruptures.services.attempts import attempt_update_totals
from tests.factories import make_attempt, make_cohort, make_library_scenario, make_response

pytestmark = pytest.mark.django_db

OLD_LABEL, NEW_LABEL = "Defensive", "Guarding yourself"


@pytest.fixture
def versions(program_admin):
    """Version 1 (the packaged rubric), then the admin's edits in the editors: another
    label on the pitfalls page (version 2), other bands on the scoring page (version 3)."""
    first = rubrics.rubric_current_version()
    admin = Client()
    admin.force_login(program_admin)
    pitfalls = {
        f"pitfalls.{name}.{key}": value
        for name, pitfall in first.data["pitfalls"].items()
        for key, value in pitfall.items()
        if key != "steps"
    }
    pitfalls["pitfalls.defensive.label"] = NEW_LABEL
    admin.post(reverse("ruptures:rubric_pitfalls"), {**pitfalls, "base_version": 1})
    bands = {"scoring.bands[0]": 10, "scoring.bands[1]": 20, "scoring.bands[2]": 30}
    admin.post(reverse("ruptures:rubric_scoring"), {**bands, "base_version": 2})
    newest = rubrics.rubric_current_version()
    assert newest.number == 3 and newest.data["scoring"]["bands"] == [10, 20, 30]
    rubrics._parsed.clear()  # as a fresh process would: nothing of the new version parsed yet
    return first, newest


def _finished(trainee, scenario, version) -> Attempt:
    """A finished attempt scored under `version`: every step 60/100, a defensive try."""
    attempt = make_attempt(trainee=trainee, scenario=scenario, status="done", said_rupture=True)
    for step in STEPS:
        make_response(
            attempt,
            step,
            text="I was only trying to help you.",
            level=2,
            score=60,
            rubric_version=version.version,
            pitfalls=["defensive"],
            feedback={
                "point": "Leave your intentions out of it.",
                "alternative": "I got that wrong.",
                "pitfalls": [{"name": "defensive", "spans": [[0, 30]], "explanation": "Defends."}],
            },
        )
    attempt_update_totals(attempt)
    return attempt


def test_an_old_try_keeps_its_labels_and_band_and_a_new_try_reads_the_new_ones(
    client, trainee, versions
):
    first, second = versions
    scenario = make_library_scenario()
    old, new = _finished(trainee, scenario, first), _finished(trainee, scenario, second)
    client.force_login(trainee)

    for attempt, label, band in ((old, OLD_LABEL, "adequate"), (new, NEW_LABEL, "strong")):
        step = client.get(reverse("ruptures:attempt_step", args=[attempt.pk, "invite"])).text
        assert f"<strong>{label}</strong>: Defends." in step
        assert f'<mark title="{label}">' in step
        summary = client.get(reverse("ruptures:attempt_summary", args=[attempt.pk])).text
        assert (
            f"Total: <strong>60/100</strong> (level {2 if band == 'adequate' else 3} of 3, {band})"
            in summary
        )

    progress = client.get(reverse("ruptures:progress")).text
    # Counted over both versions, named as the newest try named it.
    assert f"<td>{NEW_LABEL}</td><td>10</td>" in progress


def test_a_page_pays_one_query_per_version_it_meets_first_never_one_per_row(
    client, trainee, versions, django_assert_num_queries
):
    first, second = versions
    attempt = _finished(trainee, make_library_scenario(), second)
    client.force_login(trainee)
    url = reverse("ruptures:attempt_step", args=[attempt.pk, "invite"])
    client.get(reverse("ruptures:home"))  # the session, out of the way

    # As test_step_page_costs_five_queries, plus version 2's data once.
    with django_assert_num_queries(2 + 3 + 1):
        assert NEW_LABEL in client.get(url).text
    with django_assert_num_queries(2 + 3):
        assert NEW_LABEL in client.get(url).text


def test_the_level_charts_read_each_total_in_its_own_versions_bands(
    client, trainee, supervisor, versions
):
    first, newest = versions
    scenario = make_library_scenario()
    make_cohort(supervisor=supervisor).trainees.add(trainee)
    for version, day in ((first, 3), (newest, 4)):
        attempt = _finished(trainee, scenario, version)
        Attempt.objects.filter(pk=attempt.pk).update(
            started_at=datetime(2026, 3, day, 12, tzinfo=UTC)
        )

    client.force_login(trainee)
    progress = client.get(reverse("ruptures:progress")).text
    assert "2 points, out of 3. 3 Mar: 2, 4 Mar: 3." in progress  # 60/100 both times

    client.force_login(supervisor)
    dashboard = client.get(reverse("ruptures:cohort_home")).text
    assert "Recent levels, oldest first: 2, 3 (of 3)." in dashboard


def test_the_practice_list_reads_the_best_total_in_its_own_versions_bands(
    client, trainee, versions
):
    first, newest = versions
    old_scenario = make_library_scenario("withdrawal", 0)
    new_scenario = make_library_scenario("withdrawal", 1)
    _finished(trainee, old_scenario, first)
    _finished(trainee, new_scenario, newest)
    client.force_login(trainee)

    html = client.get(reverse("ruptures:practice_home")).text

    for scenario, level in ((old_scenario, 2), (new_scenario, 3)):  # 60/100 both times
        card = html[html.index(f'data-slug="{scenario.slug}"') :].split("scenario-card")[0]
        assert f"Best so far: level {level}" in card
