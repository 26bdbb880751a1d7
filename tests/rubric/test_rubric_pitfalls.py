"""Pitfall detection through `assess`: positives, negatives and traps per pitfall."""

import pytest

from ruptures.rubric import assess


def pitfalls(step: str, text: str) -> frozenset[str]:
    return assess(step, text).pitfalls


POSITIVES = [
    ("invite", "I was only trying to help you get better.", "defensive"),
    ("notice", "That's not what I said at all.", "defensive"),
    ("validate", "I'm a trained professional, I know what I'm doing.", "defensive"),
    ("invite", "I'm so sorry, I shouldn't have said that.", "premature_apology"),
    ("negotiate", "You need to take more responsibility for your progress.", "blaming"),
    ("validate", "If you had done the homework this wouldn't happen.", "blaming"),
    ("invite", "You're being really difficult today.", "blaming"),
    ("explore", "This is really about your father, isn't it.", "interpreting"),
    ("explore", "You're projecting your anger onto me.", "interpreting"),
    ("validate", "Everyone feels that way at the start.", "minimizing"),
    ("validate", "It's not a big deal, honestly.", "minimizing"),
    ("validate", "At least you made it here today.", "minimizing"),
    ("notice", "Anyway, moving on, how was the week?", "ignoring"),
    ("explore", "Let's get back to the plan for today.", "ignoring"),
    ("invite", "Did I upset you?", "closed_question"),
    ("negotiate", "You should write it down every evening.", "advice"),
    ("negotiate", "Have you tried going to bed earlier?", "advice"),
    ("negotiate", "Try to keep a diary this week.", "advice"),
    ("validate", "I'm so sorry, I'm a terrible therapist, I'm really sorry.", "over_apologising"),
    ("negotiate", "Sorry. I feel awful. I feel terrible about it.", "over_apologising"),
    ("notice", "I know something is wrong, you're clearly not fine.", "pushing"),
    ("explore", "Come on, you have to tell me what's going on.", "pushing"),
]


@pytest.mark.parametrize(("step", "text", "pitfall"), POSITIVES)
def test_pitfall_is_found_with_evidence(step, text, pitfall):
    a = assess(step, text)
    assert pitfall in a.pitfalls
    hit = next(h for h in a.pitfall_hits if h.name == pitfall)
    assert hit.spans and hit.explanation
    assert all(0 <= s < e <= len(text) for s, e in hit.spans)


NEGATIVES = [
    ("validate", "I'm not saying you're wrong to feel this.", "blaming"),  # negated
    ("validate", "You don't need to explain yourself to me.", "blaming"),
    ("explore", "I don't want to push you; I'm curious what it was like.", "pushing"),
    ("invite", 'You said "I\'m fine", and I wonder what fine means today.', "minimizing"),
    ("explore", 'You told me "you should just get over it" is what your boss says.', "advice"),
    ("notice", "I notice something changed when I mentioned ending.", "ignoring"),
    ("negotiate", "I'm sorry for my part in this. What would help?", "premature_apology"),
    ("negotiate", "I'll try to slow down. What would work for you?", "advice"),  # first person
    ("notice", "Does that fit, or am I off?", "closed_question"),  # a check in notice
    ("negotiate", "Could we look at this together?", "closed_question"),  # a proposal
    ("validate", "That would feel unfair to anyone.", "minimizing"),  # "anyone would" validates
    ("explore", "How have endings tended to go in other relationships?", "interpreting"),
    ("invite", "I'm sorry to hear that. What happened?", "premature_apology"),  # sympathy
    ("invite", "Before we dive in, how have things felt between us?", "ignoring"),
]


@pytest.mark.parametrize(("step", "text", "pitfall"), NEGATIVES)
def test_pitfall_is_not_found(step, text, pitfall):
    assert pitfall not in pitfalls(step, text)


def test_good_words_used_badly_still_show_the_pitfall():
    # a validating opener does not excuse what follows it
    assert "minimizing" in pitfalls("validate", "I hear you, but everyone goes through this.")
    # curious wording can carry a premature interpretation
    assert "interpreting" in pitfalls(
        "explore", "I'm curious whether this is really about your mother?"
    )
    # "together" does not turn an order into collaboration
    assert "advice" in pitfalls("negotiate", "Together we'll fix it: new rule, no phone in here.")


def test_an_owning_apology_is_fine_in_negotiate_but_premature_in_invite():
    text = "I'm sorry I rushed you last week."
    assert "premature_apology" in pitfalls("invite", text)
    assert "premature_apology" not in pitfalls("negotiate", text)


def test_over_apologising_replaces_premature_apology():
    found = pitfalls("notice", "Sorry, I'm so sorry, I feel awful, I'm really sorry.")
    assert "over_apologising" in found and "premature_apology" not in found


def test_reflexive_double_sorry_is_one_apology():
    found = pitfalls("notice", "Oh, sorry, sorry.")
    assert found == {"premature_apology"}


def test_disclaiming_intent_is_defensive_unless_part_of_an_apology():
    assert "defensive" in pitfalls("notice", "I didn't mean it like that.")
    assert "defensive" not in pitfalls("notice", "Sorry. I didn't mean it like that.")


def test_closed_question_is_severe_in_invite_and_not_counted_in_notice():
    text = "Is it something I said?"
    assert assess("invite", text).level <= 1
    assert "closed_question" not in pitfalls("notice", text)


def test_harmful_pitfall_caps_level_at_zero():
    a = assess("invite", "I was only trying to help, that's part of my job. What happened?")
    assert a.level == 0 and "defensive" in a.pitfalls


def test_weak_pitfall_alone_leaves_a_weak_not_harmful_answer():
    a = assess("invite", "Did I upset you?")
    assert a.level == 1
