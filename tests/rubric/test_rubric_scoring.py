"""From the model's outputs to pitfalls and a level: the rules applied on top of it."""

import pytest

from ruptures.rubric.acts import detect_acts
from ruptures.rubric.engine import default_rubric
from ruptures.rubric.model import default_model
from ruptures.rubric.scoring import decide_level, find_pitfalls

HARMFUL = (0.2, 0.1, 0.05)  # the level model: P(level >= 1, 2, 3)
STRONG = (0.97, 0.93, 0.9)


def verdict(step, text, cumulative, **probs):
    """(pitfall names, level) for `text` when the model says `cumulative` and `probs`."""
    model = default_model()
    every = dict.fromkeys(model.pitfalls, 0.0) | probs
    found = find_pitfalls(default_rubric(), model, step, detect_acts(text), cumulative, every)
    level = decide_level(sum(p >= 0.5 for p in cumulative), found, None)
    return [f.name for f in found], level


def test_a_harmful_level_needs_a_harm_the_rules_found_words_for():
    # The model rates it harmful and half suspects blaming, but no words blame anyone.
    text = "You came in tired from the late shift, and the first thing I asked about was the log."
    assert verdict("validate", text, HARMFUL, blaming=0.31) == ([], 1)


def test_the_likeliest_harm_is_named_when_its_words_are_there():
    text = "You always get so worked up about the log."
    assert verdict("validate", text, HARMFUL, blaming=0.31) == (["blaming"], 0)


# scoring.FORCING: acts that make their pitfall whatever the weights say
@pytest.mark.parametrize(
    ("step", "text", "pitfall"),
    [
        (
            "validate",
            "I hear that it felt rushed, but the protocol is the same for everyone.",
            "defensive",
        ),
        (
            "notice",
            "The laughing is a defence, Oskar. You use humour so you don't have to feel it.",
            "interpreting",
        ),
    ],
    ids=["yes_but_defence", "flat_interpretation"],
)
def test_a_forcing_act_is_harmful_whatever_the_weights_say(step, text, pitfall):
    names, level = verdict(step, text, STRONG)
    assert names == [pitfall] and level == 0


# scoring.EXCUSING: acts that rule a pitfall out whatever the weights say
def test_a_closed_follow_up_to_an_open_question_is_not_a_closed_question():
    text = "What did you picture me thinking? And is that the same worry as at school?"
    assert verdict("explore", text, STRONG, closed_question=0.95) == ([], 3)
    closed_only = "Is that the same worry as at school?"
    names, level = verdict("explore", closed_only, STRONG, closed_question=0.95)
    assert names == ["closed_question"] and level == 1


def test_an_acknowledgment_that_turns_to_a_question_is_not_a_defence():
    text = "I hear that it felt rushed, but what was the hardest part of it for you?"
    assert verdict("validate", text, STRONG) == ([], 3)


def test_a_hedged_interpretation_stays_weak():
    text = "I wonder if the laughing might be a way of not feeling it. Does that fit at all?"
    names, level = verdict("notice", text, STRONG, interpreting=0.9)
    assert names == ["interpreting"] and level == 1


def test_a_link_only_the_weights_suspect_is_weak_unless_the_level_model_finds_harm():
    # No causal claim the rules can point to: the link is asked, not handed down.
    text = "Maybe the stories are a way of keeping the hurt at arm's length?"
    assert not detect_acts(text).has("causal_claim")
    doing_its_job = (0.9, 0.3, 0.1)
    assert verdict("explore", text, doing_its_job, interpreting=0.99) == (["interpreting"], 1)
    assert verdict("explore", text, HARMFUL, interpreting=0.99) == (["interpreting"], 0)
