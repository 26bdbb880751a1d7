"""A try's answer with the words behind each pitfall highlighted, as whole phrases."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.text import Truncator, add_truncation_text, calculate_truncate_chars_length

from ruptures.models import StepResponse
from ruptures.rubric import LEVEL_LABELS, Rubric, pitfall_label

Segment = tuple[str, str]  # (piece of the text, label); the label is "" outside highlights


def answer_segments(text: str, spans: Iterable[tuple[int, int, str]]) -> list[Segment]:
    """Split `text` into (piece, label) pairs, label "" outside any highlight.

    Each span widens to whole words, and spans that overlap or touch merge into
    one highlight labelled with every label involved, so the reader sees whole
    phrases and never a character twice (nor a lone "is" cut from a phrase).
    """
    marks: list[tuple[int, int, list[str]]] = []
    for start, end, label in sorted(spans):
        start, end = _whole_words(text, start, end)
        if start >= end:
            continue
        if marks and start <= marks[-1][1]:
            last_start, last_end, labels = marks[-1]
            if label not in labels:
                labels.append(label)
            marks[-1] = (last_start, max(last_end, end), labels)
        else:
            marks.append((start, end, [label]))
    pieces: list[Segment] = []
    cursor = 0
    for start, end, labels in marks:
        if start > cursor:
            pieces.append((text[cursor:start], ""))
        pieces.append((text[start:end], ", ".join(labels)))
        cursor = end
    if cursor < len(text):
        pieces.append((text[cursor:], ""))
    return pieces


def answer_preview(text: str, length: int) -> str:
    """The text cut to `length` characters, exactly as Django's `truncatechars` cuts it.

    That filter counts character by character (a combining accent counts for
    nothing), about 30 µs for an answer; an ASCII text has no such characters,
    so its cut is a slice.
    """
    if not text.isascii() or length <= 0:
        return Truncator(text).chars(length)
    if len(text) <= length:
        return text
    return add_truncation_text(text[: calculate_truncate_chars_length(length, None)])


def _is_word(char: str) -> bool:
    return char.isalnum() or char in "'’"


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span clamped to the text, widened to whole words, trimmed of outer spaces."""
    start, end = max(start, 0), min(end, len(text))
    while 0 < start < end and _is_word(text[start - 1]) and _is_word(text[start]):
        start -= 1
    while start < end < len(text) and _is_word(text[end - 1]) and _is_word(text[end]):
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while start < end and text[end - 1].isspace():
        end -= 1
    return start, end


def response_segments(response: StepResponse, rubric: Rubric | None = None) -> list[Segment]:
    """One try's answer with each pitfall's words highlighted and named.

    Pass the rubric the try was scored with: its labels are the ones the
    feedback names (the packaged rubric's when none is given).
    """
    spans = [
        (start, end, pitfall_label(hit["name"], rubric))
        for hit in response.feedback.get("pitfalls", [])
        for start, end in hit["spans"]
    ]
    return answer_segments(response.text, spans)


# --- The criteria, as the feedback shows them -------------------------------------

STRONG = max(LEVEL_LABELS)  # the top level: its feedback shows no failure of any kind


@dataclass(frozen=True)
class CriteriaGroups:
    """A try's criteria (the stored dicts) as met, missed, and suggestions for depth."""

    met: tuple[Mapping[str, Any], ...]
    missed: tuple[Mapping[str, Any], ...]
    suggestions: tuple[Mapping[str, Any], ...]


def criteria_groups(response: StepResponse) -> CriteriaGroups:
    """Sort the try's criteria for the feedback, never contradicting its level.

    A criterion the engine marks `advisory` is not a failure: it is something
    that could add depth. On a strong try every criterion not met is one, so
    a 100/100 never lists a miss.
    """
    met, missed, suggestions = [], [], []
    for criterion in response.criteria:
        if criterion.get("met"):
            met.append(criterion)
        elif criterion.get("advisory") or response.level == STRONG:
            suggestions.append(criterion)
        else:
            missed.append(criterion)
    return CriteriaGroups(tuple(met), tuple(missed), tuple(suggestions))
