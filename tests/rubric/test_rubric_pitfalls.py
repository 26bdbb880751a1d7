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


# General patterns added in engine 1.1: each with a positive, a negative and a trap.
GENERAL_POSITIVES = [
    ("notice", "You're being pretty childish about this whole thing.", "blaming"),
    ("invite", "You can't keep dodging every topic I raise.", "blaming"),
    ("validate", "That's your responsibility, not mine.", "blaming"),
    ("validate", "You chose not to call the office.", "blaming"),
    ("invite", "To be fair, I did explain the rules in our first meeting.", "defensive"),
    ("notice", "As I said, the fee applies to everyone.", "defensive"),
    ("validate", "I'm not taking anyone's side here.", "defensive"),
    ("invite", "Let me explain why I said it.", "defensive"),
    ("explore", "Growing up, you learned to keep quiet to stay safe.", "interpreting"),
    ("explore", "You use humour as a shield so nobody gets close.", "interpreting"),
    ("explore", "What's really going on is that you're scared of being left.", "interpreting"),
    ("explore", "You're angry with me because your dad never listened.", "interpreting"),
    ("validate", "Lots of teenagers say hurtful stuff; I'd not take it personally.", "minimizing"),
    ("validate", "Try not to take it to heart.", "minimizing"),
    ("validate", "Let's not get caught up in that.", "minimizing"),
    ("notice", "Okay, on a lighter note, how was the holiday?", "ignoring"),
    ("notice", "Let's focus on the homework now.", "ignoring"),
    ("notice", "I really don't think you're fine.", "pushing"),
    ("notice", "There's no way you're okay with that.", "pushing"),
    ("validate", "I know you said it doesn't matter, but you're clearly hurt.", "pushing"),
    ("negotiate", "You need to talk to your boss about it this week.", "advice"),
    ("negotiate", "Have you thought about joining a gym?", "advice"),
    ("negotiate", "I'll send you some articles about sleep to read.", "advice"),
    ("validate", "I'm sorry, I feel awful about what I said.", "over_apologising"),
    (
        "validate",
        "Sorry. I'm so sorry, that was careless of me and I feel sick about it.",
        "over_apologising",
    ),
]

GENERAL_NEGATIVES = [
    ("notice", "I wonder if I was being too pushy.", "blaming"),  # about the therapist
    ("validate", "It's not your fault that the appointment was moved.", "blaming"),  # negated
    (
        "invite",
        'You said I was "only doing my job" and I want to hear more.',
        "defensive",
    ),  # quote
    ("invite", "I'm just wondering what that was like for you.", "defensive"),
    ("explore", "What do you make of how it went with your dad?", "interpreting"),
    ("validate", "It's okay to need some time with this.", "minimizing"),
    ("notice", "Something changed when I mentioned the worksheet.", "ignoring"),
    ("notice", "I wonder if something's on your mind today.", "pushing"),
    ("negotiate", "Could we try a shorter check-in at the start?", "advice"),
    ("negotiate", "I'm sorry I moved so fast; that part is mine.", "over_apologising"),
]


@pytest.mark.parametrize(("step", "text", "pitfall"), GENERAL_POSITIVES)
def test_general_pitfall_patterns_find_paraphrases(step, text, pitfall):
    found = assess(step, text)
    assert pitfall in found.pitfalls, sorted(found.pitfalls)
    assert all(hit.spans for hit in found.pitfall_hits)


@pytest.mark.parametrize(("step", "text", "pitfall"), GENERAL_NEGATIVES)
def test_general_pitfall_patterns_leave_good_or_negated_moves_alone(step, text, pitfall):
    assert pitfall not in pitfalls(step, text)


def test_hedged_interpretation_is_weak_not_harmful():
    verdict = assess("explore", "This is really about your childhood.")
    hunch = assess("explore", "Maybe this is really about your childhood?")
    assert "interpreting" in verdict.pitfalls and verdict.level == 0
    assert "interpreting" in hunch.pitfalls and hunch.level == 1


def test_a_hunch_with_a_question_mark_is_interpreting_not_a_closed_question():
    found = pitfalls("explore", "Maybe this connects to how your mother treated you?")
    assert found == {"interpreting"}


def test_closed_question_counts_in_explore():
    assert "closed_question" in pitfalls("explore", "Did you cancel because of me?")


def test_an_apology_taken_back_by_but_is_defensive_not_premature():
    found = pitfalls("validate", "I apologise, but there was nothing I could do about it.")
    assert "defensive" in found and "premature_apology" not in found


def test_two_separate_apologies_are_two_events():
    # "so, so sorry" is one; a second "I'm sorry" is another
    assert pitfalls("validate", "I'm so, so sorry.") == {"premature_apology"}
    assert "over_apologising" in pitfalls(
        "validate", "Sorry. I'm sorry. I'm really sorry, it was my fault."
    )


def test_a_closing_check_does_not_make_an_open_answer_closed():
    text = "What would work better for you? Does that sound okay?"
    assert "closed_question" not in pitfalls("negotiate", text)
