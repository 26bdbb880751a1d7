"""Feedback: one kind corrective point and one concrete alternative phrasing.

Deliberate-practice research favours one point at a time, so the engine picks
the single most useful thing: the most damaging pitfall, else the heaviest
criterion missed, else praise. The alternative is an exemplar for the step,
the scenario's own if it has any, chosen to show the missing move when one
does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from .data import Rubric
from .detectors import Findings
from .scenario import indicator_spans
from .text import analyse
from .types import Feedback, ScenarioRubric


@dataclass(frozen=True)
class Missed:
    """A criterion the answer did not meet, with what would show it in an exemplar."""

    feedback: str
    points: int
    detectors: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()


@lru_cache(maxsize=512)
def _shows(
    rubric: Rubric, exemplar: str, detectors: tuple[str, ...], indicators: tuple[str, ...]
) -> bool:
    """Whether an exemplar makes the move a missed criterion asks for (cached)."""
    doc = analyse(exemplar)
    if indicators and indicator_spans(doc, indicators, rubric.synonyms):
        return True
    findings = Findings(doc, rubric)
    return any(findings.detect(name) for name in detectors)


def _same(a: str, b: str) -> bool:
    return " ".join(a.lower().split()) == " ".join(b.lower().split())


def pick_exemplar(
    rubric: Rubric, step: str, answer: str, scenario: ScenarioRubric | None, missed: Missed | None
) -> str:
    """The scenario's exemplars for the step if any, else the defaults; prefer one showing
    the missed move, never one identical to the answer."""
    own = tuple(scenario.exemplars.get(step, ())) if scenario else ()
    pool = [e for e in (own or rubric.steps[step].exemplars) if not _same(e, answer)]
    if not pool:
        pool = list(own or rubric.steps[step].exemplars)
    if missed:
        for exemplar in pool:
            if _shows(rubric, exemplar, missed.detectors, missed.indicators):
                return exemplar
    return pool[0]


def choose_feedback(
    rubric: Rubric,
    step: str,
    answer: str,
    scenario: ScenarioRubric | None,
    worst_pitfall: str | None,
    missed: Sequence[Missed],
) -> Feedback:
    """One corrective point and one alternative phrasing for this answer."""
    top = max(missed, key=lambda m: m.points, default=None)
    if worst_pitfall:
        point = rubric.pitfalls[worst_pitfall].feedback
    elif top:
        point = top.feedback
    else:
        point = rubric.steps[step].praise
    alternative = pick_exemplar(rubric, step, answer, scenario, None if worst_pitfall else top)
    return Feedback(point=point.strip(), alternative=alternative.strip())
