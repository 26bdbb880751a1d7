"""An attempt's steps and tries, and the words that put its numbers in context."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from functools import cached_property

from ruptures.models import StepName, StepResponse
from ruptures.rubric import LEVEL_LABELS

REFLECTION_QUESTIONS = (
    "How did you respond inside when you sensed the disconnection?",
    "What fears came up for you as the therapist in this moment?",
    "Where might your own attachment patterns have shaped what you wanted to say?",
    "What support or practice would help you meet a moment like this next time?",
)


@dataclass(frozen=True)
class StepProgress:
    """One repair step of an attempt and every try at it, oldest first."""

    name: str
    label: str
    tries: tuple[StepResponse, ...]

    @property
    def latest(self) -> StepResponse | None:
        return self.tries[-1] if self.tries else None

    # Cached: a page asks these of every step, some of them more than once.
    @cached_property
    def own_tries(self) -> tuple[StepResponse, ...]:
        """The tries in the trainee's own words; a copied exemplar is not theirs."""
        return tuple(r for r in self.tries if not r.copy_of)

    @cached_property
    def best(self) -> StepResponse | None:
        """The highest-scoring own try; of equal scores, the later one."""
        return max(self.own_tries, key=lambda r: (r.score, r.try_number), default=None)

    @cached_property
    def best_level(self) -> int | None:
        return max((r.level for r in self.own_tries), default=None)

    @property
    def state(self) -> str:
        """What the step navigation says of the step: its best level and its tries so far."""
        if not self.tries:
            return "not yet"
        best = (
            "no try in your own words yet"
            if self.best_level is None
            else f"level {self.best_level} best"
        )
        count = len(self.tries)
        return f"{best} · {count} {'try' if count == 1 else 'tries'}"


def step_progress(responses: Iterable[StepResponse]) -> list[StepProgress]:
    """Each of the five steps with its tries, from responses annotated with `step_name`.

    Pass `attempt.responses.for_attempt_page()` (or `StepResponse.objects.tries_of(attempt)`):
    one query for every step.
    """
    by_step: dict[str, list[StepResponse]] = {name: [] for name in StepName.values}
    for response in responses:
        by_step[response.step_name].append(response)
    return [
        StepProgress(name, label, tuple(sorted(by_step[name], key=lambda r: r.try_number)))
        for name, label in StepName.choices
    ]


def newest_rubric_version(steps: Iterable[StepProgress]) -> str | None:
    """The rubric version of the attempt's newest try: the bands its total is read in."""
    tries = [r for step in steps for r in step.tries]
    return max(tries, key=lambda r: r.pk).rubric_version if tries else None


HARMFUL = min(LEVEL_LABELS)  # the lowest level: an answer likely to deepen the rupture


def harmful_steps(steps: Iterable[StepProgress]) -> list[str]:
    """The labels of the steps whose best own try is still harmful.

    The attempt's total is an average, and an average can read "adequate"
    over a harmful step: pages name these beside the total.
    """
    return [step.label for step in steps if step.best and step.best.level == HARMFUL]


def duration_text(started_at, finished_at) -> str:
    """How long an attempt took, "" while unfinished: "12 min 5 s", "1 h 3 min"."""
    if not finished_at:
        return ""
    taken: timedelta = finished_at - started_at
    minutes, seconds = divmod(int(taken.total_seconds()), 60)
    hours, minutes = divmod(minutes, 60)
    if hours:
        return f"{hours} h {minutes} min"
    return f"{minutes} min {seconds} s" if minutes else f"{seconds} s"


def change_text(now: int | None, then: int | None) -> str:
    """This total against an earlier one, in words; "" when either is missing."""
    if now is None or then is None:
        return ""
    if now == then:
        return "the same total"
    return f"{abs(now - then)} points {'higher' if now > then else 'lower'}"
