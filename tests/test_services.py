"""Writes of the practice flow, against the real engine and database."""

import json
from pathlib import Path

import pytest
from django.db.models import JSONField

from ruptures.library import load_file
from ruptures.models import AttemptStatus, StepResponse
from ruptures.services.attempts import attempt_recognise, attempt_start, attempt_submit_step
from ruptures.services.library import library_load

pytestmark = pytest.mark.django_db

SAMPLE = sorted((Path(__file__).resolve().parent.parent / "scenarios" / "withdrawal").glob("*"))[0]
WEAK = "Let's get back to the worksheet."
STRONG = "I notice you went quiet when I mentioned it, and I may be wrong. What was that like?"


@pytest.fixture
def attempt(trainee):
    spec = load_file(SAMPLE)
    library_load(specs=[spec])
    from ruptures.models import Scenario

    attempt = attempt_start(trainee=trainee, scenario=Scenario.objects.get(slug=spec.slug))
    attempt_recognise(attempt=attempt, said_rupture=True, said_type="withdrawal", said_markers=[])
    attempt.refresh_from_db()
    return attempt


def _submit(attempt, step, text, try_number=1):
    return attempt_submit_step(
        attempt=attempt,
        step=attempt.version.steps.get(name=step),
        text=text,
        try_number=try_number,
    )


def test_total_is_the_mean_of_each_steps_best_try_over_five_steps(attempt):
    weak = _submit(attempt, "notice", WEAK)
    strong = _submit(attempt, "notice", STRONG, try_number=2)
    invite = _submit(attempt, "invite", "What was that like for you?")
    attempt.refresh_from_db()
    best_notice = max(weak.score, strong.score)
    assert attempt.total_score == round((best_notice + invite.score) / 5)
    assert attempt.status == AttemptStatus.REPAIRING and attempt.finished_at is None


def test_answering_the_fifth_step_finishes_the_attempt_once(attempt):
    for step in ("notice", "invite", "validate", "explore", "negotiate"):
        _submit(attempt, step, STRONG)
    attempt.refresh_from_db()
    finished = attempt.finished_at
    assert attempt.status == AttemptStatus.DONE and finished is not None
    _submit(attempt, "notice", WEAK, try_number=2)  # a later retry keeps the finish time
    attempt.refresh_from_db()
    assert attempt.finished_at == finished
    scores = {}
    for r in StepResponse.objects.filter(attempt=attempt).select_related("step"):
        scores[r.step.name] = max(scores.get(r.step.name, 0), r.score)
    assert attempt.total_score == round(sum(scores.values()) / 5)


def test_every_response_records_the_engine_and_rubric_versions(attempt):
    from ruptures.rubric import ENGINE_VERSION

    response = _submit(attempt, "notice", STRONG)
    assert response.engine_version == ENGINE_VERSION
    assert response.rubric_version
    assert {c["name"] for c in response.criteria}


def test_submitting_leaves_the_attempt_with_the_stored_totals(attempt):
    # The totals come back from the UPDATE itself: no refresh, no guess.
    steps = ("notice", "invite", "validate", "explore", "negotiate")
    for step in steps[:-1]:
        _submit(attempt, step, STRONG)
        assert attempt.status == AttemptStatus.REPAIRING and attempt.finished_at is None
    _submit(attempt, "negotiate", STRONG)
    in_memory = (attempt.status, attempt.total_score, attempt.finished_at)
    attempt.refresh_from_db()
    assert in_memory == (attempt.status, attempt.total_score, attempt.finished_at)
    assert attempt.status == AttemptStatus.DONE


def test_a_double_submit_returns_the_first_response_and_current_totals(attempt):
    first = _submit(attempt, "notice", STRONG)
    stale = attempt.__class__.objects.get(pk=attempt.pk)
    stale.total_score = None  # as loaded before the first submit was stored
    again = _submit(stale, "notice", STRONG)
    assert again.pk == first.pk
    assert StepResponse.objects.filter(attempt=attempt).count() == 1
    assert stale.total_score is not None
    assert stale.total_score == attempt.total_score


