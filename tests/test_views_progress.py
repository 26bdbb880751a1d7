"""The progress page: who may see it, what it shows, and what it costs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from ruptures.rubric import pitfall_label
from tests.factories import make_attempt, make_scenario, make_user, practise

pytestmark = pytest.mark.django_db

URL = reverse("ruptures:progress")


def test_trainee_sees_charts_tables_and_a_recommendation(client, trainee):
    practise(trainee, 2)
    foil = make_scenario(rupture_type="none")
    for said in (True, False):
        make_attempt(trainee=trainee, scenario=foil, said_rupture=said)
    client.force_login(trainee)

    response = client.get(URL)

    assert response.status_code == 200
    html = response.text
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 4
    for heading in ("Level over time", "Average level per step", "Recognition", "pitfalls"):
        assert heading in html
    advice = pitfall_label("advice")  # the rubric's label, never "advice" or "Advice"
    assert f"<td>{advice}</td>" in html and html.count(advice) > 1  # the table and the chart
    assert "1 of 2 called a rupture (50%)" in html
    assert 'class="chart-bar chart-bar-lower"' in html and ">lower is better<" in html
    assert 'data-testid="recommended-next"' in html
    assert 'data-testid="d-prime"' not in html  # 2 rupture trials are too few for d'


def test_shows_d_prime_with_enough_trials(client, trainee):
    practise(trainee, 3)
    foil = make_scenario(rupture_type="none")
    make_attempt(trainee=trainee, scenario=foil, said_rupture=False)
    make_attempt(trainee=trainee, scenario=foil, said_rupture=False)
    client.force_login(trainee)

    html = client.get(URL).text

    # HR = 3.5/4, FAR = 0.5/3: z(.875) - z(1/6) = 1.1503 + 0.9674.
    assert "Sensitivity d′ = 2.12" in html


def test_the_recommendation_does_not_give_away_the_rupture_type(client, trainee):
    make_scenario(title="Camera off at lunchtime", rupture_type="confrontation")
    client.force_login(trainee)

    html = client.get(URL).text
    card = html[html.index('data-testid="recommended-next"') :].split("</section>")[0]

    assert "Camera off at lunchtime" in card
    assert "onfrontation" not in card


def test_trainee_without_attempts_gets_an_empty_state(client, trainee):
    client.force_login(trainee)
    response = client.get(URL)
    assert response.status_code == 200
    assert 'data-testid="progress-empty"' in response.text
    assert "<svg" not in response.text


def test_trainee_sees_only_their_own_data(client, trainee):
    practise(trainee, 1, pitfalls=["advice"])
    practise(make_user(), 1, pitfalls=["premature_apology"])
    client.force_login(trainee)

    html = client.get(URL).text

    assert pitfall_label("advice") in html
    assert pitfall_label("premature_apology") not in html


@pytest.mark.parametrize("role", ["Supervisor", "Program admin"])
def test_other_roles_are_forbidden(client, role):
    client.force_login(make_user(role))
    assert client.get(URL).status_code == 403


def test_anonymous_users_are_sent_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_post_is_not_allowed(client, trainee):
    client.force_login(trainee)
    assert client.post(URL).status_code == 405


@pytest.mark.parametrize("attempts", [1, 30])
def test_progress_costs_seven_queries_whatever_the_amount_of_data(
    client, django_assert_num_queries, attempts
):
    trainee = make_user()
    practise(trainee, attempts, pitfalls=["pushing", "advice"])
    make_attempt(trainee=trainee, scenario=make_scenario(rupture_type="none"), said_rupture=False)
    client.force_login(trainee)
    # The session, the user; four queries of statistics, one of candidates.
    with django_assert_num_queries(2 + 4 + 1):
        assert client.get(URL).status_code == 200
