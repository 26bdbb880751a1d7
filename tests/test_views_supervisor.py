"""The supervisor's dashboard, trainee page and review queue: own cohorts only, at a fixed cost."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ruptures.models import SUPERVISOR, Attempt, ReviewRequest
from ruptures.rubric import STEPS
from ruptures.services.reviews import StepInput, review_save
from tests.factories import (
    make_attempt,
    make_cohort,
    make_finished_attempt,
    make_library_scenario,
    make_response,
    make_scenario,
    make_user,
    practise,
)

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
DASHBOARD = reverse("ruptures:cohort_home")
QUEUE = reverse("ruptures:review_queue")


def _rows(html: str) -> list[str]:
    """The trainee ids of the dashboard's or the queue's rows, in order."""
    import re

    return re.findall(r'data-(?:trainee|attempt)="(\d+)"', html)


# --- the dashboard ---------------------------------------------------------------------------


def test_the_dashboard_has_a_row_per_trainee_of_the_supervisors_own_cohorts(client, supervisor):
    mine = make_cohort(supervisor=supervisor, name="Evening group")
    tess = make_user(first_name="Tess", last_name="Lindqvist")
    mine.trainees.add(tess)
    make_cohort(supervisor=supervisor, name="Weekend group").trainees.add(tess)  # in both
    theirs = make_cohort(supervisor=make_user(SUPERVISOR), name="Other group")
    theirs.trainees.add(make_user(first_name="Ravi", last_name="Menon"))
    client.force_login(supervisor)

    html = client.get(DASHBOARD).text

    assert "Evening group" in html and "Tess Lindqvist" in html
    assert _rows(html) == [str(tess.pk)]
    assert "Other group" not in html and "Ravi Menon" not in html


def test_a_supervisor_without_cohorts_is_told_so(client, supervisor):
    client.force_login(supervisor)
    assert "You supervise no cohort yet." in client.get(DASHBOARD).text


def test_the_dashboard_counts_what_the_trainees_progress_page_counts(client, supervisor, trainee):
    make_cohort(supervisor=supervisor).trainees.add(trainee)
    first = make_attempt(trainee=trainee, status="done", said_rupture=True, said_type="withdrawal")
    make_response(first, "notice", level=1)
    make_response(first, "notice", level=3)  # the best of this attempt
    second = make_attempt(trainee=trainee, said_rupture=False)  # a missed withdrawal
    make_response(second, "notice", level=1, pitfalls=["advice"])
    foil = make_scenario(rupture_type="none")
    make_attempt(trainee=trainee, scenario=foil, status="done", said_rupture=True)
    client.force_login(supervisor)

    row = _row(client.get(DASHBOARD).text, trainee)

    cells = row.split("<td>")[2:]  # after the trainee's name and the attention column
    assert cells[0].startswith("2<")  # attempts done
    assert cells[2].startswith("2.0<")  # notice: best of each attempt (3, 1), averaged
    assert cells[3].startswith("—")  # invite: never answered
    assert cells[7].startswith("1/2<")  # withdrawal named right
    assert cells[9].startswith("1/1<")  # false alarms on foils
    assert "Giving advice (1)" in row


def _row(html: str, trainee) -> str:
    start = html.index(f'data-trainee="{trainee.pk}"')
    return html[start : html.index("</tr>", start)]


def test_needing_attention_says_why_and_sorts_first(client, supervisor):
    cohort = make_cohort(supervisor=supervisor)
    quiet = make_user(first_name="Aaron", date_joined=timezone.now() - timedelta(days=30))
    busy = make_user(first_name="Zoe")
    cohort.trainees.add(quiet, busy)
    attempt = make_finished_attempt(busy, make_library_scenario())
    ReviewRequest.objects.create(attempt=attempt, step=attempt.version.steps.first())
    make_response(attempt, "invite", level=0)
    calm = make_user(first_name="Bea")
    cohort.trainees.add(calm)
    make_finished_attempt(calm, make_library_scenario("withdrawal", 1))
    client.force_login(supervisor)

    html = client.get(DASHBOARD, {"sort": "name"}).text

    # Flagged first (Aaron, Zoe, by name), then the rest.
    assert _rows(html) == [str(quiet.pk), str(busy.pk), str(calm.pk)]
    assert "No practice since joining, 30 days ago" in _row(html, quiet)
    busy_row = _row(html, busy)
    assert "Asked for a human review (1 open request)" in busy_row
    assert "1 harmful answer not yet reviewed" in busy_row
    assert 'data-testid="attention"' not in _row(html, calm)


def test_a_harmful_answer_stops_flagging_once_its_step_has_a_level(client, supervisor, trainee):
    make_cohort(supervisor=supervisor).trainees.add(trainee)
    attempt = make_finished_attempt(trainee, make_library_scenario(), level=0)
    client.force_login(supervisor)
    assert "5 harmful answers not yet reviewed" in client.get(DASHBOARD).text

    review_save(
        attempt=attempt,
        reviewer=supervisor,
        steps={step: StepInput(level=1, comment="", version=0) for step in STEPS[:4]},
    )

    assert "1 harmful answer not yet reviewed" in client.get(DASHBOARD).text


@pytest.mark.parametrize(
    "sort, direction, expected",
    [
        ("attempts", "asc", ["few", "many"]),
        ("attempts", "desc", ["many", "few"]),
        ("name", "desc", ["many", "few"]),
        ("notice", "asc", ["few", "many"]),
        ("bogus", "asc", ["few", "many"]),  # unknown: by name
    ],
)
def test_every_column_sorts_both_ways(client, supervisor, sort, direction, expected):
    cohort = make_cohort(supervisor=supervisor)
    people = {"few": make_user(first_name="Ann"), "many": make_user(first_name="Bob")}
    cohort.trainees.add(*people.values())
    scenario = make_scenario()
    practise(people["few"], 1, scenario=scenario, pitfalls=())
    attempt = make_attempt(trainee=people["many"], scenario=scenario, status="done")
    make_response(attempt, "notice", level=3)
    practise(people["many"], 2, scenario=scenario, pitfalls=())
    client.force_login(supervisor)

    html = client.get(DASHBOARD, {"sort": sort, "dir": direction}).text

    assert _rows(html) == [str(people[name].pk) for name in expected]


def test_sorting_with_htmx_swaps_the_table_only(client, supervisor, trainee):
    make_cohort(supervisor=supervisor).trainees.add(trainee)
    client.force_login(supervisor)
    response = client.get(DASHBOARD, {"sort": "attempts", "dir": "desc"}, **HTMX)
    assert response.text.lstrip().startswith('<section id="dashboard_table"')
    assert 'aria-sort="descending"' in response.text


def test_another_supervisors_cohort_is_a_404_on_the_dashboard(client, supervisor):
    other = make_cohort(supervisor=make_user(SUPERVISOR))
    client.force_login(supervisor)
    assert client.get(DASHBOARD, {"cohort": other.pk}).status_code == 404


def _cohort_with_attempts(supervisor, attempts: int, trainees: int):
    cohort = make_cohort(supervisor=supervisor)
    people = [make_user() for _ in range(trainees)]
    cohort.trainees.add(*people)
    scenario, foil = make_scenario(), make_scenario(rupture_type="none")
    for i in range(attempts):
        person = people[i % trainees]
        attempt = make_attempt(trainee=person, scenario=scenario, status="done", said_rupture=True)
        for step in STEPS:
            make_response(attempt, step, level=i % 4, pitfalls=["advice"])
        make_attempt(trainee=person, scenario=foil, status="done", said_rupture=False)
    return cohort


@pytest.mark.parametrize("attempts, trainees", [(2, 2), (200, 20)])
def test_the_dashboard_costs_nine_queries(
    client, supervisor, django_assert_num_queries, attempts, trainees
):
    _cohort_with_attempts(supervisor, attempts, trainees)
    client.force_login(supervisor)
    # The cohorts; the queue count; the trainees with their counts, the step
    # averages, the pitfalls, the recent levels, the last attempts' pitfalls.
    with django_assert_num_queries(2 + 2 + 5):
        response = client.get(DASHBOARD)
    assert len(_rows(response.text)) == trainees


# --- a trainee's page ------------------------------------------------------------------------


def test_the_trainee_page_shows_their_attempts_charts_and_shared_journal_only(
    client, supervisor, trainee
):
    make_cohort(supervisor=supervisor).trainees.add(trainee)
    scenario = make_library_scenario()
    shared = make_finished_attempt(trainee, scenario, journal="Shared words.", journal_shared=True)
    make_finished_attempt(trainee, scenario, journal="Private words.")
    client.force_login(supervisor)

    html = client.get(reverse("ruptures:trainee_detail", args=[trainee.pk])).text

    assert reverse("ruptures:review_attempt", args=[shared.pk]) in html
    assert "Average level per step" in html and "<svg" in html
    assert "Shared words." in html and "Private words." not in html


def test_another_cohorts_trainee_is_a_404(client, supervisor):
    stranger = make_user()
    make_cohort(supervisor=make_user(SUPERVISOR)).trainees.add(stranger)
    client.force_login(supervisor)
    url = reverse("ruptures:trainee_detail", args=[stranger.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("attempts", [2, 200])
def test_the_trainee_page_costs_ten_queries(
    client, supervisor, django_assert_num_queries, attempts
):
    cohort = _cohort_with_attempts(supervisor, attempts, 1)
    trainee = cohort.trainees.get()
    client.force_login(supervisor)
    # The trainee; four of statistics; the attempts, the shared journal; the queue count.
    with django_assert_num_queries(2 + 1 + 4 + 2 + 1):
        client.get(reverse("ruptures:trainee_detail", args=[trainee.pk]))


# --- the review queue ------------------------------------------------------------------------


@pytest.fixture
def cohort(supervisor):
    return make_cohort(supervisor=supervisor)


def _done(trainee, scenario, *, days_ago: int, **kwargs):
    started = timezone.now() - timedelta(days=days_ago)
    return make_finished_attempt(trainee, scenario, started_at=started, **kwargs)


def test_the_queue_lists_unreviewed_finished_attempts_oldest_first_requests_on_top(
    client, supervisor, cohort, trainee
):
    cohort.trainees.add(trainee)
    scenario = make_library_scenario()
    old, new, reviewed = (_done(trainee, scenario, days_ago=d) for d in (5, 1, 9))
    review_save(
        attempt=reviewed,
        reviewer=supervisor,
        steps={"notice": StepInput(level=2, comment="", version=0)},
    )
    unfinished = make_attempt(
        trainee=trainee, scenario=scenario, status="repairing", said_rupture=True
    )
    make_response(unfinished, "notice")
    foil = make_library_scenario("none")
    make_attempt(trainee=trainee, scenario=foil, status="done", said_rupture=False)
    asked = _done(trainee, scenario, days_ago=0)  # the newest, yet first: it asks
    ReviewRequest.objects.create(attempt=asked, step=asked.version.steps.get(name="invite"))
    unfinished_asked = make_attempt(
        trainee=trainee, scenario=scenario, status="repairing", said_rupture=True
    )
    make_response(unfinished_asked, "invite")
    step = unfinished_asked.version.steps.get(name="invite")
    later = ReviewRequest.objects.create(attempt=unfinished_asked, step=step)
    later.requested_at = timezone.now() + timedelta(minutes=1)
    later.save()
    client.force_login(supervisor)

    html = client.get(QUEUE).text

    expected = [asked, unfinished_asked, old, new]  # requests by their time, then the rest
    assert _rows(html) == [str(a.pk) for a in expected]
    assert '<span class="count" data-testid="queue-count">4</span>' in html


def test_the_queue_filters_by_trainee_vignette_step_and_pitfall(
    client, supervisor, cohort, trainee
):
    other = make_user()
    cohort.trainees.add(trainee, other)
    first, second = make_library_scenario(), make_library_scenario("withdrawal", 1)
    a = _done(trainee, first, days_ago=3)
    b = _done(other, second, days_ago=2)
    make_response(b, "validate", level=1, pitfalls=["blaming"])
    review_save(
        attempt=a,
        reviewer=supervisor,
        steps={"explore": StepInput(level=2, comment="", version=0)},
    )
    client.force_login(supervisor)

    def listed(**filters):
        return _rows(client.get(QUEUE, filters).text)

    assert listed() == [str(b.pk)]
    assert listed(trainee=trainee.pk) == []
    assert listed(scenario=second.pk) == [str(b.pk)]
    # A step: every finished attempt whose step has no supervisor's level yet.
    assert listed(step="notice") == [str(a.pk), str(b.pk)]
    assert listed(step="explore") == [str(b.pk)]
    assert listed(pitfall="blaming") == [str(b.pk)]
    assert listed(pitfall="blaming", step="notice") == []
    assert listed(pitfall="defensive") == []
    assert listed(trainee="someone") == [str(b.pk)]  # unreadable: no filter


def test_filtering_the_queue_with_htmx_swaps_the_list_only(client, supervisor, cohort):
    client.force_login(supervisor)
    response = client.get(QUEUE, {"step": "notice"}, **HTMX)
    assert response.text.lstrip().startswith('<section id="queue_list"')
    assert "Nothing waits for review with these filters." in response.text


def test_the_navigation_links_to_the_queue_with_its_size(client, supervisor, cohort, trainee):
    cohort.trainees.add(trainee)
    _done(trainee, make_library_scenario(), days_ago=1)
    client.force_login(supervisor)
    html = client.get(DASHBOARD).text
    assert f'<a href="{QUEUE}">Review queue <span class="count"' in html
    assert 'data-testid="queue-count">1</span>' in html


@pytest.mark.parametrize("attempts", [2, 200])
def test_the_queue_costs_seven_queries(client, supervisor, django_assert_num_queries, attempts):
    cohort = _cohort_with_attempts(supervisor, attempts, 2)
    attempts_at_steps = Attempt.objects.filter(version__rupture_type="withdrawal")
    attempt = attempts_at_steps.filter(trainee__in=cohort.trainees.all()).first()
    ReviewRequest.objects.create(attempt=attempt, step=attempt.version.steps.first())
    client.force_login(supervisor)
    # The trainees and the vignettes for the filters; the page's count and rows;
    # the queue count in the navigation.
    with django_assert_num_queries(2 + 2 + 2 + 1):
        response = client.get(QUEUE, {"pitfall": "advice"})
    assert len(_rows(response.text)) == min(attempts, 25)
