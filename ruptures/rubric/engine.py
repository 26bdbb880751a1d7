"""`assess`: score one answer to one repair step against the rubric.

Pure and deterministic: the same step, text and scenario always give the same
Assessment. Work is bounded: answers are at most MAX_CHARS long and the
detectors keep only a few evidence spans each.
"""

from __future__ import annotations

import hashlib

from .data import Rubric, load_default_rubric
from .detectors import DETECTORS, Findings
from .feedback import Missed, choose_feedback
from .pitfalls import detect_pitfalls
from .scenario import indicator_spans
from .scoring import level_for, score_answer, worst_first
from .text import analyse
from .types import (
    MAX_CHARS,
    STEPS,
    Assessment,
    CriterionResult,
    EmptyResponse,
    PitfallHit,
    ScenarioRubric,
)

ENGINE_VERSION = "1.1.0"


def default_rubric() -> Rubric:
    """The packaged default rubric, parsed and validated (loaded once per process)."""
    return load_default_rubric(frozenset(DETECTORS))


def level_for_score(score: int) -> int:
    """The level (0-3) whose band, in the default rubric's data, holds a 0-100 score."""
    return level_for(score, default_rubric().scoring["bands"])


def pitfall_label(name: str) -> str:
    """How pages name a pitfall ("Premature apology"), from the rubric's data."""
    pitfall = default_rubric().pitfalls.get(name)
    return pitfall.label if pitfall else name.replace("_", " ").capitalize()


def rubric_version(scenario: ScenarioRubric | None = None) -> str:
    """Version of the rubric data in use: the default's hash, plus the scenario's version.

    A scenario without a version is identified by a hash of its own content.
    """
    base = default_rubric().version
    if scenario is None:
        return base
    tag = scenario.version
    if not tag:
        content = repr(
            (
                scenario.context,
                sorted(scenario.criteria.items()),
                sorted(scenario.exemplars.items()),
            )
        )
        tag = hashlib.sha256(content.encode()).hexdigest()[:8]
    return f"{base}+{tag}"


def _default_criteria(f: Findings, step: str) -> list[tuple[CriterionResult, Missed | None]]:
    out = []
    for c in f.rubric.steps[step].criteria:
        spans: tuple = ()
        for name in c.detectors:
            spans += f.detect(name, dict(c.params))
        evidence = tuple(sorted(set(spans)))
        result = CriterionResult(
            c.name,
            c.description,
            bool(evidence),
            c.weight,
            evidence,
            c.feedback.strip(),
            "default",
        )
        out.append(
            (result, None if evidence else Missed(c.feedback.strip(), c.priority, c.detectors))
        )
    return out


def _scenario_criteria(
    f: Findings, step: str, scenario: ScenarioRubric | None
) -> list[tuple[CriterionResult, Missed | None]]:
    if scenario is None:
        return []
    points = int(f.rubric.scoring["scenario_points"])
    out = []
    for spec in scenario.criteria.get(step, ()):
        evidence = indicator_spans(f.doc, spec.indicators, f.rubric.synonyms)
        feedback = f"Try to address this: {spec.description.rstrip('.')}."
        result = CriterionResult(
            spec.name,
            spec.description,
            bool(evidence),
            spec.weight,
            evidence,
            feedback,
            "scenario",
        )
        missed = (
            None
            if evidence
            else Missed(feedback, spec.weight * points, indicators=tuple(spec.indicators))
        )
        out.append((result, missed))
    return out


def _check_input(step: str, text: str) -> None:
    if step not in STEPS:
        raise ValueError(f"Unknown step {step!r}; expected one of {', '.join(STEPS)}.")
    if not isinstance(text, str):
        raise TypeError("The answer must be a string.")
    if not text.strip():
        raise EmptyResponse("The answer is empty; write a response before it can be assessed.")
    if len(text) > MAX_CHARS:
        raise ValueError(f"The answer is {len(text)} characters long; the limit is {MAX_CHARS}.")


def assess(step: str, text: str, scenario: ScenarioRubric | None = None) -> Assessment:
    """Assess a trainee's answer to one repair step.

    Raises EmptyResponse for a blank answer and ValueError for an unknown step or
    an answer longer than MAX_CHARS.
    """
    _check_input(step, text)
    rubric = default_rubric()
    f = Findings(analyse(text), rubric, scenario.context if scenario else "")
    found = worst_first(rubric, step, detect_pitfalls(f, step))
    judged = _default_criteria(f, step) + _scenario_criteria(f, step, scenario)
    points = [
        r.weight * (1 if r.source == "default" else int(rubric.scoring["scenario_points"]))
        for r, _ in judged
        if r.met
    ]
    score = score_answer(rubric, step, points, found)
    feedback = choose_feedback(
        rubric, step, text, scenario, found[0].name if found else None, [m for _, m in judged if m]
    )
    return Assessment(
        step=step,
        level=level_for(score, rubric.scoring["bands"]),
        score=score,
        pitfalls=frozenset(hit.name for hit in found),
        pitfall_hits=tuple(
            PitfallHit(hit.name, hit.spans, rubric.pitfalls[hit.name].explanation) for hit in found
        ),
        criteria=tuple(r for r, _ in judged),
        feedback=feedback,
        engine_version=ENGINE_VERSION,
        rubric_version=rubric_version(scenario),
    )
