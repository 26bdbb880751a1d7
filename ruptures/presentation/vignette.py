"""The vignette's transcript and the scored recognition answer, marker by marker."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ruptures.library import default_catalogue
from ruptures.recognition import RecognitionResult


@dataclass(frozen=True)
class TurnView:
    speaker: str
    text: str
    nonverbal: str
    marker_labels: tuple[str, ...]  # empty until the trainee has answered


def transcript_turns(spec: Mapping[str, Any], *, revealed: bool) -> list[TurnView]:
    """The vignette's turns; once `revealed`, each names the markers it carries."""
    labels = default_catalogue().by_code
    return [
        TurnView(
            speaker=turn["speaker"],
            text=turn["text"],
            nonverbal=turn.get("nonverbal", ""),
            marker_labels=tuple(labels[m].label for m in turn.get("markers", ()))
            if revealed
            else (),
        )
        for turn in spec["transcript"]
    ]


@dataclass(frozen=True)
class MarkerRow:
    outcome: str  # hit | miss | false-alarm (also the CSS class)
    verdict: str
    label: str


_MARKER_VERDICTS = {"hit": "✓ Seen", "miss": "✗ Missed", "false-alarm": "! Not in this vignette"}


def marker_rows(result: RecognitionResult | None) -> list[MarkerRow]:
    """The markers seen, missed and wrongly ticked, in that order, by their labels."""
    if result is None:
        return []
    labels = default_catalogue().by_code
    outcomes = (
        ("hit", result.hits),
        ("miss", result.misses),
        ("false-alarm", result.false_alarms),
    )
    return [
        MarkerRow(outcome, _MARKER_VERDICTS[outcome], labels[code].label)
        for outcome, codes in outcomes
        for code in codes
        if code in labels
    ]
