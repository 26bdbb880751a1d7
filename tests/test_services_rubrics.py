"""Rubric versions against the real engine and database: the newest scores new tries only."""

import copy
from pathlib import Path

import pytest

from ruptures.library import load_file
from ruptures.models import RubricVersion, Scenario, StepResponse
from ruptures.rubric import RubricError, default_rubric
from ruptures.services import rubrics
from ruptures.services.attempts import attempt_recognise, attempt_start, attempt_submit_step
from ruptures.services.library import library_load

pytestmark = pytest.mark.django_db

SAMPLE = (
    Path(__file__).resolve().parent.parent / "scenarios" / "withdrawal" / "fine-just-tired.yaml"
)
ANSWER = "What was it like for you when I started with your mom's call?"


def _edited(data, *, step="invite", feedback="Ask what it was like, openly.", weight=40):
    data = copy.deepcopy(data)
    criterion = data["steps"][step]["criteria"][0]
    criterion["feedback"], criterion["weight"] = feedback, weight
    return data


@pytest.fixture
def attempt(trainee):
    library_load(specs=[load_file(SAMPLE)])
    attempt = attempt_start(trainee=trainee, scenario=Scenario.objects.get())
    return attempt_recognise(
        attempt=attempt, said_rupture=True, said_type="withdrawal", said_markers=[]
    )


def _submit(attempt, text=ANSWER, try_number=1, step="invite"):
    return attempt_submit_step(
        attempt=attempt,
        step=attempt.version.steps.get(name=step),
        text=text,
        try_number=try_number,
    )


def test_the_packaged_rubric_becomes_version_one_on_first_use():
    assert not RubricVersion.objects.exists()
    assert rubrics.rubric_current().version == default_rubric().version
    first = RubricVersion.objects.get()
    assert (first.number, first.version) == (1, default_rubric().version)
    assert first.data == default_rubric().to_data()


def test_saving_changed_data_makes_the_next_version_current(program_admin):
    first = rubrics.rubric_current_version()
    saved = rubrics.rubric_save(data=_edited(first.data), author=program_admin, base=1)
    assert (saved.number, saved.author) == (2, program_admin)
    assert rubrics.rubric_current().version == saved.version != first.version
    assert rubrics.rubric_current().steps["invite"].criteria[0].weight == 40


def test_saving_unchanged_data_makes_no_version(program_admin):
    first = rubrics.rubric_current_version()
    assert rubrics.rubric_save(data=first.data, author=program_admin, base=1) == first
    assert RubricVersion.objects.count() == 1


def test_a_save_based_on_an_older_version_is_refused_and_writes_nothing(program_admin):
    data = rubrics.rubric_current_version().data
    rubrics.rubric_save(data=_edited(data), author=program_admin, base=1)
    with pytest.raises(rubrics.StaleRubric) as stale:
        rubrics.rubric_save(data=_edited(data, weight=30), author=program_admin, base=1)
    assert stale.value.current.number == 2
    assert RubricVersion.objects.count() == 2


def test_invalid_data_is_refused_naming_the_field(program_admin):
    data = _edited(rubrics.rubric_current_version().data, weight=99)
    with pytest.raises(RubricError, match=r"steps\.invite\.criteria\[0\]\.weight"):
        rubrics.rubric_save(data=data, author=program_admin, base=1)
    assert RubricVersion.objects.count() == 1


def test_restoring_an_old_version_makes_its_data_the_newest(program_admin):
    first = rubrics.rubric_current_version()
    rubrics.rubric_save(data=_edited(first.data), author=program_admin, base=1)
    restored = rubrics.rubric_restore(version=first, author=program_admin)
    assert (restored.number, restored.restored_from) == (3, 1)
    assert restored.version == first.version
    assert rubrics.rubric_current().version == first.version


def test_the_current_rubric_costs_one_query_once_parsed(django_assert_num_queries):
    rubrics.rubric_current()
    with django_assert_num_queries(1):
        rubrics.rubric_current()


def test_a_scores_rubric_is_read_once_per_process_and_the_packaged_one_never(
    program_admin, django_assert_num_queries
):
    saved = rubrics.rubric_save(
        data=_edited(rubrics.rubric_current_version().data), author=program_admin, base=1
    )
    rubrics._parsed.clear()
    with django_assert_num_queries(0):
        assert rubrics.rubric_of(default_rubric().version) is default_rubric()
        assert rubrics.rubric_of(f"{default_rubric().version}+v3") is default_rubric()
        assert rubrics.rubric_of("") is default_rubric()  # none recorded
    with django_assert_num_queries(1):
        assert rubrics.rubric_of(f"{saved.version}+v2").version == saved.version
    with django_assert_num_queries(0):
        assert rubrics.rubric_of(saved.version).version == saved.version
    with django_assert_num_queries(1):  # a hash no version has: the packaged rubric, once
        assert rubrics.rubric_of("0123456789ab") is default_rubric()
    with django_assert_num_queries(0):
        assert rubrics.rubric_of("0123456789ab") is default_rubric()


def test_a_new_rubric_version_applies_to_new_tries_and_leaves_old_scores_as_they_were(
    attempt, program_admin
):
    old = _submit(attempt)
    stored = StepResponse.objects.values().get(pk=old.pk)
    data = rubrics.rubric_current_version().data
    edited = _edited(data, feedback="A brand-new piece of feedback about inviting.", weight=50)
    edited["steps"]["invite"]["criteria"][0]["detector"] = ["apology"]  # no longer met
    new_version = rubrics.rubric_save(data=edited, author=program_admin, base=1)

    new = _submit(attempt, try_number=2)

    assert StepResponse.objects.values().get(pk=old.pk) == stored
    assert old.rubric_version.startswith(default_rubric().version)
    assert new.rubric_version.startswith(new_version.version)
    old_met = {c["name"]: c["met"] for c in old.criteria}
    new_met = {c["name"]: c["met"] for c in new.criteria}
    assert old_met["open_invitation"] and not new_met["open_invitation"]
    assert new.score < old.score
