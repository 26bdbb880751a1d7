"""Validation of scenario data: the good fixtures parse, each fault is named precisely."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from ruptures.library import (
    STEPS,
    Client,
    Counterexample,
    CriterionSpec,
    ScenarioError,
    Turn,
    parse_scenario,
)

FIXTURES = Path(__file__).parent / "fixtures"
RUPTURE = "withdrawal/quiet-after-the-holiday.yaml"
FOIL = "none/running-late-by-train.yaml"
SOURCE = "scenarios/x.yaml"

Edit = Callable[[dict[str, Any]], None]


def fixture_data(name: str) -> dict[str, Any]:
    return yaml.safe_load((FIXTURES / name).read_text(encoding="utf-8"))


def problems_after(name: str, *edits: Edit) -> list[str]:
    data = copy.deepcopy(fixture_data(name))
    for edit in edits:
        edit(data)
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(data, source=SOURCE)
    return [str(problem) for problem in caught.value.problems]


def _parent(data: dict[str, Any], path: tuple[Any, ...]) -> Any:
    for key in path[:-1]:
        data = data[key]
    return data


def setting(*path: Any, value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        _parent(data, path)[path[-1]] = value

    return edit


def removing(*path: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        del _parent(data, path)[path[-1]]

    return edit


def test_valid_rupture_fixture_parses_to_expected_dataclasses():
    spec = parse_scenario(fixture_data(RUPTURE), source=RUPTURE)

    assert spec.slug == "quiet-after-the-holiday"
    assert spec.rupture_type == "withdrawal"
    assert spec.markers == ("denial", "minimal_response")
    assert (spec.difficulty, spec.setting) == ("beginner", "individual")
    assert spec.themes == ("therapist-absence", "breaks")
    assert spec.client == Client(
        "Tomas", 29, "Low mood and trouble sleeping since moving cities.", "avoidant"
    )
    assert spec.context.startswith("Tomas has seen his therapist")
    assert not spec.context.endswith("\n")
    assert len(spec.transcript) == 4
    assert spec.transcript[0] == Turn(
        "therapist", "It's good to see you again. How have the last two weeks been?"
    )
    assert spec.transcript[1] == Turn(
        "client", "Fine.", nonverbal="looks at the floor", markers=("minimal_response",)
    )
    assert tuple(step.name for step in spec.steps) == STEPS
    assert spec.why_no_rupture == ""
    assert spec.is_rupture


def test_valid_rupture_fixture_steps_hold_their_parts():
    spec = parse_scenario(fixture_data(RUPTURE), source=RUPTURE)

    notice = spec.step("notice")
    assert notice.prompt == "What do you notice in Tomas's answers today?"
    assert len(notice.exemplars) == 2
    assert notice.counterexamples == (Counterexample("He is fine; he said so twice.", "ignoring"),)
    assert notice.criteria == (
        CriterionSpec(
            "names_the_short_answers",
            "Notices how brief his answers have become.",
            ("short", "brief", "one word", "clipped"),
            2,
        ),
    )
    assert spec.step("invite").criteria[0].weight == 1  # the default
    with pytest.raises(KeyError):
        spec.step("repair")


def test_steps_come_out_in_steps_order_whatever_the_file_order():
    data = fixture_data(RUPTURE)
    data["steps"] = dict(reversed(data["steps"].items()))

    spec = parse_scenario(data, source=RUPTURE)

    assert tuple(step.name for step in spec.steps) == STEPS


def test_a_file_without_a_status_is_published():
    assert "status" not in fixture_data(RUPTURE)
    assert parse_scenario(fixture_data(RUPTURE), source=RUPTURE).status == "published"


@pytest.mark.parametrize("status", ["draft", "published"])
def test_a_file_may_say_whether_it_is_a_draft_or_published(status):
    data = {**fixture_data(RUPTURE), "status": status}
    assert parse_scenario(data, source=RUPTURE).status == status


def test_an_unknown_status_is_reported_with_the_choices():
    problems = problems_after(RUPTURE, setting("status", value="hidden"))
    assert problems == [
        f"{SOURCE}: status: 'hidden' is not allowed; expected one of: draft, published"
    ]


def test_valid_foil_fixture_parses_without_steps_or_markers():
    spec = parse_scenario(fixture_data(FOIL), source=FOIL)

    assert spec.rupture_type == "none"
    assert spec.markers == ()
    assert spec.steps == ()
    assert spec.themes == ()
    assert spec.why_no_rupture.startswith("Amara is late for a reason")
    assert not spec.is_rupture


def test_foil_may_leave_out_markers():
    data = fixture_data(FOIL)
    del data["markers"]

    assert parse_scenario(data, source=FOIL).markers == ()


WITHDRAWAL_CODES = (
    "denial, minimal_response, hopelessness, intellectualizing, avoidant_storytelling, "
    "topic_shift, deferential_agreement, content_affect_split, late_or_missed"
)

FAULTS = {
    "missing_field": (
        RUPTURE,
        [removing("title")],
        "scenarios/x.yaml: title: required field is missing",
    ),
    "missing_client_field": (
        RUPTURE,
        [removing("client", "attachment_style")],
        "scenarios/x.yaml: client.attachment_style: required field is missing",
    ),
    "unknown_marker": (
        RUPTURE,
        [setting("markers", 1, value="minimal_respons")],
        "scenarios/x.yaml: markers[1]: unknown marker 'minimal_respons'; "
        "did you mean 'minimal_response'?",
    ),
    "unknown_marker_far_from_any": (
        RUPTURE,
        [setting("markers", 0, value="sulking")],
        "scenarios/x.yaml: markers[0]: unknown marker 'sulking'; see ruptures/markers.yaml",
    ),
    "marker_of_the_wrong_kind": (
        RUPTURE,
        [setting("markers", 0, value="ultimatum")],
        "scenarios/x.yaml: markers[0]: 'ultimatum' is a confrontation marker, not withdrawal; "
        f"expected one of: {WITHDRAWAL_CODES}",
    ),
    "wrong_enum": (
        RUPTURE,
        [setting("difficulty", value="expert")],
        "scenarios/x.yaml: difficulty: 'expert' is not allowed; "
        "expected one of: beginner, intermediate, advanced",
    ),
    "wrong_rupture_type": (
        RUPTURE,
        [setting("rupture_type", value="withdrawn")],
        "scenarios/x.yaml: rupture_type: 'withdrawn' is not allowed; "
        "expected one of: withdrawal, confrontation, none",
    ),
    "wrong_attachment_style": (
        RUPTURE,
        [setting("client", "attachment_style", value="fearful")],
        "scenarios/x.yaml: client.attachment_style: 'fearful' is not allowed; "
        "expected one of: secure, anxious, avoidant, disorganized",
    ),
    "too_few_exemplars": (
        RUPTURE,
        [setting("steps", "invite", "exemplars", value=["Only one good answer."])],
        "scenarios/x.yaml: steps.invite.exemplars: at least 2 required, found 1",
    ),
    "no_counterexamples": (
        RUPTURE,
        [setting("steps", "explore", "counterexamples", value=[])],
        "scenarios/x.yaml: steps.explore.counterexamples: at least 1 required, found 0",
    ),
    "unknown_pitfall": (
        RUPTURE,
        [setting("steps", "validate", "counterexamples", 0, "pitfall", value="rude")],
        "scenarios/x.yaml: steps.validate.counterexamples[0].pitfall: "
        "'rude' is not a known pitfall; expected one of: defensive, premature_apology, "
        "blaming, interpreting, minimizing, ignoring, closed_question, advice, "
        "over_apologising, pushing",
    ),
    "no_criteria": (
        RUPTURE,
        [setting("steps", "notice", "criteria", value=[])],
        "scenarios/x.yaml: steps.notice.criteria: at least 1 required, found 0",
    ),
    "empty_indicators": (
        RUPTURE,
        [setting("steps", "notice", "criteria", 0, "indicators", value=[])],
        "scenarios/x.yaml: steps.notice.criteria[0].indicators: at least 1 required, found 0",
    ),
    "weight_out_of_range": (
        RUPTURE,
        [setting("steps", "notice", "criteria", 0, "weight", value=4)],
        "scenarios/x.yaml: steps.notice.criteria[0].weight: "
        "must be a whole number from 1 to 3, found 4",
    ),
    "criterion_name_not_snake_case": (
        RUPTURE,
        [setting("steps", "notice", "criteria", 0, "name", value="Names Charge")],
        "scenarios/x.yaml: steps.notice.criteria[0].name: "
        "must be snake_case, found 'Names Charge'",
    ),
    "unknown_key": (
        RUPTURE,
        [setting("tittle", value="Typo")],
        "scenarios/x.yaml: unknown field 'tittle'; did you mean 'title'?",
    ),
    "unknown_key_in_a_step": (
        RUPTURE,
        [setting("steps", "notice", "exemplar", value=["x"])],
        "scenarios/x.yaml: steps.notice: unknown field 'exemplar'; did you mean 'exemplars'?",
    ),
    "unknown_step": (
        RUPTURE,
        [setting("steps", "repair", value={})],
        "scenarios/x.yaml: steps: unknown field 'repair'; "
        "allowed fields: notice, invite, validate, explore, negotiate",
    ),
    "missing_step": (
        RUPTURE,
        [removing("steps", "explore")],
        "scenarios/x.yaml: steps.explore: required field is missing",
    ),
    "rupture_without_steps": (
        RUPTURE,
        [removing("steps")],
        "scenarios/x.yaml: steps: required for a withdrawal scenario: "
        "all of notice, invite, validate, explore, negotiate",
    ),
    "foil_with_steps": (
        FOIL,
        [setting("steps", value=fixture_data(RUPTURE)["steps"])],
        "scenarios/x.yaml: steps: a 'none' scenario has no steps; remove this field",
    ),
    "foil_with_markers": (
        FOIL,
        [setting("markers", value=["denial"])],
        "scenarios/x.yaml: markers: a 'none' scenario has no markers; write markers: []",
    ),
    "foil_without_why_no_rupture": (
        FOIL,
        [removing("why_no_rupture")],
        "scenarios/x.yaml: why_no_rupture: "
        "required for a 'none' scenario: say why nothing ruptured",
    ),
    "rupture_with_why_no_rupture": (
        RUPTURE,
        [setting("why_no_rupture", value="Because.")],
        "scenarios/x.yaml: why_no_rupture: "
        "only for rupture_type none; this is a withdrawal scenario",
    ),
    "rupture_without_markers": (
        RUPTURE,
        [setting("markers", value=[]), setting("transcript", 1, "markers", value=[])],
        "scenarios/x.yaml: markers: at least 1 required, found 0",
    ),
    "turn_marker_not_listed": (
        RUPTURE,
        [setting("transcript", 3, "markers", value=["denial", "topic_shift"])],
        "scenarios/x.yaml: transcript[3].markers[1]: "
        "'topic_shift' is not listed in the scenario's markers",
    ),
    "listed_marker_on_no_turn": (
        RUPTURE,
        [removing("transcript", 3, "markers")],
        "scenarios/x.yaml: markers[0]: 'denial' is not carried by any turn of the transcript",
    ),
    "marker_listed_twice": (
        RUPTURE,
        [setting("markers", value=["denial", "minimal_response", "denial"])],
        "scenarios/x.yaml: markers[2]: 'denial' is listed twice",
    ),
    "too_few_turns": (
        RUPTURE,
        [removing("transcript", 0)],
        "scenarios/x.yaml: transcript: at least 4 required, found 3",
    ),
    "too_many_turns": (
        FOIL,
        [lambda data: data["transcript"].extend(data["transcript"] * 3)],
        "scenarios/x.yaml: transcript: at most 12 allowed, found 16",
    ),
    "turn_not_a_mapping": (
        FOIL,
        [setting("transcript", 2, value="Just a line")],
        "scenarios/x.yaml: transcript[2]: "
        "expected a mapping of speaker, text, nonverbal, markers, found text",
    ),
    "age_too_low": (
        RUPTURE,
        [setting("client", "age", value=3)],
        "scenarios/x.yaml: client.age: must be a whole number from 5 to 110, found 3",
    ),
    "age_as_words": (
        RUPTURE,
        [setting("client", "age", value="thirty")],
        "scenarios/x.yaml: client.age: must be a whole number from 5 to 110, found 'thirty'",
    ),
    "age_as_boolean": (
        RUPTURE,
        [setting("client", "age", value=True)],
        "scenarios/x.yaml: client.age: must be a whole number from 5 to 110, found True",
    ),
    "bad_slug": (
        RUPTURE,
        [setting("slug", value="Quiet_After")],
        "scenarios/x.yaml: slug: must be lowercase letters, digits and single hyphens "
        "(like 'invoice-for-a-sick-day'), found 'Quiet_After'",
    ),
    "title_not_text": (
        RUPTURE,
        [setting("title", value=42)],
        "scenarios/x.yaml: title: expected text, found a number",
    ),
    "blank_text": (
        RUPTURE,
        [setting("transcript", 0, "text", value="   ")],
        "scenarios/x.yaml: transcript[0].text: must not be empty",
    ),
    "text_too_long": (
        RUPTURE,
        [setting("title", value="x" * 121)],
        "scenarios/x.yaml: title: too long: 121 characters, at most 120",
    ),
    "exemplars_not_a_list": (
        RUPTURE,
        [setting("steps", "negotiate", "exemplars", value="One answer")],
        "scenarios/x.yaml: steps.negotiate.exemplars: expected a list, found text",
    ),
    "null_required_field": (
        RUPTURE,
        [setting("context", value=None)],
        "scenarios/x.yaml: context: expected text, found nothing",
    ),
}


@pytest.mark.parametrize(("name", "edits", "expected"), FAULTS.values(), ids=FAULTS.keys())
def test_each_fault_is_reported_with_file_path_and_expectation(name, edits, expected):
    assert expected in problems_after(name, *edits)


def test_duplicate_criterion_names_in_a_step_are_reported():
    criterion = fixture_data(RUPTURE)["steps"]["notice"]["criteria"][0]

    problems = problems_after(
        RUPTURE, setting("steps", "notice", "criteria", value=[criterion, criterion])
    )

    assert problems == [
        "scenarios/x.yaml: steps.notice.criteria[1].name: "
        "'names_the_short_answers' is already used in this step"
    ]


def test_every_problem_in_a_file_is_reported_not_just_the_first():
    problems = problems_after(
        RUPTURE,
        removing("title"),
        setting("difficulty", value="expert"),
        setting("steps", "invite", "exemplars", value=["One."]),
        setting("steps", "negotiate", "counterexamples", 0, "pitfall", value="rude"),
        setting("client", "age", value=200),
    )

    paths = [problem.split(": ")[1] for problem in problems]
    assert paths == [
        "title",
        "difficulty",
        "client.age",
        "steps.invite.exemplars",
        "steps.negotiate.counterexamples[0].pitfall",
    ]


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (None, "scenarios/x.yaml: the file is empty; expected a scenario"),
        (["slug", "title"], "scenarios/x.yaml: the top level must be a mapping"),
        ("just text", "scenarios/x.yaml: the top level must be a mapping"),
    ],
)
def test_data_that_is_not_a_mapping_is_refused(data, expected):
    with pytest.raises(ScenarioError) as caught:
        parse_scenario(data, source=SOURCE)

    [problem] = caught.value.problems
    assert str(problem).startswith(expected)
