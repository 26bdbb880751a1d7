"""Progress numbers read from the database, in a constant number of queries."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from ruptures.models import ScenarioStatus
from ruptures.stats import RECENT_ATTEMPTS, recommended_next, trainee_stats
from tests.factories import (
    make_attempt,
    make_cohort,
    make_response,
    make_scenario,
    make_user,
    practise,
)

pytestmark = pytest.mark.django_db


def test_counts_recognition_as_a_detection_table(trainee):
    withdrawal = make_scenario(rupture_type="withdrawal")
    confrontation = make_scenario(rupture_type="confrontation")
    foil = make_scenario(rupture_type="none")
    make_attempt(trainee=trainee, scenario=withdrawal, said_rupture=True, said_type="withdrawal")
    make_attempt(
        trainee=trainee, scenario=withdrawal, said_rupture=True, said_type="confrontation"
    )
    make_attempt(trainee=trainee, scenario=withdrawal, said_rupture=False)
    make_attempt(
        trainee=trainee, scenario=confrontation, said_rupture=True, said_type="confrontation"
    )
    make_attempt(trainee=trainee, scenario=foil, said_rupture=True, said_type="withdrawal")
    make_attempt(trainee=trainee, scenario=foil, said_rupture=False)
    make_attempt(trainee=trainee, scenario=foil, said_rupture=False)
    make_attempt(trainee=trainee, scenario=foil)  # not answered yet: no trial

    stats = trainee_stats(trainee)

    assert stats.attempts_total == 8
    assert (stats.hits, stats.misses) == (3, 1)
    assert (stats.false_alarms, stats.correct_rejections) == (1, 2)
    by_kind = {acc.kind: (acc.correct, acc.total) for acc in stats.recognition}
    assert by_kind == {"withdrawal": (1, 3), "confrontation": (1, 1)}
    assert stats.false_alarm_rate == pytest.approx(1 / 3)
    assert stats.d_prime is not None


def test_averages_each_steps_best_try_over_the_attempts(trainee):
    first, second = make_attempt(trainee=trainee), make_attempt(trainee=trainee)
    make_response(first, "notice", level=1)
    make_response(first, "notice", level=3)
    make_response(first, "invite", level=0)
    make_response(second, "notice", level=1)
    make_response(second, "notice", level=3, score=90, copy_of="A pasted exemplar.")

    levels = dict(trainee_stats(trainee).step_levels)

    # notice: the best of each attempt (3 and 1); the pasted exemplar counts nowhere.
    assert levels == {
        "notice": 2.0,
        "invite": 0.0,
        "validate": None,
        "explore": None,
        "negotiate": None,
    }
    assert trainee_stats(trainee).focus_step == "invite"


def test_a_weaker_retry_never_pulls_a_steps_average_down(trainee):
    attempt = make_attempt(trainee=trainee)
    make_response(attempt, "notice", level=3)
    make_response(attempt, "notice", level=0)

    assert dict(trainee_stats(trainee).step_levels)["notice"] == 3.0


def test_counts_pitfalls_most_common_first(trainee):
    attempt = make_attempt(trainee=trainee)
    make_response(attempt, "notice", pitfalls=["advice", "pushing"])
    make_response(attempt, "invite", pitfalls=["pushing"])
    make_response(attempt, "validate", pitfalls=[])
    make_response(attempt, "explore", pitfalls=["blaming", "pushing"])

    assert trainee_stats(trainee).pitfalls == (("pushing", 3), ("advice", 1), ("blaming", 1))


def test_recent_attempts_are_oldest_first_with_levels_and_recognition(trainee):
    scenario = make_scenario(difficulty="intermediate")
    now = timezone.now()
    make_attempt(trainee=trainee, scenario=scenario, total_score=80, started_at=now)
    make_attempt(
        trainee=trainee,
        scenario=scenario,
        total_score=30,
        said_rupture=False,
        status="done",
        difficulty_rating="too_hard",
        started_at=now - timedelta(hours=1),
    )

    first, second = trainee_stats(trainee).recent

    assert (first.level, first.recognised, first.rating, first.finished) == (
        1,
        False,
        "too_hard",
        True,
    )
    assert (second.level, second.recognised, second.finished) == (3, None, False)
    assert first.difficulty == "intermediate"


def test_keeps_only_the_newest_attempts_for_the_chart(trainee):
    practise(trainee, RECENT_ATTEMPTS + 3)
    stats = trainee_stats(trainee)
    assert len(stats.recent) == RECENT_ATTEMPTS
    assert stats.attempts_total == RECENT_ATTEMPTS + 3


def test_ignores_other_trainees(trainee):
    practise(make_user(), 2, pitfalls=["blaming"])
    stats = trainee_stats(trainee)
    assert not stats.has_data
    assert stats.pitfalls == ()
    assert dict(stats.step_levels)["notice"] is None


def _query_count(django_assert_max_num_queries, user, call):
    with django_assert_max_num_queries(10) as captured:
        call(user)
    return len(captured.captured_queries)


@pytest.mark.parametrize("call", [trainee_stats, recommended_next])
def test_query_count_does_not_grow_with_data(django_assert_max_num_queries, call):
    small, large = make_user(), make_user()
    practise(small, 1)
    for _ in range(3):
        practise(large, 10)  # 30 attempts x 5 responses over three scenarios

    few = _query_count(django_assert_max_num_queries, small, call)
    many = _query_count(django_assert_max_num_queries, large, call)

    assert few == many
    # recommended_next: the four stats queries and the candidates (their
    # assignments are a subquery of it, not a query of their own).
    assert few == (4 if call is trainee_stats else 5)


def test_recommends_only_scenarios_assigned_to_the_trainees_cohorts(trainee):
    make_scenario(title="A free one")
    assigned = make_scenario(title="Z assigned")
    cohort = make_cohort()
    cohort.trainees.add(trainee)
    cohort.scenarios.add(assigned)

    assert recommended_next(trainee).slug == assigned.slug


def test_an_assigned_draft_is_never_recommended(trainee):
    make_scenario(title="Published but not assigned")
    draft = make_scenario(title="Draft", status=ScenarioStatus.DRAFT)
    cohort = make_cohort()
    cohort.trainees.add(trainee)
    cohort.scenarios.add(draft)

    assert recommended_next(trainee) is None


def test_recommends_among_all_published_when_nothing_is_assigned(trainee):
    make_scenario(title="Beta", difficulty="beginner")
    make_scenario(title="Alpha", difficulty="advanced")
    make_scenario(title="Draft", status=ScenarioStatus.DRAFT)

    assert recommended_next(trainee).title == "Beta"


def test_prefers_the_scenario_practised_least(trainee):
    often = make_scenario(title="A often")
    never = make_scenario(title="B never")
    make_attempt(trainee=trainee, scenario=often)
    make_attempt(trainee=make_user(), scenario=never)  # another trainee's count is not ours

    assert recommended_next(trainee).slug == never.slug


def test_steps_down_from_the_database_rating(trainee):
    hard = make_scenario(title="Hard", difficulty="advanced")
    make_scenario(title="Middle", difficulty="intermediate")
    make_scenario(title="Easy", difficulty="beginner")
    make_attempt(trainee=trainee, scenario=hard, status="done", difficulty_rating="too_hard")

    recommendation = recommended_next(trainee)

    assert recommendation.title == "Middle"
    assert "too hard" in recommendation.reason


def test_copied_exemplars_count_neither_in_step_levels_nor_pitfalls(trainee):
    attempt = make_attempt(trainee=trainee)
    make_response(attempt, "notice", level=3, pitfalls=[])
    make_response(attempt, "notice", level=0, pitfalls=["advice"], copy_of="An exemplar.")

    stats = trainee_stats(trainee)

    assert dict(stats.step_levels)["notice"] == 3.0
    assert stats.pitfalls == ()
