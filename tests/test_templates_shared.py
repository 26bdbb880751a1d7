"""The template filters and the fragments other pages will include, rendered on their own."""

import pytest
from django.template import Context, Template
from django.template.loader import render_to_string

from ruptures.models import StepResponse
from ruptures.recognition import score_recognition
from ruptures.rubric import assess, pitfall_label
from ruptures.services.attempts import _response_fields

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
