"""The coherence guard and copy detection set the levels the labelling guide gives."""

from types import MappingProxyType

import pytest

from ruptures.rubric import ScenarioRubric, assess, default_rubric
from ruptures.rubric.copying import copy_source, similarity

EXEMPLAR = (
    "You came in straight from a double shift and my first question was about the "
    "worksheet. It makes sense that felt like I wasn't listening to you."
)
SCENARIO = ScenarioRubric(
    context="Noor came in from a double shift and was asked about the worksheet first.",
    exemplars=MappingProxyType({"validate": (EXEMPLAR,)}),
    version="t",
)


@pytest.mark.parametrize(
    "copy",
    [
        EXEMPLAR,
        EXEMPLAR.upper().replace(".", "!!"),
        EXEMPLAR.replace("double shift", "long shift").replace("It makes", "So it makes"),
        EXEMPLAR + " Thanks.",
        "  ".join(EXEMPLAR.split()),
    ],
)
def test_near_copies_of_a_scenario_exemplar_are_caught(copy):
    a = assess("validate", copy, scenario=SCENARIO)
    assert a.copy_of == EXEMPLAR
    assert a.level == 0 and not a.pitfalls and a.score < 25
    assert "own words" in a.feedback.point
    assert similarity(a.feedback.alternative, copy) < 0.5


@pytest.mark.parametrize(
    "own",
    [
        "Of course that landed badly: after a double shift the worksheet was the last thing "
        "you needed from me, and it sounds like you felt I wasn't hearing you.",
        "It makes sense you felt unheard. I asked about the form before asking about you.",
        "My first question was about the worksheet, which must have stung.",
    ],
)
def test_own_words_sharing_a_few_phrases_are_not_copies(own):
    assert assess("validate", own, scenario=SCENARIO).copy_of is None


SECOND = (
    "Could we go back to that first question? I'd like to hear what the shift was like "
    "before anything else."
)
TWO = ScenarioRubric(
    context=SCENARIO.context,
    exemplars=MappingProxyType({"validate": (EXEMPLAR,), "invite": (SECOND,)}),
    version="t2",
)


def test_two_exemplars_glued_together_are_a_copy():
    glued = f"{EXEMPLAR} Is that right? {SECOND}"
    assert copy_source(glued, [EXEMPLAR]) is None  # neither alone makes most of it
    a = assess("validate", glued, scenario=TWO)
    assert a.copy_of in (EXEMPLAR, SECOND) and a.level == 0


def test_one_exemplar_inside_a_longer_answer_of_ones_own_is_not_a_copy():
    own = (
        f"{EXEMPLAR} I keep thinking about how tired you looked when you sat down, and how "
        "the form must have felt like one more demand on a day that had already asked a lot "
        "of you, so I'd rather hear about the day first."
    )
    assert assess("validate", own, scenario=TWO).copy_of is None


def test_pasting_a_default_exemplar_or_the_suggested_alternative_is_a_copy():
    first = assess("invite", "Did that upset you?")
    pasted = assess("invite", first.feedback.alternative)
    assert pasted.copy_of == first.feedback.alternative and pasted.level == 0
    assert copy_source("Tell me more.", ["Tell me more."]) is None  # too short to own


@pytest.mark.parametrize(
    ("step", "text", "level"),
    [
        ("validate", "Empathy, validation, attunement, rupture repair, collaboration.", 0),
        ("invite", "open question curiosity feelings relationship explore", 0),
        ("notice", "zxqvbn pltkr wvmxz", 0),
        ("invite", "Hmm?", 1),
        ("explore", "Thoughts?", 1),
        ("invite", "I would ask her what felt wrong and invite her to tell me more.", 1),
        ("validate", "Validate his anger and acknowledge the bill was badly timed.", 1),
    ],
)
def test_guard_levels_follow_the_labelling_guide(step, text, level):
    a = assess(step, text)
    assert a.level == level, (a.level, a.pitfalls)
    assert a.feedback.point != default_rubric().steps[step].praise


@pytest.mark.parametrize(
    "text",
    [
        "Fair enough.",  # too short to be a list: weak, not a word list
        "Sorry, Shauna.",
        "Understandable, Hana. Nobody likes walking in to report something undone.",
    ],
)
def test_short_or_verb_light_sentences_are_not_word_lists(text):
    from ruptures.rubric.acts import detect_acts

    assert not detect_acts(text).has("word_list")
    assert detect_acts("Empathy, validation, attunement, repair.").has("word_list")


def test_word_list_feedback_says_what_to_do():
    a = assess("validate", "Empathy, validation, attunement, rupture repair, collaboration.")
    assert a.feedback.point == default_rubric().messages["word_list"]
    assert not any(c.met for c in a.criteria)
