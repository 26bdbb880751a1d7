"""Pitfall detection: which of the ten pitfalls an answer shows, and where.

Most pitfalls are cue lists in `cues.yaml`. Three need a little logic:
apologies (premature versus over-apologising, counted by events so that
"sorry, sorry" is one reflexive apology), and closed questions (only when the
answer has no open invitation, and never for proposals or checks, which are
good practice). Whether a pitfall counts in a step, and how much, is rubric
data (`default_rubric.yaml`), so nothing here knows about steps.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from .detectors import Findings
from .questions import last_question
from .text import HEDGE
from .types import Span

_SAME_APOLOGY = 12  # characters: "so, so sorry" is one apology
_INTENSIFIERS = re.compile(r"[\s,.!-]*(?:(?:so|very|really|truly|terribly|deeply)[\s,.!-]*)*")
_BUT = re.compile(r"\bbut\b")


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
    """Apologies, one per event: "so, so sorry" is one, "sorry, I'm so sorry" two."""
    events: list[Span] = []
    for span in f.detect("apology"):
        gap = f.doc.masked[events[-1][1] : span[0]] if events else ""
        if events and len(gap) <= _SAME_APOLOGY and _INTENSIFIERS.fullmatch(gap):
            events[-1] = (events[-1][0], span[1])
        else:
            events.append(span)
    return tuple(events)


def _retracted(f: Findings, span: Span) -> bool:
    """An apology its own sentence takes back ("I do apologise, but I had no choice")."""
    end = next((e for s, e in f.doc.sentences if s <= span[0] < e), span[1])
    return _BUT.search(f.doc.masked, span[1], end) is not None


def _over_apologising(f: Findings, name: str) -> Detected | None:
    """Three or more apologies or expressions of guilt, two expressions of guilt, an
    apology with the therapist's own distress ("I'm sorry, I feel awful"), or any
    self-reproach ("I'm a terrible therapist"): the client is left to comfort the
    therapist. One apology owning a fault ("sorry, that was my fault") is premature at
    worst."""
    apologies, guilt, reproach = _apology_events(f), f.detect("guilt"), f.detect("self_reproach")
    remorse = f.detect("remorse")
    sorrow = guilt + remorse
    if (
        reproach
        or len(apologies) + len(sorrow) >= 3
        or len(sorrow) >= 2
        or (remorse and apologies)
    ):
        return Detected(name, tuple(sorted(apologies + sorrow + reproach)), soft=False)
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
    if apologies and f.cue("defensive")[0]:
        # a "sorry, but…" is the defence, not an apology
        apologies = tuple(a for a in apologies if not _retracted(f, a))
    if not apologies or _over_apologising(f, "over_apologising"):
        return None
    return Detected(name, apologies, soft=False)


def _closed_question(f: Findings, name: str) -> Detected | None:
    """The question the client is left to answer asks yes/no or a short fact (a closing
    proposal or check, "Does that fit?", is good practice and does not count)."""
    last = last_question(f.questions)
    if last is None or last.form not in ("yes_no", "tag", "fact"):
        return None
    start, end = last.span
    strong, soft = f.cue("interpreting")
    if HEDGE.search(f.doc.masked, start, end) and any(start <= s < end for s, _ in strong + soft):
        return None  # "maybe it's about…?" is a hunch: the fault is the interpretation
    return Detected(name, (last.span,), soft=False)


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
