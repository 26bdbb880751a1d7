"""The scenario editor keeps what is typed; the library validates it; errors sit beside fields."""

from pathlib import Path

import pytest
from django.http import QueryDict

from ruptures.authoring.scenario_editor import ScenarioEditor
from ruptures.authoring.scenario_state import data_from_state, state_from_data
from ruptures.library import load_file, load_paths

ROOT = Path(__file__).resolve().parents[2]
LIBRARY = load_paths([ROOT / "scenarios"]).scenarios
SAMPLE = load_file(ROOT / "scenarios" / "withdrawal" / "fine-just-tired.yaml")


def _post(editor: ScenarioEditor) -> QueryDict:
    """What the browser would post for the editor's fields as drawn."""
    post = QueryDict(mutable=True)
    view = editor.view
    fields = [view[key] for key in ("slug", "title", "rupture_type", "difficulty", "setting")]
    fields += [view["themes"], view["markers"], view["context"], view["why_no_rupture"]]
    fields += view["client"]
    fields += [f for row in view["transcript"].rows for f in row.fields]
    for step in view["steps"]:
        fields += [step.prompt, step.exemplars]
        for rows in (step.counterexamples, step.criteria):
            fields += [f for row in rows.rows for f in row.fields]
    for field in fields:
        if isinstance(field.value, list):
            post.setlist(field.name, field.value)
        else:
            post[field.name] = field.value
    return post


@pytest.mark.parametrize("spec", LIBRARY, ids=lambda spec: spec.slug)
def test_every_library_scenario_goes_through_the_editor_unchanged(spec):
    editor = ScenarioEditor.from_data(spec.to_dict(), slug=spec.slug)
    again = ScenarioEditor.from_post(_post(editor), slug=spec.slug).validate()
    assert again is not None
    assert again.content_hash() == spec.content_hash()


def test_a_blank_editor_reports_every_missing_field_beside_it():
    editor = ScenarioEditor.blank()
    assert editor.validate() is None
    view = editor.view
    assert view["title"].errors == ["must not be empty"]
    assert view["client"][1].errors == ["must be a whole number from 5 to 110, found ''"]
    assert view["transcript"].rows[0].fields[0].errors == ["must not be empty"]
    assert view["steps"][0].exemplars.errors == ["at least 2 required, found 0"]
    assert view["general_errors"] == []
    assert editor.error_count == len(editor.problems) > 40


def test_a_value_that_is_not_valid_stays_as_typed_and_is_named():
    state = state_from_data(SAMPLE.to_dict())
    state["client"]["age"] = "fourteen"
    state["steps"]["invite"]["criteria"][0]["weight"] = "9"
    editor = ScenarioEditor(state, slug=SAMPLE.slug)
    assert editor.validate() is None
    assert editor.view["client"][1].value == "fourteen"
    assert editor.view["client"][1].errors == [
        "must be a whole number from 5 to 110, found 'fourteen'"
    ]
    weight = editor.view["steps"][1].criteria.rows[0].fields[3]
    assert weight.errors == ["must be a whole number from 1 to 3, found 9"]


def test_a_marker_no_turn_carries_is_reported_on_the_markers():
    state = state_from_data(SAMPLE.to_dict())
    for turn in state["transcript"]:
        turn["markers"] = [m for m in turn["markers"] if m != "denial"]
    editor = ScenarioEditor(state, slug=SAMPLE.slug)
    assert editor.validate() is None
    assert editor.view["markers"].errors == [
        "item 1: 'denial' is not carried by any turn of the transcript"
    ]


def test_a_fixed_slug_cannot_be_changed_by_the_post():
    post = _post(ScenarioEditor.from_data(SAMPLE.to_dict(), slug=SAMPLE.slug))
    post["slug"] = "something-else"
    assert ScenarioEditor.from_post(post, slug=SAMPLE.slug).validate().slug == SAMPLE.slug


def test_row_buttons_add_move_and_remove_turns_and_criteria_keeping_what_was_typed():
    editor = ScenarioEditor.from_data(SAMPLE.to_dict(), slug=SAMPLE.slug)
    texts = [turn["text"] for turn in editor.state["transcript"]]
    editor.apply("up:transcript[1]")
    assert [t["text"] for t in editor.state["transcript"]][:2] == [texts[1], texts[0]]
    editor.apply("remove:transcript[0]")
    editor.apply("add:transcript")
    assert [t["text"] for t in editor.state["transcript"]] == [texts[0], *texts[2:], ""]
    editor.apply("add:steps.invite.criteria")
    assert len(editor.state["steps"]["invite"]["criteria"]) == 2
    assert editor.apply("save") is None


def test_a_foil_with_nothing_in_its_steps_sends_no_steps_and_one_with_steps_is_told():
    state = state_from_data(SAMPLE.to_dict())
    state["rupture_type"] = "none"
    assert "steps" in data_from_state(state)  # typed steps are not dropped silently
    editor = ScenarioEditor(state, slug=SAMPLE.slug)
    editor.validate()
    assert editor.view["steps_block"].errors == [
        "a 'none' scenario has no steps; remove this field"
    ]
    empty = ScenarioEditor.blank().state
    empty["rupture_type"] = "none"
    assert "steps" not in data_from_state(empty)


def test_the_preview_rubric_holds_the_criteria_typed_so_far_and_skips_unfinished_ones():
    state = state_from_data(SAMPLE.to_dict())
    state["steps"]["invite"]["criteria"].append(
        {"name": "half", "description": "", "indicators": "", "weight": ""}
    )
    rubric = ScenarioEditor(state, slug=SAMPLE.slug).preview_rubric("invite")
    assert [c.name for c in rubric.criteria["invite"]] == ["asks_about_the_call"]
    assert rubric.exemplars["invite"] == SAMPLE.step("invite").exemplars
    assert "Your mom called me on Tuesday" in rubric.context
    assert (
        ScenarioEditor(state).preview_rubric("invite", exemplars=False).exemplars["invite"] == ()
    )


def test_examples_lists_every_exemplar_and_counterexample_with_its_label():
    editor = ScenarioEditor.from_data(SAMPLE.to_dict(), slug=SAMPLE.slug)
    examples = editor.examples()
    notice = SAMPLE.step("notice")
    assert ("notice", notice.exemplars[0], "") in examples
    assert (
        "notice",
        notice.counterexamples[0].text,
        notice.counterexamples[0].pitfall,
    ) in examples
    assert len(examples) == sum(len(s.exemplars) + len(s.counterexamples) for s in SAMPLE.steps)
