"""The live preview and the exemplar check: the engine run on what an admin is editing.

Nothing here is saved. `preview` scores one sample answer under a rubric and
a scenario as typed so far; `check_examples` runs every exemplar and
counterexample and keeps those the engine scores against their label (an
exemplar is labelled strong; a counterexample poor, with its pitfall).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ruptures.presentation import Segment, answer_segments
from ruptures.rubric import (
    LEVEL_LABELS,
    MAX_CHARS,
    STEPS,
    Assessment,
    EmptyResponse,
    Rubric,
    ScenarioRubric,
    assess,
)

STRONG = 3
# A counterexample the engine finds adequate or better is scored against its label.
POOR_BELOW = 2


@dataclass(frozen=True)
class CriterionLine:
    description: str
    met: bool
    source: str  # default | scenario


@dataclass(frozen=True)
class Preview:
    """One sample answer scored: what the preview region shows."""

    assessment: Assessment
    segments: list[Segment]
    criteria: list[CriterionLine]
    pitfalls: list[tuple[str, str]]  # (label, explanation)

    @property
    def level(self) -> int:
        return self.assessment.level

    @property
    def level_label(self) -> str:
        return LEVEL_LABELS[self.assessment.level]


def preview(
    step: str, text: str, *, rubric: Rubric, scenario: ScenarioRubric | None = None
) -> Preview | str | None:
    """The sample answer scored, a message when it cannot be, None when there is nothing yet."""
    if step not in STEPS:
        return "Choose one of the five steps."
    if len(text) > MAX_CHARS:
        return (
            f"The sample is {len(text):,} characters long; the engine reads at most {MAX_CHARS:,}."
        )
    try:
        result = assess(step, text, scenario, rubric=rubric)
    except EmptyResponse:
        return None
    labels = {name: pitfall.label for name, pitfall in rubric.pitfalls.items()}
    spans = [
        (start, end, labels.get(hit.name, hit.name))
        for hit in result.pitfall_hits
        for start, end in hit.spans
    ]
    spans += [
        (start, end, f"✓ {c.description}")
        for c in result.criteria
        if c.met
        for start, end in c.evidence
    ]
    return Preview(
        assessment=result,
        segments=answer_segments(text, spans),
        criteria=[CriterionLine(c.description, c.met, c.source) for c in result.criteria],
        pitfalls=[(labels.get(h.name, h.name), h.explanation) for h in result.pitfall_hits],
    )


@dataclass(frozen=True)
class Example:
    """An exemplar (pitfall "") or a counterexample with its pitfall, and where it comes from."""

    step: str
    text: str
    pitfall: str = ""
    where: str = ""  # e.g. the scenario's title, on the rubric's page

    @property
    def is_exemplar(self) -> bool:
        return not self.pitfall


@dataclass(frozen=True)
class Mismatch:
    example: Example
    level: int
    found: tuple[str, ...]  # the pitfall labels the engine found

    @property
    def reason(self) -> str:
        label = LEVEL_LABELS[self.level].lower()
        if self.example.is_exemplar:
            return f"labelled strong, scored {self.level} ({label})"
        found = ", ".join(self.found) or "no pitfall"
        return f"labelled a poor answer, scored {self.level} ({label}); found: {found}"


def check_examples(
    examples: Iterable[Example],
    *,
    rubric: Rubric,
    scenario_for: dict[str, ScenarioRubric | None] | None = None,
) -> tuple[int, list[Mismatch]]:
    """How many examples were run, and those the engine scores against their label.

    `scenario_for` maps an example's `where` to the scenario rubric to score it
    with; give it no exemplars, or every exemplar would be scored as a copy.
    """
    scenario_for = scenario_for or {}
    count, mismatches = 0, []
    for example in examples:
        if example.step not in STEPS or not example.text.strip():
            continue
        count += 1
        result = assess(
            example.step, example.text[:MAX_CHARS], scenario_for.get(example.where), rubric=rubric
        )
        if example.is_exemplar:
            wrong = result.level < STRONG
        else:
            wrong = result.level >= POOR_BELOW or example.pitfall not in result.pitfalls
        if wrong:
            labels = tuple(rubric.pitfalls[p].label for p in sorted(result.pitfalls))
            mismatches.append(Mismatch(example, result.level, labels))
    return count, mismatches
