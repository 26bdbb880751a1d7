"""`assess`: score one answer to one repair step.

The pipeline: acts per clause (`acts.py`, with the coherence guard's acts) ->
features (`features.py`) -> the trained model's level and pitfall
probabilities (`model.py`) -> the rubric's caps, bands and criteria
(`scoring.py`, `criteria.py`) -> one piece of feedback (`feedback.py`). Pure
and deterministic: the same step, text, scenario and rubric always give the
same Assessment.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from .acts import Acts, detect_acts
from .copying import copy_source
from .criteria import Judged, earned, judge, phrase
from .data import Rubric, load_default_rubric, parse_rubric_data
from .features import features, ngrams
from .feedback import choose_feedback
from .model import Model, default_model
from .scoring import PITFALL_ACTS, Found, decide_level, find_pitfalls, level_for, score_in_band
from .types import (
    MAX_CHARS,
    STEPS,
    Assessment,
    CriterionResult,
    EmptyResponse,
    PitfallHit,
    ScenarioRubric,
    Span,
)

ENGINE_VERSION = "2.19.0"
_GUARD_ORDER = ("word_list", "gibberish", "describes_answer", "too_short")


def default_rubric() -> Rubric:
    """The packaged default rubric, parsed and validated (loaded once per process)."""
    return load_default_rubric()


def level_for_score(score: int, rubric: Rubric | None = None) -> int:
    """The level (0-3) whose band holds a 0-100 score, in `rubric` (default: the packaged one)."""
    return level_for(score, (rubric or default_rubric()).bands)


def pitfall_label(name: str, rubric: Rubric | None = None) -> str:
    """How pages name a pitfall ("Premature apology"), in `rubric` (default: the packaged one)."""
    pitfall = (rubric or default_rubric()).pitfalls.get(name)
    return pitfall.label if pitfall else name.replace("_", " ").capitalize()


def rubric_version(scenario: ScenarioRubric | None = None, rubric: Rubric | None = None) -> str:
    """Version of the rubric data in use: the rubric's hash, plus the scenario's version.

    A scenario without a version is identified by a hash of its own content.
    """
    base = (rubric or default_rubric()).version
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


def _check_input(step: str, text: str) -> None:
    if step not in STEPS:
        raise ValueError(f"Unknown step {step!r}; expected one of {', '.join(STEPS)}.")
    if not isinstance(text, str):
        raise TypeError("The answer must be a string.")
    if not text.strip():
        raise EmptyResponse("The answer is empty; write a response before it can be assessed.")
    if len(text) > MAX_CHARS:
        raise ValueError(f"The answer is {len(text)} characters long; the limit is {MAX_CHARS}.")


def _exemplars(rubric: Rubric, scenario: ScenarioRubric | None) -> list[str]:
    """Every answer the trainee may have been shown: the scenario's, then the defaults."""
    own = [e for s in STEPS for e in (scenario.exemplars.get(s, ()) if scenario else ())]
    return own + [e for s in STEPS for e in rubric.steps[s].exemplars]


def _guard(acts: Acts) -> str | None:
    found = next((kind for kind in _GUARD_ORDER if acts.has(kind)), None)
    return "word_list" if found == "gibberish" else found


def _evidence(name: str, acts: Acts, model: Model, feats: Mapping[str, float]) -> tuple[Span, ...]:
    """The words behind a pitfall: its acts, else the clause whose words weigh most."""
    spans = [s for kind in PITFALL_ACTS.get(name, ()) for s in acts.spans(kind)]
    if spans:
        return tuple(sorted({phrase(acts, s) for s in spans}))[:8]
    linear = model.pitfalls.get(name)
    if linear is None:
        return ()
    by_clause: dict[Span, float] = {}
    positions = ngrams(acts)
    for feature, weight in linear.contributions(feats).items():
        for span in positions.get(feature, ()):
            clause = acts.clause_of(span[0])
            by_clause[clause] = by_clause.get(clause, 0.0) + weight
    best = max(by_clause.items(), key=lambda kv: (kv[1], -kv[0][0]), default=None)
    return (best[0],) if best and best[1] > 0 else (acts.clause_of(0),)


def _criteria(judged: list[Judged], level: int, copy: bool) -> tuple[CriterionResult, ...]:
    return tuple(
        CriterionResult(
            name=j.name,
            description=j.description,
            met=j.met and not copy,
            weight=j.weight,
            evidence=() if copy else j.evidence,
            feedback=j.feedback,
            source=j.source,
            advisory=level == 3 and not j.met,
        )
        for j in judged
    )


def _as_rubric(rubric: Rubric | Mapping[str, Any] | None) -> Rubric:
    if rubric is None:
        return default_rubric()
    return rubric if isinstance(rubric, Rubric) else parse_rubric_data(rubric)


def assess(
    step: str,
    text: str,
    scenario: ScenarioRubric | None = None,
    *,
    rubric: Rubric | Mapping[str, Any] | None = None,
    model: Model | None = None,
) -> Assessment:
    """Assess a trainee's answer to one repair step.

    `rubric` is a parsed Rubric (or its data) and defaults to the packaged one;
    `model` defaults to the packaged model (the evaluator passes others).
    Raises EmptyResponse for a blank answer and ValueError for an unknown step or
    an answer longer than MAX_CHARS.
    """
    _check_input(step, text)
    acts = detect_acts(text, scenario.context if scenario else "")
    return assess_acts(step, acts, scenario, rubric=rubric, model=model)


def assess_acts(
    step: str,
    acts: Acts,
    scenario: ScenarioRubric | None = None,
    *,
    rubric: Rubric | Mapping[str, Any] | None = None,
    model: Model | None = None,
) -> Assessment:
    """`assess` from acts already found in the answer (`detect_acts(text, context)`):
    cross-validation finds each answer's acts once and scores them with many models."""
    rubric = _as_rubric(rubric)
    model = model or default_model()
    text = acts.doc.text
    copied = copy_source(text, _exemplars(rubric, scenario))
    feats = features(acts, step)
    judged = judge(rubric, step, acts, scenario)
    if copied:
        guard, found, level = "copy", [], 0
    else:
        guard = _guard(acts)
        cumulative, probs = model.predict(feats)
        found = (
            []
            if guard == "word_list"
            else find_pitfalls(rubric, model, step, acts, cumulative, probs)
        )
        level = decide_level(sum(p >= 0.5 for p in cumulative), found, guard)
    share = 0.0 if guard in ("copy", "word_list") else earned(judged)
    score = score_in_band(level, share, rubric.bands)
    hits = tuple(
        PitfallHit(
            f.name, _evidence(f.name, acts, model, feats), rubric.pitfalls[f.name].explanation
        )
        for f in found
    )
    return Assessment(
        step=step,
        level=level,
        score=score,
        pitfalls=frozenset(f.name for f in found),
        pitfall_hits=hits,
        criteria=_criteria(judged, level, bool(copied)),
        feedback=choose_feedback(rubric, step, text, scenario, level, guard, found, judged),
        engine_version=ENGINE_VERSION,
        rubric_version=rubric_version(scenario, rubric),
        copy_of=copied,
    )


__all__ = ["ENGINE_VERSION", "Found", "assess", "assess_acts", "default_rubric", "level_for_score"]
