"""The public contract of `assess`: inputs, outputs, scenarios, feedback, versions."""

from types import MappingProxyType

import pytest

from ruptures.rubric import (
    ENGINE_VERSION,
    LEVEL_LABELS,
    MAX_CHARS,
    PITFALLS,
    STEPS,
    CriterionSpec,
    EmptyResponse,
    ScenarioRubric,
    assess,
    default_rubric,
    parse_rubric_data,
)


def make_scenario(**kwargs) -> ScenarioRubric:
    kwargs.setdefault("context", "Sam snapped that the therapist kept checking the clock.")
    kwargs.setdefault("version", "v1")
    for key in ("criteria", "exemplars"):
        kwargs[key] = MappingProxyType(kwargs.get(key, {}))
    return ScenarioRubric(**kwargs)


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_blank_answer_raises_empty_response(text):
    with pytest.raises(EmptyResponse, match="empty"):
        assess("invite", text)


def test_empty_response_is_a_value_error():
    assert issubclass(EmptyResponse, ValueError)


def test_unknown_step_raises_value_error():
    with pytest.raises(ValueError, match="Unknown step"):
        assess("apologise", "What happened?")


def test_too_long_answer_raises_value_error():
    with pytest.raises(ValueError, match="limit"):
        assess("invite", "a" * (MAX_CHARS + 1))
    assert assess("invite", "a " * (MAX_CHARS // 2)).score >= 0  # exactly at the limit is fine


def test_assessment_fields_are_consistent():
    a = assess("invite", "What was that like for you just now?")
    assert a.step == "invite"
    assert a.level in LEVEL_LABELS and a.level_label == LEVEL_LABELS[a.level]
    assert 0 <= a.score <= 100
    assert a.pitfalls <= set(PITFALLS)
    assert a.engine_version == ENGINE_VERSION
    assert a.rubric_version == default_rubric().version
    assert {c.source for c in a.criteria} == {"default"}
    assert a.feedback.point and a.feedback.alternative


def test_levels_order_good_and_poor_answers():
    strong = assess(
        "negotiate",
        "I think I moved too fast with the plan, and that part is on me. Could we work out "
        "together what pace feels right for you, and check in each week on how it's going?",
    )
    adequate = assess("negotiate", "What would work better for you from here?")
    harmful = assess("negotiate", "You need to try harder. Just do the exercises every day.")
    assert strong.level == 3 and adequate.level == 2 and harmful.level == 0


def test_very_short_answer_is_weak_not_an_error():
    a = assess("validate", "ok")
    assert a.level == 1 and not a.pitfalls


def test_off_step_answer_is_weak():
    assert assess("explore", "I'll definitely think about how to be more helpful.").level == 1


def test_typos_and_lower_case_run_ons_are_still_read():
    a = assess("invite", "im really sorry i shouldnt of said that im so sorry i feel awful")
    assert "over_apologising" in a.pitfalls
    assert assess("invite", "what was that like for u just now").level >= 2


def test_scenario_criterion_met_with_evidence_span():
    spec = CriterionSpec("names_clock", "Names the glance at the clock.", ("clock", "time"), 2)
    scenario = make_scenario(criteria={"notice": (spec,)})
    text = "I noticed you saw me look at the clocks just now."
    a = assess("notice", text, scenario=scenario)
    result = next(c for c in a.criteria if c.name == "names_clock")
    assert result.met and result.source == "scenario" and result.weight == 2
    assert [text[s:e] for s, e in result.evidence] == ["clocks"]


def test_scenario_criterion_missed_gives_feedback_and_no_points():
    spec = CriterionSpec("names_clock", "Names the glance at the clock.", ("clock",), 2)
    with_spec = make_scenario(criteria={"notice": (spec,)})
    text = "I notice something shifted between us just now."
    a = assess("notice", text, scenario=with_spec)
    result = next(c for c in a.criteria if c.name == "names_clock")
    assert not result.met and not result.evidence and "clock" in result.feedback
    assert a.score == assess("notice", text, scenario=make_scenario()).score


def test_feedback_alternative_comes_from_scenario_exemplars():
    exemplars = ("What was it like to see me glance at the clock?", "Tell me how that landed.")
    scenario = make_scenario(exemplars={"invite": exemplars})
    a = assess("invite", "Did that upset you?", scenario=scenario)
    assert a.feedback.alternative in exemplars
    assert "yes/no" in a.feedback.point  # the closed question is the one point raised


def test_feedback_alternative_falls_back_to_default_exemplars():
    a = assess("invite", "Did that upset you?", scenario=make_scenario())
    assert a.feedback.alternative in default_rubric().steps["invite"].exemplars


def test_feedback_never_offers_the_answer_itself():
    exemplars = ("What was that like for you?", "Can you say more?")
    scenario = make_scenario(exemplars={"invite": exemplars})
    assert assess("invite", exemplars[0], scenario=scenario).feedback.alternative == exemplars[1]


def test_every_step_has_two_default_exemplars_that_score_well_as_own_words():
    # Pasted, an exemplar is a copy; written by a trainee (here: a rubric whose exemplars
    # are something else), the same words must score well.
    data = default_rubric().to_data()
    for step in STEPS:
        data["steps"][step]["exemplars"] = ["Placeholder text standing in for the examples."]
    other = parse_rubric_data(data)
    for step in STEPS:
        exemplars = default_rubric().steps[step].exemplars
        assert len(exemplars) >= 2
        for text in exemplars:
            a = assess(step, text, rubric=other)
            assert a.level >= 2 and not a.pitfalls, (step, text, a.level, a.pitfalls)
            pasted = assess(step, text)
            assert pasted.copy_of == text and pasted.level == 0, (step, text)


def test_rubric_version_includes_scenario_version():
    base = default_rubric().version
    assert assess("invite", "What happened?", scenario=make_scenario()).rubric_version == (
        f"{base}+v1"
    )
    unversioned = make_scenario(version="")
    other = make_scenario(version="", context="A different client story.")
    v1 = assess("invite", "What happened?", scenario=unversioned).rubric_version
    v2 = assess("invite", "What happened?", scenario=other).rubric_version
    assert v1.startswith(base + "+") and v1 != v2


def test_specific_answer_scores_higher_than_the_same_move_generic():
    scenario = make_scenario()
    specific = assess("invite", "What was it like when I kept checking the clock?", scenario)
    generic = assess("invite", "What was it like for you?", scenario)
    assert specific.score > generic.score
