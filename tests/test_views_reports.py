"""Engine agreement and the CSV export: the supervisor's cohorts, or every cohort for admins."""

import csv
import io
import re

import pytest
from django.http import StreamingHttpResponse
from django.urls import reverse

from ruptures.models import SUPERVISOR
from ruptures.rubric import STEPS
from ruptures.services.reviews import StepInput, review_save
from tests.factories import (
    make_cohort,
    make_finished_attempt,
    make_library_scenario,
    make_response,
    make_scenario,
    make_user,
)

pytestmark = pytest.mark.django_db

AGREEMENT = reverse("ruptures:agreement")


def _reviewed(supervisor, trainee, scenario, levels: dict[str, int], *, engine: int = 2):
    """A finished attempt at engine level `engine` whose steps the supervisor levelled."""
    attempt = make_finished_attempt(trainee, scenario, level=engine)
    review_save(
        attempt=attempt,
        reviewer=supervisor,
        steps={step: StepInput(level, comment="", version=0) for step, level in levels.items()},
    )
    return attempt


@pytest.fixture
def two_cohorts(supervisor):
    """The supervisor's cohort and another supervisor's, one trainee each."""
    mine, theirs = make_user(first_name="Tess"), make_user(first_name="Ravi")
    make_cohort(supervisor=supervisor, name="Mine").trainees.add(mine)
    other = make_user(SUPERVISOR)
    make_cohort(supervisor=other, name="Theirs").trainees.add(theirs)
    return mine, theirs, other


def _cell(html: str, testid: str) -> str:
    return re.search(rf'data-testid="{testid}">([^<]*)<', html).group(1)


# --- agreement -------------------------------------------------------------------------------


def test_agreement_compares_the_supervisors_levels_with_the_engines(
    client, supervisor, two_cohorts
):
    mine, theirs, other = two_cohorts
    scenario = make_library_scenario()
    # Engine 2 everywhere; the supervisor agrees on notice and invite, says 3 on validate.
    attempt = _reviewed(supervisor, mine, scenario, {"notice": 2, "invite": 2, "validate": 3})
    _reviewed(other, theirs, scenario, {"notice": 0})  # another cohort: not counted
    client.force_login(supervisor)

    html = client.get(AGREEMENT).text

    assert _cell(html, "overall-n") == "3"
    assert _cell(html, "overall-exact") == "67%"
    assert 'data-testid="not-meaningful"' in html and "3 reviewed steps so far" in html
    matrix = re.findall(
        r"<td(?: class=\"diagonal\")?>(\d+)</td>", html.split("confusion-matrix")[1]
    )
    assert matrix[:16] == ["0"] * 10 + ["2", "1"] + ["0"] * 4  # row 2: two agree, one says 3
    disagreements = html.split('data-testid="disagreements"')[1]
    link = reverse("ruptures:review_attempt", args=[attempt.pk]) + "#review_step_validate"
    assert link in disagreements and "Ravi" not in disagreements
    assert "#review_step_notice" not in disagreements  # agreement is not listed


def test_a_program_admin_sees_agreement_across_every_cohort_or_one(
    client, program_admin, supervisor, two_cohorts
):
    mine, theirs, other = two_cohorts
    scenario = make_library_scenario()
    _reviewed(supervisor, mine, scenario, {"notice": 2})
    _reviewed(other, theirs, scenario, {"notice": 0, "invite": 1})
    client.force_login(program_admin)

    assert _cell(client.get(AGREEMENT).text, "overall-n") == "3"
    cohort = other.supervised_cohorts.get()
    assert _cell(client.get(AGREEMENT, {"cohort": cohort.pk}).text, "overall-n") == "2"


def test_a_supervisor_cannot_read_another_cohorts_agreement(client, supervisor, two_cohorts):
    other = two_cohorts[2]
    client.force_login(supervisor)
    response = client.get(AGREEMENT, {"cohort": other.supervised_cohorts.get().pk})
    assert response.status_code == 404


def test_agreement_figures_stop_warning_at_twenty_reviewed_steps(client, supervisor, two_cohorts):
    mine = two_cohorts[0]
    scenario = make_library_scenario()
    for _ in range(4):  # 4 attempts x 5 steps = 20
        _reviewed(supervisor, mine, scenario, dict.fromkeys(STEPS, 2))
    client.force_login(supervisor)

    html = client.get(AGREEMENT).text

    assert _cell(html, "overall-n") == "20"
    assert 'data-testid="not-meaningful"' not in html
    assert _cell(html, "overall-kappa") == "—"  # everyone said 2: kappa is undefined


@pytest.mark.parametrize("attempts", [2, 200])
def test_agreement_costs_six_queries(
    client, supervisor, two_cohorts, django_assert_num_queries, attempts
):
    mine = two_cohorts[0]
    scenario = make_scenario()
    for i in range(attempts):
        _reviewed(supervisor, mine, scenario, {"notice": i % 4, "invite": 3}, engine=i % 3)
    client.force_login(supervisor)
    # The cells of the matrices, the largest disagreements, the cohorts; the queue count.
    with django_assert_num_queries(2 + 3 + 1):
        assert client.get(AGREEMENT).status_code == 200


