"""Score arithmetic: criteria points, pitfall penalties and caps, level bands.

Kept apart from detection so the numbers can be read (and tested) on their own.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .data import Rubric
from .pitfalls import Detected


def level_for(score: int, bands: Sequence[int] = (25, 50, 75)) -> int:
    """Level 0..3 for a score 0..100: the number of band thresholds reached."""
    return sum(score >= threshold for threshold in bands)


def score_answer(
    rubric: Rubric, step: str, points: Iterable[int], pitfalls: Sequence[Detected]
) -> int:
    """Base plus points met, minus pitfall penalties, held between the pitfalls' floor
    and cap (the most serious pitfall decides); 0..100."""
    scoring = rubric.scoring
    score = int(scoring["base"]) + sum(points)
    cap, floor = 100, 100 if pitfalls else 0
    for hit in pitfalls:
        severity = rubric.severities[rubric.pitfalls[hit.name].severity[step]]
        score -= severity.penalty
        if hit.soft:  # only weak cues: judged one band more leniently, never harmful
            cap = min(cap, severity.cap + int(scoring["soft_relief"]))
            floor = min(floor, max(severity.floor, int(scoring["bands"][0])))
        else:
            cap = min(cap, severity.cap)
            floor = min(floor, severity.floor)
    return max(0, min(max(score, min(floor, cap)), cap, 100))


def worst_first(rubric: Rubric, step: str, pitfalls: Iterable[Detected]) -> list[Detected]:
    """Pitfalls ordered from the most to the least damaging in `step`."""

    def harm(hit: Detected) -> tuple[int, int]:
        severity = rubric.severities[rubric.pitfalls[hit.name].severity[step]]
        return (severity.cap + (100 if hit.soft else 0), -severity.penalty)

    return sorted(pitfalls, key=harm)
