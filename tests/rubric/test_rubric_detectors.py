"""Positive-move detectors, each on its own: positives, negatives and traps."""

import pytest

from ruptures.rubric import default_rubric
from ruptures.rubric.detectors import Findings, lemma
from ruptures.rubric.text import analyse


def found(detector: str, text: str, context: str = "") -> list[str]:
    """The passages of `text` a detector reports."""
    spans = Findings(analyse(text), default_rubric(), context).detect(detector)
    return [text[start:end] for start, end in spans]


@pytest.mark.parametrize(
    "text",
    [
        "You sound frustrated with me.",
        "It sounds like you felt brushed off.",
        "You seem really tired of all this.",
        "I can hear how hurt you are.",
    ],
)
def test_reflection_of_feeling(text):
    assert found("reflection", text) or found("names_shift", text)


@pytest.mark.parametrize(
    "text",
    ["Let's look at the plan for next week.", "What did you do on Saturday?"],
)
def test_no_reflection_without_a_feeling(text):
    assert not found("reflection", text)


@pytest.mark.parametrize(
    "text",
    [
        "I notice you've gone quiet.",
        "I'm noticing something shift between us.",
        "I may be wrong, but it seems to me something changed.",
        "I wonder if that stung.",
    ],
)
def test_tentative_owned_observation(text):
    assert found("tentative", text)


def test_flat_assertion_is_not_tentative():
    assert not found("tentative", "You are upset with me. That is obvious.")


@pytest.mark.parametrize(
    "text",
    [
        "That makes sense.",
        "It's understandable that you'd want some distance.",
        "Of course you'd feel let down after that.",
        "Anyone in your position would find that unfair.",
    ],
)
def test_validation(text):
    assert found("validation", text)


@pytest.mark.parametrize(
    "text",
    [
        "That makes sense, but you have to see it from my side.",  # taken back by "but"
        "It's understandable, however the policy is clear.",
        "That doesn't make sense to me.",  # negated
        "Yeah okay, that's fair enough.",  # a concession, not validation
    ],
)
def test_validation_taken_back_or_negated_does_not_count(text):
    assert not found("validation", text)


def test_validation_without_the_usual_words():
    text = "Walking in here after a week like that would wear anybody down."
    assert found("validation", text)


@pytest.mark.parametrize(
    "text",
    [
        "Could we work out together what would help?",
        "What would work better for you?",
        "How would you like us to handle it next time?",
    ],
)
def test_collaboration(text):
    assert found("collaborative", text)


def test_unilateral_plan_is_not_collaboration():
    assert not found("collaborative", "I'll print some handouts and we'll start those next week.")


@pytest.mark.parametrize(
    "text",
    [
        "I moved too fast, that's on me.",
        "That was my mistake.",
        "I should have asked you first.",
        "I'm sorry for the part I played in this.",
    ],
)
def test_owning_ones_part(text):
    assert found("owns_part", text)


def test_blaming_the_client_is_not_owning():
    assert not found("owns_part", "You should have told me sooner.")


def test_specificity_uses_scenario_words_with_light_stemming():
    context = "Ana arrived late again and said the trains were delayed; she avoided the exercise."
    assert found("specific", "It sounds like the delayed trains made today hard.", context)
    assert not found("specific", "How are you feeling today?", context)  # generic words only
    assert not found("specific", "The trains were delayed.", "")  # no scenario, no claim


def test_lemma_is_consistent_across_forms():
    assert lemma("clocks") == lemma("clock")
    assert lemma("ending") == lemma("ended") == "end"
    assert lemma("usually") == lemma("usual")


def test_open_invitation_excludes_why_questions():
    assert found("open_invitation", "What was that like?")
    assert not found("open_invitation", "Why do you always do that?")
