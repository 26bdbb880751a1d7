"""Each step's recorded result: the best own try counts, the supervisor's level wins."""

import copy

import pytest

from ruptures.models import StepResult
from ruptures.models.results import level_band, recorded
from ruptures.rubric import default_rubric, level_for_score
from ruptures.services import rubrics
from tests.factories import make_attempt, make_response


def test_level_bands_come_from_the_rubric_and_cover_every_score_once():
    assert default_rubric().bands == (25, 50, 75)
    assert [level_band(level) for level in range(4)] == [(0, 24), (25, 49), (50, 74), (75, 100)]
    for level in range(4):
        low, high = level_band(level)
        assert level_for_score(low) == level_for_score(high) == level


@pytest.mark.parametrize(
    "engine, reviewed, expected",
    [
        ((2, 60), None, (2, 60)),  # no review: the engine's
        ((2, 60), 2, (2, 60)),  # agreement changes nothing
        ((2, 60), 3, (3, 75)),  # up: the lowest score of the higher band
        ((2, 60), 0, (0, 24)),  # down: the highest score of the lower band
        ((0, 10), 1, (1, 25)),
        ((3, 95), 1, (1, 49)),
    ],
)
def test_the_supervisors_level_counts_with_the_nearest_score_in_its_band(
    engine, reviewed, expected
):
    level, score = engine
    assert recorded(engine_level=level, engine_score=score, reviewed_level=reviewed) == expected


@pytest.mark.django_db
def test_the_best_try_in_the_trainees_own_words_is_recorded(trainee):
    attempt = make_attempt(trainee=trainee)
    first = make_response(attempt, "notice", level=2, score=60)
    make_response(attempt, "notice", level=1, score=40)  # weaker: the best stays
    result = StepResult.objects.get(attempt=attempt)
    assert (result.response, result.level, result.score) == (first, 2, 60)

    make_response(attempt, "notice", level=3, score=99, copy_of="A pasted exemplar.")
    later = make_response(attempt, "notice", level=2, score=60)  # equal score: the later wins
    result.refresh_from_db()
    assert (result.response, result.level, result.score) == (later, 2, 60)


@pytest.mark.django_db
def test_a_new_best_try_keeps_the_supervisors_level(trainee):
    attempt = make_attempt(trainee=trainee)
    make_response(attempt, "notice", level=2, score=60)
    StepResult.objects.filter(attempt=attempt).update(reviewed_level=1, level=1, score=49)

    make_response(attempt, "notice", level=3, score=90)

    result = StepResult.objects.get(attempt=attempt)
    assert (result.response.score, result.reviewed_level, result.level, result.score) == (
        90,
        1,
        1,
        49,
    )


@pytest.mark.django_db
def test_a_supervisors_level_moves_the_score_into_the_band_of_the_tries_own_rubric(
    trainee, program_admin
):
    data = copy.deepcopy(rubrics.rubric_current_version().data)
    data["scoring"]["bands"] = [10, 20, 30]
    second = rubrics.rubric_save(data=data, author=program_admin, base=1)
    attempt = make_attempt(trainee=trainee)
    old = make_response(attempt, "notice", level=2, score=60)
    new = make_response(attempt, "invite", level=2, score=25, rubric_version=second.version)

    for response, expected in ((old, 75), (new, 30)):  # the lowest score of level 3
        result = StepResult.objects.get(response=response)
        result.reviewed_level = 3
        result.record()
        assert (result.level, result.score) == (3, expected)


@pytest.mark.django_db
def test_a_step_with_copies_only_has_no_recorded_result(trainee):
    attempt = make_attempt(trainee=trainee)
    make_response(attempt, "notice", level=0, score=0, copy_of="A pasted exemplar.")
    assert not StepResult.objects.exists()


def _reviews_migration():
    """The migration that brought StepResult in, whatever number merging gives it."""
    import importlib
    import pkgutil

    import ruptures.migrations

    (name,) = [
        m.name
        for m in pkgutil.iter_modules(ruptures.migrations.__path__)
        if m.name.endswith("_reviews")
    ]
    return importlib.import_module(f"ruptures.migrations.{name}")


@pytest.mark.django_db
def test_the_migration_records_each_steps_best_own_try_of_existing_attempts(trainee):
    from django.apps import apps

    attempt = make_attempt(trainee=trainee)
    make_response(attempt, "notice", level=1, score=40)
    best = make_response(attempt, "notice", level=2, score=55)
    make_response(attempt, "notice", level=3, score=95, copy_of="A model answer.")
    invite = make_response(attempt, "invite", level=0, score=10)
    make_response(attempt, "explore", level=3, score=90, copy_of="A model answer.")
    StepResult.objects.all().delete()  # as before the migration

    _reviews_migration().record_best_tries(apps, None)

    recorded = {
        r.step.name: (r.response, r.level, r.score)
        for r in StepResult.objects.select_related("step")
    }
    assert recorded == {"notice": (best, 2, 55), "invite": (invite, 0, 10)}
