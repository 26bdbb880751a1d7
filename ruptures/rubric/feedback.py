"""Feedback: one corrective point and one concrete alternative phrasing.

Deliberate-practice research favours one point at a time, so the engine picks
the single most useful thing: why the answer is not an answer (a copy, a word
list, a description), else the most damaging pitfall, else the missed
criterion that matters most, else praise. The point never contradicts the
level: a strong answer gets praise, never a pitfall tip or a failed
criterion. The alternative is an exemplar for the step (the scenario's own
first), chosen to show the missing move, and never one close to the
trainee's own answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from .acts import detect_acts
from .copying import SIMILAR, similarity
from .criteria import Judged
from .data import Rubric
from .scenario import indicator_spans
from .scoring import Found
from .types import Feedback, ScenarioRubric


@lru_cache(maxsize=512)
def _shows(exemplar: str, detectors: tuple[str, ...], indicators: tuple[str, ...]) -> bool:
    """Whether an exemplar makes the move a missed criterion asks for (cached)."""
    acts = detect_acts(exemplar)
    if indicators:
        from .lexicon import load_lexicon

        if indicator_spans(acts.doc, indicators, load_lexicon().synonyms):
            return True
    return any(acts.has(name) for name in detectors if name != "developed")


def pick_alternative(
    rubric: Rubric,
    step: str,
    answer: str,
    scenario: ScenarioRubric | None,
    missed: Judged | None,
) -> str:
    """An exemplar for the step unlike the answer, showing the missed move when one does."""
    own = tuple(scenario.exemplars.get(step, ())) if scenario else ()
    defaults = rubric.steps[step].exemplars
    for pool in (own, defaults):
        usable = [e for e in pool if similarity(answer, e) < SIMILAR]
        if not usable:
            continue
        if missed:
            for exemplar in usable:
                if _shows(exemplar, missed.detectors, missed.indicators):
                    return exemplar
        return usable[0]
    everything = list(own + defaults)
    return min(everything, key=lambda e: (similarity(answer, e), everything.index(e)))


def choose_point(
    rubric: Rubric,
    step: str,
    level: int,
    guard: str | None,
    found: Sequence[Found],
    missed: Judged | None,
) -> str:
    """The one thing to say about this answer."""
    if guard in ("copy", "word_list"):
        return rubric.messages[guard]
    if found:
        return rubric.pitfalls[found[0].name].feedback
    if guard in ("describes_answer", "too_short"):
        return rubric.messages[guard]
    if level == 3:
        return rubric.steps[step].praise
    if missed:
        return missed.feedback
    return rubric.messages["almost_there"]


def choose_feedback(
    rubric: Rubric,
    step: str,
    answer: str,
    scenario: ScenarioRubric | None,
    level: int,
    guard: str | None,
    found: Sequence[Found],
    judged: Sequence[Judged],
) -> Feedback:
    """One corrective point and one alternative phrasing for this answer."""
    unmet = [j for j in judged if not j.met]
    missed = max(unmet, key=lambda j: j.priority, default=None)
    point = choose_point(rubric, step, level, guard, found, missed)
    alternative = pick_alternative(rubric, step, answer, scenario, None if found else missed)
    return Feedback(point=point.strip(), alternative=alternative.strip())
