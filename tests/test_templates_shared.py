"""The template filters and the fragments other pages will include, rendered on their own."""

from pathlib import Path

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string
from hypothesis import given, settings
from hypothesis import strategies as st

from ruptures.library import load_file
from ruptures.models import StepResponse
from ruptures.recognition import score_recognition
from ruptures.rubric import PITFALLS, STEPS, assess, default_rubric, pitfall_label
from ruptures.services.attempts import _response_fields

LIBRARY = Path(__file__).resolve().parent.parent / "scenarios"


def _exemplars(path: Path) -> list[tuple[str, str]]:
    """(step, strong answer) pairs of one scenario file."""
    return [(step.name, e) for step in load_file(path).steps for e in step.exemplars]


DEFENSIVE = "I was only trying to help you, that is my job."


def render(source: str, **context: object) -> str:
    return Template("{% load ruptures_tags %}" + source).render(Context(context))


@pytest.mark.parametrize("name", ["premature_apology", "closed_question", "advice"])
def test_pitfall_label_filter_says_what_the_rubric_says(name):
    assert render("{{ name|pitfall_label }}", name=name) == pitfall_label(name)
    assert "_" not in pitfall_label(name)


@pytest.mark.parametrize("level, label", [(0, "Harmful"), (3, "Strong"), (None, "")])
def test_level_label_filter(level, label):
    assert render("{{ level|level_label }}", level=level) == label


def _scored(text: str, step: str = "notice") -> StepResponse:
    """An unsaved try as the service stores it."""
    return StepResponse(pk=7, try_number=2, text=text, **_response_fields(assess(step, text)))


def test_the_feedback_fragment_needs_only_the_response():
    response = _scored(DEFENSIVE)

    html = render_to_string("ruptures/_feedback.html", {"response": response})

    assert 'id="feedback-title-7"' in html
    assert f"Feedback on try 2: level {response.level} of 3" in html
    assert '<mark title="Defensive">I was only trying to help<span' in html
    assert "<strong>Defensive</strong>" in html
    assert response.feedback["point"].split(",")[0] in html.replace("&#x27;", "'")
    assert html.count("<li class=") == len(response.criteria)


def test_the_recognition_fragment_needs_only_the_result_and_the_foils_reason():
    result = score_recognition(
        truth="none", markers=(), said_rupture=True, said_type="withdrawal", said_markers=[]
    )

    html = render_to_string(
        "ruptures/_recognition_result.html",
        {"recognition": result, "why_no_rupture": "The train was late, nothing more."},
    )

    assert "Not quite." in html and "Nothing ruptured here." in html
    assert "You said: withdrawal." in html and "Score 0/100." in html
    assert "The train was late, nothing more." in html
    assert "marker-results" not in html


# --- the feedback never contradicts its level -------------------------------------------


def _feedback_html(**fields: object) -> str:
    fields.setdefault("text", DEFENSIVE)
    fields.setdefault("score", 25 * fields.get("level", 2) + 10)
    fields.setdefault(
        "feedback", {"point": "A point.", "alternative": "An example.", "pitfalls": []}
    )
    fields.setdefault("copy_of", "")
    response = StepResponse(pk=7, try_number=1, **fields)
    return render_to_string("ruptures/_feedback.html", {"response": response})


def _criterion(description: str, *, met: bool, advisory: bool = False) -> dict:
    return {
        "name": description.lower().replace(" ", "_"),
        "description": description,
        "met": met,
        "weight": 1,
        "evidence": [],
        "feedback": "",
        "source": "default",
        "advisory": advisory,
    }


FAILURE_SIGNS = ("✗", 'class="missed"', "Missed", "<mark", "Pitfalls")

criteria_lists = st.lists(
    st.builds(
        _criterion,
        st.text(alphabet="abcdefgh ", min_size=1, max_size=20).map(str.strip).filter(bool),
        met=st.booleans(),
        advisory=st.booleans(),
    ),
    max_size=8,
    unique_by=lambda criterion: criterion["description"],
)
pitfall_lists = st.lists(
    st.sampled_from(PITFALLS).map(
        lambda name: {"name": name, "spans": [[2, 5]], "explanation": "Why it hurts."}
    ),
    max_size=3,
)


@settings(deadline=None, max_examples=200)
@given(level=st.integers(0, 3), criteria=criteria_lists, pitfalls=pitfall_lists)
def test_no_feedback_shows_a_criterion_as_failed_on_a_try_whose_level_is_3(
    level, criteria, pitfalls
):
    feedback = {"point": "A point.", "alternative": "An example.", "pitfalls": pitfalls}
    html = _feedback_html(level=level, criteria=criteria, feedback=feedback)
    if level == 3:
        assert not any(sign in html for sign in FAILURE_SIGNS), html
    # At any level, a criterion the engine calls advisory is a suggestion, never a miss.
    for criterion in criteria:
        if criterion["advisory"] and not criterion["met"]:
            assert f"✗ Missed: {criterion['description']}<" not in html


# Strong answers, each with its step: the engine's own level-3 tries, mostly.
EXEMPLARS = sorted(
    {(step, e) for step in STEPS for e in default_rubric().steps[step].exemplars}
    | {pair for path in LIBRARY.glob("*/*.yaml") for pair in _exemplars(path)}
)


@settings(deadline=None, max_examples=80)
@given(
    exemplar=st.sampled_from(EXEMPLARS),
    closing=st.sampled_from(["", " I'd really like to understand.", " Is that okay to ask?"]),
)
def test_the_engines_strong_tries_render_without_any_failure(exemplar, closing):
    step, opening = exemplar
    # Reworded a little, so that it is not a copy.
    text = "Honestly, " + opening[0].lower() + opening[1:] + closing
    assessment = assess(step, text)
    html = _feedback_html(level=assessment.level, text=text, **_engine_fields(assessment))
    if assessment.level == 3 and not assessment.copy_of:
        assert not any(sign in html for sign in FAILURE_SIGNS), html


def _engine_fields(assessment) -> dict:
    fields = _response_fields(assessment)
    fields.pop("level")
    return fields


def test_an_advisory_criterion_below_level_3_is_a_suggestion_not_a_miss():
    criteria = [
        _criterion("Names the shift", met=True),
        _criterion("Welcomes the client's view", met=False),
        _criterion("Links it to the session", met=False, advisory=True),
    ]
    html = _feedback_html(level=2, criteria=criteria)
    assert "✓ Met: Names the shift" in html
    assert "✗ Missed: Welcomes the client&#x27;s view" in html
    assert "Could add depth" in html
    assert '<li class="suggestion">Links it to the session</li>' in html


def test_a_strong_try_lists_what_it_could_add_as_suggestions():
    criteria = [_criterion("Names the shift", met=True), _criterion("Is specific", met=False)]
    html = _feedback_html(level=3, criteria=criteria)
    assert '<li class="suggestion">Is specific</li>' in html
    assert "What made it work" in html and "Another way to say it" in html


def test_a_copied_example_reads_as_a_copy_that_does_not_count():
    copied = "I notice something seems to have shifted between us just now."
    html = _feedback_html(
        level=0,
        text=copied,
        copy_of=copied,
        criteria=[_criterion("Names the shift", met=False)],
    )
    assert "is a copy of an example answer, so it does not count" in html
    assert "in your own words" in html
    for word in ("Harmful", "level 0", "✗", "Missed", "For example"):
        assert word not in html
