"""The live preview and the exemplar check run the real engine under the rubric given."""

import copy

from ruptures.authoring.preview import Example, Preview, check_examples, preview
from ruptures.rubric import (
    MAX_CHARS,
    CriterionSpec,
    ScenarioRubric,
    default_rubric,
    parse_rubric_data,
)

RUBRIC = default_rubric()
OPEN = "What was that like for you, when I said it?"


def test_a_sample_answer_shows_its_level_criteria_and_the_words_behind_them():
    result = preview("invite", OPEN, rubric=RUBRIC)
    assert isinstance(result, Preview) and result.level in (1, 2, 3)
    met = [c.description for c in result.criteria if c.met]
    assert "Opens space with an open question or invitation." in met
    marked = [piece for piece, label in result.segments if label]
    assert marked and all(piece in OPEN for piece in marked)


def test_the_preview_uses_the_rubric_it_is_given():
    data = copy.deepcopy(RUBRIC.to_data())
    data["steps"]["invite"]["criteria"][0]["detector"] = ["apology"]
    edited = parse_rubric_data(data)
    before = preview("invite", OPEN, rubric=RUBRIC)
    after = preview("invite", OPEN, rubric=edited)
    assert before.criteria[0].met and not after.criteria[0].met
    assert after.assessment.score < before.assessment.score


def test_a_scenarios_own_criteria_count_in_the_preview():
    scenario = ScenarioRubric(
        criteria={"invite": (CriterionSpec("mentions_call", "Mentions the call", ("call",), 2),)}
    )
    result = preview(
        "invite", "What was it like when I raised the call?", rubric=RUBRIC, scenario=scenario
    )
    own = [c for c in result.criteria if c.source == "scenario"]
    assert [(c.description, c.met) for c in own] == [("Mentions the call", True)]


def test_nothing_typed_shows_nothing_and_bad_input_says_why():
    assert preview("invite", "   ", rubric=RUBRIC) is None
    assert "at most" in preview("invite", "x" * (MAX_CHARS + 1), rubric=RUBRIC)
    assert preview("apologise", OPEN, rubric=RUBRIC) == "Choose one of the five steps."


def test_the_check_lists_only_examples_scored_against_their_label():
    strong = (
        "I'm curious what that was like for you when I brought it up. "
        "Could you tell me more about it, including anything about me?"
    )
    examples = [
        Example("invite", strong),  # an exemplar the engine finds strong
        Example("invite", "ok"),  # an "exemplar" that is not
        Example("invite", "Are you angry with me?", "closed_question"),
        Example("invite", strong, "blaming"),  # a "counterexample" that is good
    ]
    checked, mismatches = check_examples(examples, rubric=RUBRIC)
    assert checked == 4
    assert [m.example.text for m in mismatches] == ["ok", strong]
    assert mismatches[0].reason.startswith("labelled strong, scored")
    assert "labelled a poor answer" in mismatches[1].reason