# --- export ----------------------------------------------------------------------------------


def _export(client, cohort, **params) -> list[dict[str, str]]:
    response = client.get(reverse("ruptures:cohort_export", args=[cohort.pk]), params)
    assert isinstance(response, StreamingHttpResponse)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(body)))


def test_the_export_has_one_row_per_try_with_the_engines_and_the_supervisors_word(
    client, supervisor, two_cohorts
):
    mine = two_cohorts[0]
    mine.last_name = "Lindqvist"
    mine.save()
    attempt = make_finished_attempt(mine, make_library_scenario())
    make_response(attempt, "notice", level=1, score=40, pitfalls=["advice", "pushing"])
    review_save(
        attempt=attempt,
        reviewer=supervisor,
        steps={"notice": StepInput(level=3, comment="Kind and clear.", version=0)},
    )
    client.force_login(supervisor)

    rows = _export(client, supervisor.supervised_cohorts.get())

    assert len(rows) == 6  # five steps, notice twice
    second = rows[1]
    assert second["trainee"] == "Tess Lindqvist"
    assert (second["step"], second["try"], second["engine_level"], second["engine_score"]) == (
        "notice",
        "2",
        "1",
        "40",
    )
    assert second["pitfalls"] == "advice; pushing"
    assert (second["supervisor_level"], second["supervisor_comment"]) == ("3", "Kind and clear.")
    assert second["reviewed_try"] == "1"  # the level judges the best try, the first
    assert rows[2]["supervisor_level"] == ""  # invite: not levelled
    assert second["started_at"].endswith("+00:00") and second["pasted_exemplar"] == "no"
    assert all(row["scenario"] == attempt.version.scenario.slug for row in rows)


def test_the_export_neutralises_cells_a_spreadsheet_would_run(client, supervisor, two_cohorts):
    attempt = make_finished_attempt(two_cohorts[0], make_library_scenario())
    make_response(attempt, "invite", text='=HYPERLINK("http://evil.example","Click")')
    make_response(attempt, "explore", text="+1 more thing")
    make_response(attempt, "validate", text="@SUM(A1)")
    client.force_login(supervisor)

    texts = {row["text"] for row in _export(client, supervisor.supervised_cohorts.get())}

    assert '\'=HYPERLINK("http://evil.example","Click")' in texts
    assert "'+1 more thing" in texts and "'@SUM(A1)" in texts
    assert not any(text.startswith(("=", "+", "-", "@")) for text in texts)


def test_pseudonyms_replace_names_and_stay_the_same_across_exports(
    client, supervisor, two_cohorts
):
    mine = two_cohorts[0]
    make_finished_attempt(mine, make_library_scenario())
    client.force_login(supervisor)
    cohort = supervisor.supervised_cohorts.get()

    first = _export(client, cohort, pseudonyms="1")
    again = _export(client, cohort, pseudonyms="1")

    codes = {row["trainee"] for row in first}
    assert len(codes) == 1 and codes == {row["trainee"] for row in again}
    assert re.fullmatch(r"T-[0-9a-f]{8}", codes.pop())
    response = client.get(reverse("ruptures:cohort_export", args=[cohort.pk]), {"pseudonyms": 1})
    body = b"".join(response.streaming_content).decode()
    assert "Tess" not in body and mine.username not in body


def test_another_supervisors_cohort_cannot_be_exported_but_an_admin_may(
    client, supervisor, program_admin, two_cohorts
):
    theirs = two_cohorts[2].supervised_cohorts.get()
    make_finished_attempt(two_cohorts[1], make_library_scenario())
    url = reverse("ruptures:cohort_export", args=[theirs.pk])
    client.force_login(supervisor)
    assert client.get(url).status_code == 404
    client.force_login(program_admin)
    assert len(_export(client, theirs)) == 5


@pytest.mark.parametrize("attempts", [2, 200])
def test_the_export_costs_one_query_for_the_rows(
    client, supervisor, two_cohorts, django_assert_num_queries, attempts
):
    mine = two_cohorts[0]
    scenario = make_scenario()
    for i in range(attempts):
        _reviewed(supervisor, mine, scenario, {"notice": i % 4})
    client.force_login(supervisor)
    url = reverse("ruptures:cohort_export", args=[supervisor.supervised_cohorts.get().pk])
    # The cohort; every row, with its step's review, in one streamed query.
    with django_assert_num_queries(2 + 1 + 1):
        response = client.get(url)
        lines = b"".join(response.streaming_content).decode().splitlines()
    assert len(lines) == 1 + 5 * attempts


def test_the_data_dictionary_explains_every_column_and_downloads(client, supervisor):
    from ruptures.export import HEADER

    client.force_login(supervisor)
    page = client.get(reverse("ruptures:data_dictionary")).text
    for column in HEADER:
        assert f"<code>{column}</code>" in page
    response = client.get(reverse("ruptures:data_dictionary_csv"))
    assert response["Content-Disposition"].startswith("attachment;")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["column", "meaning"] and [r[0] for r in rows[1:]] == list(HEADER)
