"""The rubric editors change their part of the rubric; the engine's validation names the field."""

import pytest
from django.http import QueryDict

from ruptures.authoring.rubric_editor import PitfallsEditor, StepRubricEditor, rubric_problems
from ruptures.rubric import STEPS, RubricError, default_rubric

BASE = default_rubric().to_data()


def _post(editor: StepRubricEditor) -> QueryDict:
    post = QueryDict(mutable=True)
    view = editor.view
    fields = (
        [f for _, _, row, _ in view["criteria"] for f in row] + view["texts"] + view["pitfalls"]
    )
    for field in fields:
        if isinstance(field.value, list):
            post.setlist(field.name, field.value)
        else:
            post[field.name] = field.value
    return post


@pytest.mark.parametrize("step", STEPS)
def test_each_step_goes_through_its_editor_unchanged(step):
    posted = _post(StepRubricEditor.from_data(step, BASE))
    rubric = StepRubricEditor.from_post(step, BASE, posted).rubric()
    assert rubric is not None and rubric.version == default_rubric().version


def test_the_pitfalls_go_through_their_editor_unchanged():
    assert PitfallsEditor.from_data(BASE).rubric().version == default_rubric().version


def test_an_edit_changes_only_its_own_step():
    editor = StepRubricEditor.from_data("invite", BASE)
    editor.state["criteria"][0]["weight"] = "30"
    editor.state["severity"]["closed_question"] = "harmful"
    data = editor.data()
    assert data["steps"]["invite"]["criteria"][0]["weight"] == 30
    assert data["pitfalls"]["closed_question"]["steps"]["invite"] == "harmful"
    assert data["steps"]["notice"] == BASE["steps"]["notice"]
    assert BASE["steps"]["invite"]["criteria"][0]["weight"] == 25  # the base is left alone


def test_a_severity_left_to_the_default_removes_the_steps_own():
    editor = StepRubricEditor.from_data("invite", BASE)
    assert editor.state["severity"]["premature_apology"] == "harmful"
    editor.state["severity"]["premature_apology"] = ""
    assert "invite" not in editor.data()["pitfalls"]["premature_apology"]["steps"]


def test_the_engines_message_lands_beside_the_field_it_names():
    editor = StepRubricEditor.from_data("invite", BASE)
    editor.state["criteria"][1]["weight"] = "99"
    assert editor.rubric() is None
    weight = next(f for f in editor.view["criteria"][1][2] if f.name.endswith(".weight"))
    assert weight.errors == ["must be 1..50"]


def test_every_problem_lands_beside_its_field_at_once():
    editor = StepRubricEditor.from_data("invite", BASE)
    editor.state["criteria"][0]["name"] = ""
    editor.state["criteria"][1]["weight"] = "99"
    editor.state["criteria"][1]["params"] = "min_words"  # found by the editor itself
    editor.state["praise"] = " "
    assert editor.rubric() is None
    rows = editor.view["criteria"]
    errors = {f.name: f.errors for _, _, fields, _ in rows for f in fields if f.errors}
    errors.update((f.name, f.errors) for f in editor.view["texts"] if f.errors)
    assert errors == {
        "steps.invite.criteria[0].name": ["must be a non-empty text"],
        "steps.invite.criteria[1].weight": ["must be 1..50"],
        "steps.invite.criteria[1].params": [
            "write each setting as name=number, found 'min_words'"
        ],
        "steps.invite.praise": ["must be a non-empty text"],
    }
    assert editor.view["general_errors"] == []


def test_unreadable_settings_are_named_and_nothing_is_parsed():
    editor = StepRubricEditor.from_data("notice", BASE)
    editor.state["criteria"][0]["params"] = "min_words"
    assert editor.rubric() is None
    params = editor.view["criteria"][0][2][-1]
    assert params.errors == ["write each setting as name=number, found 'min_words'"]


def test_criteria_rows_are_added_moved_and_removed():
    editor = StepRubricEditor.from_data("validate", BASE)
    names = [c["name"] for c in editor.state["criteria"]]
    assert editor.apply("down:steps.validate.criteria[0]")
    assert [c["name"] for c in editor.state["criteria"]][:2] == [names[1], names[0]]
    assert editor.apply("add:steps.validate.criteria")
    assert len(editor.state["criteria"]) == len(names) + 1
    assert not editor.apply("add:steps.invite.criteria")  # another step's list


def test_a_blank_label_on_the_pitfalls_page_is_refused_beside_it():
    editor = PitfallsEditor.from_data(BASE)
    editor.state["blaming"]["label"] = "  "
    assert editor.rubric() is None
    blaming = dict(editor.view["sections"])["blaming"]
    assert blaming[0].errors == ["must be a non-empty text"]


def test_rubric_problems_split_each_path_from_its_message():
    error = RubricError("steps.x.weight: must be 1..50", ("steps.x.weight: must be 1..50", "odd"))
    assert rubric_problems(error) == [("steps.x.weight", "must be 1..50"), ("", "odd")]
    assert rubric_problems(RubricError("nothing to point at")) == [("", "nothing to point at")]
