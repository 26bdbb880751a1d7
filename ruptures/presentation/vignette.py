"""The vignette's transcript and the scored recognition answer, marker by marker."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ruptures.library import NO_RUPTURE, Marker, default_catalogue
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


# What each kind of rupture looks like, in a few words: the recognition form's
# choices and the reasons a ticked marker does not fit say it the same way.
KIND_MOVES = {
    "withdrawal": "the client moves away from you or the work",
    "confrontation": "the client moves against you or the work",
}


@dataclass(frozen=True)
class MarkerRow:
    outcome: str  # hit | miss | false-alarm (also the CSS class)
    verdict: str
    label: str
    note: str = ""  # a miss: what the marker means; a false alarm: why it does not fit


_MARKER_VERDICTS = {"hit": "✓ Seen", "miss": "✗ Missed", "false-alarm": "! Not in this vignette"}


def marker_rows(result: RecognitionResult | None) -> list[MarkerRow]:
    """The markers seen, missed and wrongly ticked, in that order, by their labels."""
    if result is None:
        return []
    catalogue = default_catalogue().by_code
    rows = [MarkerRow("hit", _MARKER_VERDICTS["hit"], catalogue[c].label) for c in result.hits]
    rows += [
        MarkerRow("miss", _MARKER_VERDICTS["miss"], catalogue[c].label, catalogue[c].description)
        for c in result.misses
    ]
    rows += [
        MarkerRow(
            "false-alarm",
            _MARKER_VERDICTS["false-alarm"],
            catalogue[c].label,
            why_it_does_not_fit(catalogue[c], result.truth),
        )
        for c in result.false_alarms
    ]
    return rows


def why_it_does_not_fit(marker: Marker, truth: str) -> str:
    """Why a marker the trainee ticked is not in this vignette, whose rupture is `truth`."""
    if truth == NO_RUPTURE:
        return (
            f"It means: {marker.description} Nothing ruptured in this vignette; what looked "
            "like it has another explanation, given in the reason above."
        )
    if marker.kind != truth:
        return (
            f"It belongs to a {marker.kind} rupture, where {KIND_MOVES[marker.kind]}. "
            f"Here the rupture is a {truth}: {KIND_MOVES[truth]}."
        )
    return (
        f"It means: {marker.description} It is a {truth} marker, like this rupture, but no "
        "turn here shows it; the highlighted turns carry the markers this vignette has."
    )
