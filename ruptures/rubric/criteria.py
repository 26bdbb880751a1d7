"""Criteria: which of the step's moves the answer makes, and the words that show it.

Default criteria (rubric data) are met by acts; a scenario's own criteria by
its indicator words (`scenario.py`). Evidence is always a phrase: a span that
is a lone function word ("is", "so") widens to its clause.
"""

from __future__ import annotations

from bisect import bisect_left
from typing import NamedTuple

from .acts import Acts
from .data import Rubric
from .scenario import indicator_spans
from .types import ScenarioRubric, Span

_FUNCTION = frozenset(
    [
        "a",
        "an",
        "the",
        "is",
        "are",
        "was",
        "were",
        "be",
        "so",
        "and",
        "but",
        "or",
        "to",
        "of",
        "in",
        "on",
        "at",
        "it",
        "that",
        "this",
        "i",
        "you",
        "we",
        "me",
        "my",
        "your",
        "just",
        "now",
        "then",
        "well",
        "oh",
        "ok",
        "okay",
        "yes",
        "no",
        "not",
        "do",
        "did",
        "does",
    ]
)


class Judged(NamedTuple):
    """One criterion judged: met, where, its weight in points, what to say if missed (a
    tuple: a frozen dataclass of eleven fields costs several times as much to build)."""

    name: str
    description: str
    met: bool
    weight: int
    points: int
    evidence: tuple[Span, ...]
    feedback: str
    source: str
    priority: int
    detectors: tuple[str, ...] = ()
    indicators: tuple[str, ...] = ()


def phrase(acts: Acts, span: Span) -> Span:
    """The span itself, or its clause when the span is one function word."""
    starts = acts.token_starts
    first, past = bisect_left(starts, span[0]), bisect_left(starts, span[1])
    if past - first <= 1 and (past == first or acts.doc.tokens[first].word in _FUNCTION):
        return acts.clause_of(span[0])
    return span


def _default(rubric: Rubric, step: str, acts: Acts) -> list[Judged]:
    out = []
    for c in rubric.steps[step].criteria:
        spans: list[Span] = []
        for name in c.detectors:
            if name == "developed":
                if acts.doc.word_count >= int(c.params.get("min_words", 20)):
                    spans.append((0, len(acts.doc.text)))
            else:
                spans += acts.spans(name)
        evidence = tuple(sorted({phrase(acts, s) for s in spans}))[:8]
        out.append(
            Judged(
                c.name,
                c.description,
                bool(evidence),
                c.weight,
                c.weight,
                evidence,
                c.feedback,
                "default",
                c.priority,
                detectors=c.detectors,
            )
        )
    return out


def natural_feedback(description: str) -> str:
    """Feedback for a scenario criterion that has none of its own."""
    text = description.strip().rstrip(".")
    if not text:
        return "Look again at what this moment with this client asks for."
    return f"One more thing this moment calls for: {text[0].lower()}{text[1:]}."


def _scenario(rubric: Rubric, step: str, acts: Acts, scenario: ScenarioRubric) -> list[Judged]:
    from .lexicon import load_lexicon

    unit = int(rubric.scoring["scenario_weight"])
    synonyms = load_lexicon().synonyms
    out = []
    for spec in scenario.criteria.get(step, ()):
        evidence = indicator_spans(acts.doc, spec.indicators, synonyms)
        out.append(
            Judged(
                spec.name,
                spec.description,
                bool(evidence),
                spec.weight,
                spec.weight * unit,
                evidence,
                (getattr(spec, "feedback", "") or natural_feedback(spec.description)).strip(),
                "scenario",
                spec.weight * unit,
                indicators=tuple(spec.indicators),
            )
        )
    return out


def judge(rubric: Rubric, step: str, acts: Acts, scenario: ScenarioRubric | None) -> list[Judged]:
    """Every criterion of the step, default ones first."""
    judged = _default(rubric, step, acts)
    if scenario is not None:
        judged += _scenario(rubric, step, acts, scenario)
    return judged


def earned(judged: list[Judged]) -> float:
    """Share of the default criteria's points the answer earns (0..1); a scenario's own
    criteria add a bonus when met and cost nothing when missed."""
    total = sum(j.points for j in judged if j.source == "default")
    got = sum(j.points for j in judged if j.met)
    return min(1.0, got / total) if total else 0.0