def test_the_attempt_leaves_with_its_tries_as_stored_for_the_page_drawn_next(attempt):
    _submit(attempt, "invite", WEAK)
    notice = attempt.version.steps.get(name="notice")
    for text, try_number in ((WEAK, 1), (STRONG, 2), (STRONG, 2)):  # the last is resent
        response = _submit(attempt, "notice", text, try_number=try_number)
        stored = StepResponse.objects.tries_of(attempt, shown=notice.pk)
        by_pk = sorted(attempt.tries, key=lambda r: r.pk)  # the new try comes last
        assert by_pk == sorted(stored, key=lambda r: r.pk)
        for kept, read in zip(by_pk, sorted(stored, key=lambda r: r.pk), strict=True):
            assert kept.step_name == read.step_name
            assert kept.get_deferred_fields() == read.get_deferred_fields()
        assert response in attempt.tries
    assert [r.try_number for r in attempt.tries if r.step_id == notice.pk] == [1, 2]


def test_criteria_and_feedback_are_stored_as_the_engines_types(attempt):
    from dataclasses import fields

    from ruptures.rubric import CriterionResult, Feedback, PitfallHit

    response = _submit(attempt, "notice", "I was only trying to help you, that is my job.")
    assert [set(c) for c in response.criteria] == [
        {f.name for f in fields(CriterionResult)} for _ in response.criteria
    ]
    assert set(response.feedback) == {f.name for f in fields(Feedback)} | {"pitfalls"}
    assert response.feedback["pitfalls"], "a defensive answer shows its pitfall"
    for hit in response.feedback["pitfalls"]:
        assert set(hit) == {f.name for f in fields(PitfallHit)}


@pytest.mark.parametrize("text", [WEAK, STRONG, "I was only trying to help you, that is my job."])
def test_the_stored_json_is_byte_for_byte_what_dataclasses_asdict_gives(attempt, text):
    from dataclasses import asdict

    from ruptures.models.results import UNREAD
    from ruptures.rubric import assess
    from ruptures.services.library import version_rubric
    from ruptures.services.rubrics import rubric_current

    response = _submit(attempt, "notice", text)
    scenario, rubric = version_rubric(attempt.version), rubric_current(UNREAD)
    assessment = assess("notice", text, scenario=scenario, rubric=rubric)
    expected = {
        "criteria": [asdict(c) for c in assessment.criteria],
        "feedback": {
            **asdict(assessment.feedback),
            "pitfalls": [asdict(hit) for hit in assessment.pitfall_hits],
        },
    }
    stored = StepResponse.objects.values("criteria", "feedback").get(pk=response.pk)
    for column, value in expected.items():
        # What the INSERT sent, keys in order; PostgreSQL's jsonb keeps its own order.
        assert json.dumps(getattr(response, column)) == json.dumps(value)
        assert stored[column] == json.loads(json.dumps(value))


def test_a_draft_is_kept_once_per_step_and_the_latest_text_wins(attempt):
    from ruptures.models import StepDraft
    from ruptures.services.attempts import draft_save

    step = attempt.version.steps.get(name="notice")
    draft_save(attempt=attempt, step=step, text="I notice", try_number=1)
    draft_save(attempt=attempt, step=step, text="I notice you went quiet", try_number=2)
    assert list(StepDraft.objects.values_list("text", "try_number")) == [
        ("I notice you went quiet", 2)
    ]


def test_a_pasted_exemplar_is_kept_but_counts_neither_as_best_nor_in_the_total(attempt):
    notice = attempt.version.steps.get(name="notice")
    own = _submit(attempt, "notice", WEAK)
    attempt.refresh_from_db()
    total_before = attempt.total_score
    copy = _submit(attempt, "notice", notice.exemplars[0], try_number=2)
    assert copy.copy_of == notice.exemplars[0]
    assert StepResponse.objects.filter(attempt=attempt).count() == 2
    attempt.refresh_from_db()
    assert attempt.total_score == total_before == round(own.score / 5)
    assert list(StepResponse.objects.filter(attempt=attempt).own_words()) == [own]


def test_an_answer_in_the_trainees_own_words_is_not_marked_as_a_copy(attempt):
    assert _submit(attempt, "notice", STRONG).copy_of == ""


def test_pasted_exemplars_do_not_answer_a_step_or_finish_the_attempt(attempt):
    for step in attempt.version.steps.all():
        _submit(attempt, step.name, step.exemplars[0])
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.REPAIRING and attempt.total_score == 0


def test_a_try_comes_back_from_the_submit_as_stored(attempt):
    response = _submit(attempt, "invite", WEAK)
    stored = StepResponse.objects.get(pk=response.pk)
    for field in StepResponse._meta.concrete_fields:  # the database's time and id included
        value = getattr(response, field.attname)
        if isinstance(field, JSONField):  # the engine's tuples are stored as lists
            value = json.loads(json.dumps(value))
        assert value == getattr(stored, field.attname), field.name
    assert stored.criteria and stored.feedback["point"]
    assert not response._state.adding
