"""Scoring the recognition task: did the trainee see the rupture the vignette holds?

Pure Python (no Django): the kind is right or wrong, the markers are scored by
precision and recall against the scenario's own markers.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ruptures.library.model import NO_RUPTURE

KIND_POINTS = 50
MARKER_POINTS = 50


@dataclass(frozen=True)
class RecognitionResult:
    """The outcome of one recognition answer, with every part the feedback shows."""

    truth: str  # a rupture type: withdrawal | confrontation | none (NO_RUPTURE)
    said: str  # the same vocabulary
    kind_correct: bool
    hits: tuple[str, ...]
    misses: tuple[str, ...]
    false_alarms: tuple[str, ...]
    precision: float | None
    recall: float | None
    score: int

    @property
    def foil(self) -> bool:
        """Nothing ruptured in this vignette."""
        return self.truth == NO_RUPTURE

    @property
    def said_no_rupture(self) -> bool:
        return self.said == NO_RUPTURE


def said_kind(said_rupture: bool, said_type: str) -> str:
    """The trainee's answer in the scenario's vocabulary."""
    return said_type if said_rupture else NO_RUPTURE


def score_recognition(
    *,
    truth: str,
    markers: Iterable[str],
    said_rupture: bool,
    said_type: str,
    said_markers: Iterable[str],
) -> RecognitionResult:
    """Score an answer: half for the kind, half for the markers' F1.

    For a foil the only right answer is "no rupture"; any marker chosen is a
    false alarm. Saying "rupture" to a foil scores nothing.
    """
    said = said_kind(said_rupture, said_type)
    true_set = set(markers)
    said_set = set(said_markers) if said_rupture else set()
    hits = tuple(sorted(true_set & said_set))
    misses = tuple(sorted(true_set - said_set))
    false_alarms = tuple(sorted(said_set - true_set))
    kind_correct = said == truth
    precision = len(hits) / len(said_set) if said_set else None
    recall = len(hits) / len(true_set) if true_set else None
    if truth == NO_RUPTURE:
        score = 100 if kind_correct else 0
    else:
        f1 = 2 * len(hits) / (len(true_set) + len(said_set)) if true_set or said_set else 0.0
        score = round(KIND_POINTS * kind_correct + MARKER_POINTS * f1)
    return RecognitionResult(
        truth=truth,
        said=said,
        kind_correct=kind_correct,
        hits=hits,
        misses=misses,
        false_alarms=false_alarms,
        precision=precision,
        recall=recall,
        score=score,
    )
