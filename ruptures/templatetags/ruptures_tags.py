"""Template filters that name things the one way the rubric and the presentation module do.

`{% load ruptures_tags %}`, then `{{ hit.name|pitfall_label:response.rubric_version }}`,
`{{ response.level|level_label }}`, `{% for piece, label in response|highlighted %}`,
`{% for row in recognition|marker_rows %}`, `{% with g=response|criteria_groups %}`,
`{{ r.text|preview:140 }}`,
`{% if response.level|is_strong %}`.
"""

from django import template

from ruptures import presentation, rubric
from ruptures.models import StepResponse
from ruptures.recognition import RecognitionResult
from ruptures.services.rubrics import rubric_of

register = template.Library()


@register.filter
def pitfall_label(name: str, rubric_version: str | None = None) -> str:
    """A pitfall's display label: "Premature apology".

    Give the `rubric_version` a score was made with and the label is that
    version's; without one it is the packaged rubric's.
    """
    return rubric.pitfall_label(name, rubric_of(rubric_version) if rubric_version else None)


@register.filter
def level_label(level: int | None) -> str:
    """A level's name (0 Harmful .. 3 Strong); "" for no level."""
    return "" if level is None else rubric.LEVEL_LABELS[int(level)]


@register.filter
def highlighted(response: StepResponse) -> list[presentation.Segment]:
    """The try's answer as (piece, label) pairs, the pitfalls' words labelled as its rubric did."""
    return presentation.response_segments(response, rubric_of(response.rubric_version))


@register.filter(is_safe=True)
def preview(text: str, length: int) -> str:
    """`truncatechars`, faster: `{{ r.text|preview:140 }}` (see presentation.answer_preview)."""
    return presentation.answer_preview(str(text), int(length))


@register.filter
def criteria_groups(response: StepResponse) -> presentation.CriteriaGroups:
    """The try's criteria as met, missed and suggestions, as its level allows."""
    return presentation.criteria_groups(response)


@register.filter
def is_strong(level: int | None) -> bool:
    """Whether a level is the top one, whose feedback shows no failure."""
    return level == presentation.STRONG


@register.filter
def marker_rows(recognition: RecognitionResult | None) -> list[presentation.MarkerRow]:
    """The recognition answer's markers: seen, missed, wrongly ticked."""
    return presentation.marker_rows(recognition)
