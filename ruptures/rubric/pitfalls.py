"""Pitfall detection: which of the ten pitfalls an answer shows, and where.

Most pitfalls are cue lists in `cues.yaml`. Three need a little logic:
apologies (premature versus over-apologising, counted by events so that
"sorry, sorry" is one reflexive apology), and closed questions (only when the
answer has no open invitation, and never for proposals or checks, which are
good practice). Whether a pitfall counts in a step, and how much, is rubric
data (`default_rubric.yaml`), so nothing here knows about steps.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .detectors import Findings
from .types import Span

_SAME_APOLOGY = 12  # characters: "so, so sorry" or "sorry, sorry" is one apology


@dataclass(frozen=True)
class Detected:
    """A pitfall found in an answer; `soft` when only weak cues showed it."""

    name: str
    spans: tuple[Span, ...]
    soft: bool


def _from_cue(f: Findings, name: str) -> Detected | None:
    strong, soft = f.cue(name)
    if not (strong or soft):
        return None
    return Detected(name, tuple(sorted(strong + soft)), soft=not strong)


def _apology_events(f: Findings) -> tuple[Span, ...]:
    events: list[Span] = []
    for span in f.detect("apology"):
        if events and span[0] - events[-1][1] <= _SAME_APOLOGY:
            events[-1] = (events[-1][0], span[1])
        else:
            events.append(span)
    return tuple(events)


def _over_apologising(f: Findings, name: str) -> Detected | None:
    """Three or more apologies or expressions of guilt, or any self-reproach
    ("I'm a terrible therapist"): the client is left to comfort the therapist."""
    apologies, guilt, reproach = _apology_events(f), f.detect("guilt"), f.detect("self_reproach")
    if reproach or len(apologies) + len(guilt) >= 3 or len(guilt) >= 2:
        return Detected(name, tuple(sorted(apologies + guilt + reproach)), soft=False)
    return None


def _defensive(f: Findings, name: str) -> Detected | None:
    """Defensive cues; disclaiming intent counts only when the answer does not apologise."""
    strong, soft = f.cue(name)
    if not _apology_events(f):
        strong = tuple(sorted(strong + f.detect("disclaimer")))
    if not (strong or soft):
        return None
    return Detected(name, tuple(sorted(strong + soft)), soft=not strong)


def _premature_apology(f: Findings, name: str) -> Detected | None:
    apologies = _apology_events(f)
    if not apologies or _over_apologising(f, "over_apologising"):
        return None
    return Detected(name, apologies, soft=False)


def _closed_question(f: Findings, name: str) -> Detected | None:
    if f.question_kind != "closed":
        return None
    spans = tuple(q.span for q in f.questions if q.form in ("yes_no", "tag", "fact"))
    return Detected(name, spans, soft=False) if spans else None


_SPECIAL: dict[str, Callable[[Findings, str], Detected | None]] = {
    "over_apologising": _over_apologising,
    "premature_apology": _premature_apology,
    "closed_question": _closed_question,
    "defensive": _defensive,
}


def detect_pitfalls(f: Findings, step: str) -> tuple[Detected, ...]:
    """Pitfalls that count in `step` (severity not "none"), in rubric order."""
    found = []
    for name, rule in f.rubric.pitfalls.items():
        if rule.severity[step] == "none":
            continue
        hit = _SPECIAL.get(name, _from_cue)(f, name)
        if hit:
            found.append(hit)
    return tuple(found)
