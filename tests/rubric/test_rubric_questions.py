"""question_kind: open invitations versus closed questions, by function not form."""

import pytest

from ruptures.rubric import question_kind


@pytest.mark.parametrize(
    "text",
    [
        "What was that like for you just now?",
        "How did that land for you?",
        "Can you say more about that?",
        "Could you tell me what went through your mind?",
        "Would you be willing to tell me what happened?",
        "Tell me more.",
        "I wonder what that was like",
        "I'm curious what happens for you when I bring it up.",
        "and how was that for you",  # lower-case run-on, no question mark
        "I notice you went quiet. What's going on for you right now?",  # inside a longer turn
        "Why do you think that is?",
    ],
)
def test_open_questions_and_invitations(text):
    assert question_kind(text) == "open"


@pytest.mark.parametrize(
    "text",
    [
        "Did that upset you?",
        "Is it something I said?",
        "That was hard, wasn't it?",  # tag question
        "We all struggle sometimes, right?",
        "Do you not want to talk about it?",
        "Would you prefer to see someone else?",
        "Could you tell me whether you were upset?",  # "tell me whether" asks yes/no
        "How long have you felt this way?",  # asks for a short fact
        "When did this start?",
        "So you felt let down?",  # declarative with a question mark
        "Are you sure? You can tell me.",
    ],
)
def test_closed_questions(text):
    assert question_kind(text) == "closed"


@pytest.mark.parametrize(
    "text",
    [
        "ok",
        "I notice you seem quieter today.",
        "When you left early last week, I wondered about it.",  # "when" opening a statement
        "What I mean is that I care about this.",
        "I wonder if you were upset.",  # a tentative hypothesis, not a question
        'You said "what is the point?" and then went quiet.',  # the client's words, quoted
    ],
)
def test_statements_are_not_questions(text):
    assert question_kind(text) is None


def test_open_invitation_wins_over_an_earlier_closed_question():
    assert question_kind("Did something happen? What was it like for you?") == "open"
