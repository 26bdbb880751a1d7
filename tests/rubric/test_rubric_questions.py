"""question_kind: open invitations versus closed questions, by function not form."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ruptures.rubric import question_kind
from ruptures.rubric.questions import (
    _WH_ANY,
    _WH_FACT,
    _WH_OPENINGS,
    _WH_PROPOSAL,
    _WH_QUESTION,
    _WH_WORDS,
)


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
        "When you left, what was going on for you?",  # a scene-setting when-clause first
        "When you say it's fine… what's it like, carrying that on your own?",
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
        # a when-clause with its own subject sets the scene; the other clause asks yes/no
        "When I ask about feelings, does it feel like a waste of your time?",
        "Did it feel, when I mentioned the team, like I'd gone over to their side?",
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


def test_a_later_open_invitation_decides_over_an_earlier_closed_question():
    assert question_kind("Did something happen? What was it like for you?") == "open"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("did you get any sleep last night", "closed"),  # unpunctuated yes/no
        ("are you okay with that", "closed"),
        ("don't worry about the form", None),  # imperative, not a question
        ("What's the date of your next review?", "closed"),  # short fact
        ("Which appointment was it?", "closed"),
        ("What part of that stays with you?", "open"),
        ("I'm only asking so I can follow, not to test you.", None),  # talk about asking
        ("That's a good question to sit with.", None),
        ("Do you want to tell me about it?", "closed"),  # an offer, answered yes/no
        ("Can you say more about that?", "open"),  # stays an invitation
        ("Would you like to tell me what happened?", "open"),
        ("What happened next? Did she call?", "closed"),  # the last question decides
        ("Did she call? What happened next?", "open"),
        ("Can you tell me why you did that?", "open"),  # a why-question: open, but a why
    ],
)
def test_question_kind_by_grammar_and_last_question(text, kind):
    assert question_kind(text) == kind


WH_TEXT = st.tuples(
    st.sampled_from(["and", "so", "and so", "x", "", "how come", *_WH_WORDS]),
    st.sampled_from(["", *_WH_WORDS]),
    st.lists(st.sampled_from(["if", "about", "is", "the", "name", "you", "'s"]), max_size=3),
    st.sampled_from(["", " ?", "?"]),
).map(lambda t: " ".join([t[0], t[1], *t[2]]).strip() + t[3])


@settings(max_examples=300, deadline=None)
@given(WH_TEXT)
def test_the_wh_patterns_only_match_clauses_with_a_wh_opening(clause):
    # _classify skips the four wh-patterns for clauses not opening so
    for pattern in (_WH_PROPOSAL, _WH_FACT, _WH_ANY, _WH_QUESTION):
        if pattern.match(clause):
            assert clause.startswith(_WH_OPENINGS), (pattern.pattern, clause)
