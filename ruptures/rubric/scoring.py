"""From model outputs to a verdict: pitfalls found, the level, the score in its band.

The rubric data decides what the model's findings are worth: a pitfall whose
probability reaches its threshold caps the level at its severity in this step
(`severities.*.max_level`); a hedged or mild form of it (an interpretation
offered as a question, "are you sure?", a missed rupture that does not steer
away, an apology that does not close the topic) is at worst weak, as the
labelling guide rates it, and so is a link only the words' weights suspect in an
answer the level model does not rate harmful; minimising becomes harmful with
sarcasm or another pitfall; a "but" that turns an acknowledgment to the
therapist's side is defensive, and a flat causal claim about the client is
interpreting. A pitfall that would pull the level below the level model's own
needs words the rules found for it or a very likely probability (`_confirmed`),
and a level model that says "harmful" with no pitfall over its threshold names a
harm only when the rules found its words. The guard's findings override: a copy,
word list or gibberish is 0, a description of the answer or a too-short answer
at most 1.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .acts import Acts
from .data import Rubric
from .model import Model
from .types import PITFALLS, Span

# Acts that show each pitfall (its evidence when present, and what makes it mild).
PITFALL_ACTS: Mapping[str, tuple[str, ...]] = {
    "defensive": ("justification", "yes_but"),
    "premature_apology": ("apology", "closing_apology"),
    "blaming": ("blame",),
    "interpreting": ("causal_claim",),
    "minimizing": ("minimiser", "sarcasm"),
    "ignoring": ("steering",),
    "closed_question": ("last_question_closed", "question_closed"),
    "advice": ("advice", "directive"),
    "over_apologising": ("self_reproach", "guilt", "apology"),
    "pushing": ("pushing", "directive"),
}
# Acts that make their pitfall whatever the words' weights say, because they are rarely
# wrong (grouped CV): "I hear you, but the policy…" is a defence (68 of 70 corpus answers
# with the act are rated harmful); a flat causal claim about the client ("the laughing is
# a defence") is an interpretation (28 of 31 are labelled so).
FORCING: tuple[tuple[str, str], ...] = (("yes_but", "defensive"), ("causal_claim", "interpreting"))
# Acts that rule a pitfall out whatever the words' weights say: a closed follow-up to an
# open question does not close the step ("What did you picture? And is it the same
# worry, or a new one?"; none of the 32 labelled answers at invite or explore with both
# is labelled closed_question).
EXCUSING: tuple[tuple[str, str], ...] = (("question_open", "closed_question"),)
FALLBACK_PROB = 0.3  # a harmful-looking answer with no pitfall over threshold names its likeliest


@dataclass(frozen=True)
class Found:
    """A pitfall the engine reports: probability, evidence, and the level it allows."""

    name: str
    prob: float
    max_level: int
    spans: tuple[Span, ...] = ()


def level_for(score: int, bands: Sequence[int] = (25, 50, 75)) -> int:
    """Level 0..3 for a score 0..100: the number of band thresholds reached."""
    return sum(score >= threshold for threshold in bands)


def _mild(name: str, acts: Acts, model_level: int) -> bool:
    """Whether only the mild form of a pitfall shows (rated weak, not harmful).

    An interpretation is mild when every causal claim the rules found is hedged, or
    when they found none and the level model does not rate the answer harmful: a link
    only the words' weights suspect, in an answer otherwise read as doing its job, is
    the hedged form ("Maybe the stories keep the hurt at arm's length?"); grouped CV:
    194 of 203 such answers rated harmful were labelled weak.
    """
    if name == "interpreting":
        claims = acts.of("causal_claim")
        return all(a.hedged for a in claims) if claims else model_level >= 1
    if name == "pushing":
        return not any(not a.hedged for a in acts.of("pushing"))
    if name == "ignoring":
        return not acts.has("steering")
    if name == "premature_apology":
        return not acts.has("closing_apology")
    return False


def _has_words(name: str, acts: Acts) -> bool:
    """Whether an act behind the pitfall shows: its words were found by the rules."""
    return any(acts.has(kind) for kind in PITFALL_ACTS.get(name, ()))


def _confirmed(f: Found, acts: Acts, model_level: int, confirm: float) -> bool:
    """A pitfall that would pull the level below the model's own needs an act behind it
    (its words found by the rules) or a probability of at least `confirm`: a hunch of the
    word features alone does not overrule a level model that finds the answer good."""
    return f.max_level >= model_level or f.prob >= confirm or _has_words(f.name, acts)


def find_pitfalls(
    rubric: Rubric,
    model: Model,
    step: str,
    acts: Acts,
    cumulative: Sequence[float],
    probs: Mapping[str, float],
) -> list[Found]:
    """Pitfalls counted in `step`, most damaging first, from the model's outputs."""
    model_level = sum(p >= 0.5 for p in cumulative)
    found = []
    for name in PITFALLS:
        severity = rubric.pitfalls[name].severity[step]
        if severity == "none" or name not in probs:
            continue
        if probs[name] < model.thresholds.get(name, 0.5):
            continue
        if any(excused == name and acts.has(act) for act, excused in EXCUSING):
            continue
        max_level = rubric.severities[severity]
        if _mild(name, acts, model_level):
            max_level = max(max_level, 1)
        found.append(Found(name, probs[name], max_level))
    for act, name in FORCING:
        # only a flat act forces: a hedged claim is a hunch, left to the weights
        flat = any(not a.hedged for a in acts.of(act))
        if flat and all(f.name != name for f in found):
            severity = rubric.pitfalls[name].severity[step]
            if severity != "none":
                found.append(Found(name, probs.get(name, 0.0), rubric.severities[severity]))
    # A level model that rates the answer harmful names its likeliest harm, but only a
    # harm whose words the rules found: without them the answer is weak, not harmful
    # (a harm the feedback cannot point to is one a supervisor cannot check).
    if not found and cumulative[0] < 0.5:
        harmful = [
            (p, n)
            for n, p in probs.items()
            if rubric.pitfalls[n].severity[step] not in ("none",)
            and rubric.severities[rubric.pitfalls[n].severity[step]] == 0
            and p >= FALLBACK_PROB
            and _has_words(n, acts)
        ]
        if harmful:
            p, n = max(harmful)
            found.append(Found(n, p, 1 if _mild(n, acts, model_level) else 0))
    if any(f.name == "minimizing" for f in found) and (acts.has("sarcasm") or len(found) > 1):
        found = [Found(f.name, f.prob, 0) if f.name == "minimizing" else f for f in found]
    found = [f for f in found if _confirmed(f, acts, model_level, model.confirm)]
    return sorted(found, key=lambda f: (f.max_level, -f.prob, f.name))


def decide_level(model_level: int, found: Sequence[Found], guard: str | None) -> int:
    """The level, from the model's, the pitfalls' caps and the guard's finding."""
    if guard in ("copy", "word_list"):
        return 0
    cap = min((f.max_level for f in found), default=3)
    level = min(max(model_level, 1 if cap else 0), cap) if found else max(model_level, 1)
    if guard in ("describes_answer", "too_short"):
        level = min(level, 1)
    return level


def score_in_band(level: int, earned: float, bands: Sequence[int]) -> int:
    """A 0..100 score inside the level's band; `earned` (0..1) places it in the band."""
    edges = [0, *bands, 101]
    low, high = edges[level], edges[level + 1] - 1
    return low + round(max(0.0, min(1.0, earned)) * (high - low))
