"""Template filters that name things the one way the rubric and the presentation module do.

`{% load ruptures_tags %}`, then `{{ hit.name|pitfall_label }}`,
`{{ response.level|level_label }}`, `{% for piece, label in response|highlighted %}`,
`{% for row in recognition|marker_rows %}`, `{% with g=response|criteria_groups %}`,
`{% if response.level|is_strong %}`.
"""

from django import template

from ruptures import presentation, rubric
from ruptures.models import StepResponse
from ruptures.recognition import RecognitionResult

register = template.Library()


@register.filter
def pitfall_label(name: str) -> str:
    """A pitfall's display label from the rubric data: "Premature apology"."""
    return rubric.pitfall_label(name)


@register.filter
def level_label(level: int | None) -> str:
    """A level's name (0 Harmful .. 3 Strong); "" for no level."""
    return "" if level is None else rubric.LEVEL_LABELS[int(level)]


@register.filter
def highlighted(response: StepResponse) -> list[presentation.Segment]:
    """The try's answer as (piece, label) pairs, the pitfalls' words labelled."""
    return presentation.response_segments(response)


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
