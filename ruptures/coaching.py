"""A trainee's progress in numbers, and what to practise next.

Pure Python (no Django), so the arithmetic is tested without a database:
`ruptures.stats` fills a `TraineeStats` from queries, `recommend` applies the
deliberate-practice rules of DOMAIN.md (too hard: step down; too easy or
consistently strong: step up) and aims the next vignette at the weakest spot.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from statistics import NormalDist

from ruptures.library.model import DIFFICULTIES, NO_RUPTURE, RUPTURE_KINDS
from ruptures.rubric import pitfall_label
from ruptures.rubric.types import STEPS

# The trainee's rating of how hard a vignette felt (models.DifficultyRating's values).
TOO_HARD, ABOUT_RIGHT, TOO_EASY = "too_hard", "about_right", "too_easy"
RATINGS: tuple[str, ...] = (TOO_HARD, ABOUT_RIGHT, TOO_EASY)

# d' is too noisy to show below these trial counts (rupture trials, foils).
MIN_RUPTURE_TRIALS = 3
MIN_FOIL_TRIALS = 2


def d_prime(hits: int, misses: int, false_alarms: int, correct_rejections: int) -> float | None:
    """Sensitivity d' = z(hit rate) - z(false-alarm rate), or None on too few trials.

    The log-linear correction (Hautus 1995) adds 0.5 to every cell, so perfect
    rates (which have an infinite z) still give a finite, slightly cautious d'.
    """
    if hits + misses < MIN_RUPTURE_TRIALS or false_alarms + correct_rejections < MIN_FOIL_TRIALS:
        return None
    hit_rate = (hits + 0.5) / (hits + misses + 1)
    false_alarm_rate = (false_alarms + 0.5) / (false_alarms + correct_rejections + 1)
    z = NormalDist().inv_cdf
    return z(hit_rate) - z(false_alarm_rate)


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass(frozen=True)
class KindAccuracy:
    """How often the trainee named this kind of rupture right, out of answered trials."""

    kind: str
    correct: int
    total: int

    @property
    def rate(self) -> float | None:
        return _rate(self.correct, self.total)


@dataclass(frozen=True)
class AttemptSummary:
    """One attempt as the progress chart and the recommendation need it.

    `level` is the band of the attempt's total score, None until a step was
    answered (foils have no steps, so theirs stays None).
    """

    started_at: datetime
    finished_at: datetime | None
    difficulty: str
    rupture_type: str
    rating: str
    level: int | None
    recognised: bool | None

    @property
    def finished(self) -> bool:
        return self.finished_at is not None


@dataclass(frozen=True)
class TraineeStats:
    """Everything the progress page shows about one trainee.

    `step_levels` pairs each step with its average recorded level over the
    attempts, one best try per attempt (None when never answered); `recent`
    holds the newest attempts, oldest first.
    """

    attempts_total: int
    step_levels: tuple[tuple[str, float | None], ...]
    recognition: tuple[KindAccuracy, ...]
    hits: int
    misses: int
    false_alarms: int
    correct_rejections: int
    pitfalls: tuple[tuple[str, int], ...]
    recent: tuple[AttemptSummary, ...]
    # Each pitfall's label in the rubric version of the newest try that found it.
    pitfall_labels: Mapping[str, str] = field(default_factory=dict)

    @property
    def has_data(self) -> bool:
        return self.attempts_total > 0

    @property
    def labelled_pitfalls(self) -> tuple[tuple[str, int], ...]:
        """`pitfalls` as (label, count), most frequent first."""
        return tuple(
            (self.pitfall_labels.get(name) or pitfall_label(name), n) for name, n in self.pitfalls
        )

    @property
    def recognition_trials(self) -> int:
        """How many recognition questions the trainee has answered, ruptures and foils."""
        return self.hits + self.misses + self.foil_trials

    @property
    def foil_trials(self) -> int:
        return self.false_alarms + self.correct_rejections

    @property
    def false_alarm_rate(self) -> float | None:
        return _rate(self.false_alarms, self.foil_trials)

    @property
    def d_prime(self) -> float | None:
        return d_prime(self.hits, self.misses, self.false_alarms, self.correct_rejections)

    @property
    def level_points(self) -> tuple[AttemptSummary, ...]:
        """The recent attempts that have a level, for the level-over-time chart."""
        return tuple(a for a in self.recent if a.level is not None)

    @property
    def focus_step(self) -> str | None:
        """The step with the lowest average level; the earlier step wins a tie."""
        answered = [
            (level, STEPS.index(step), step)
            for step, level in self.step_levels
            if level is not None
        ]
        return min(answered)[2] if answered else None


@dataclass(frozen=True)
class Candidate:
    """A scenario the trainee may do next. `rupture_type` is never shown to them."""

    slug: str
    title: str
    difficulty: str
    rupture_type: str
    attempts_done: int


@dataclass(frozen=True)
class Recommendation:
    """The next vignette, why (without giving away its rupture type), and a step to watch."""

    slug: str
    title: str
    difficulty: str
    reason: str
    focus_step: str | None

    @property
    def focus_note(self) -> str:
        if self.focus_step is None:
            return ""
        return f"Focus on the {self.focus_step} step: it has your lowest average."


def _shift(difficulty: str, by: int) -> str:
    index = min(max(DIFFICULTIES.index(difficulty) + by, 0), len(DIFFICULTIES) - 1)
    return DIFFICULTIES[index]


def target_difficulty(recent: Sequence[AttemptSummary]) -> tuple[str, str]:
    """The difficulty to practise next and the clause explaining why.

    The trainee's own rating wins over scores: their sense of overload is the
    signal deliberate practice adjusts to. Only scored attempts count towards
    "two strong in a row", so an unscored foil neither makes nor breaks a streak.
    """
    finished = sorted((a for a in recent if a.finished), key=lambda a: a.finished_at)
    if not finished:
        return DIFFICULTIES[0], "You are just starting"
    latest = finished[-1]
    current = latest.difficulty
    if latest.rating == TOO_HARD:
        return _step(current, -1, "You rated the last one too hard")
    if latest.rating == TOO_EASY:
        return _step(current, +1, "You rated the last one too easy")
    scored = [a.level for a in finished if a.difficulty == current and a.level is not None]
    if scored[-2:] == [3, 3]:
        return _step(current, +1, f"Your last two {current} vignettes went strongly")
    return current, f"Keep building at the {current} level"


def _step(current: str, by: int, why: str) -> tuple[str, str]:
    target = _shift(current, by)
    if target == current:
        edge = "gentlest" if by < 0 else "top"
        why = f"{why}, and {current} is the {edge} level"
    return target, why


def weakest_kind(stats: TraineeStats) -> str | None:
    """The kind recognised least accurately (NO_RUPTURE when foils are the weakness).

    None when there is no data or nothing was ever missed: then no kind is
    preferred.
    """
    rates = [(acc.rate, RUPTURE_KINDS.index(acc.kind), acc.kind) for acc in stats.recognition]
    if stats.foil_trials:
        rates.append(
            (stats.correct_rejections / stats.foil_trials, len(RUPTURE_KINDS), NO_RUPTURE)
        )
    known = [r for r in rates if r[0] is not None]
    if not known or min(known)[0] >= 1:
        return None
    return min(known)[2]


def _nearest(candidates: Sequence[Candidate], target: str) -> list[Candidate]:
    # Distance in difficulty steps; on a tie the easier level comes first.
    def distance(c: Candidate) -> tuple[int, int]:
        index = DIFFICULTIES.index(c.difficulty)
        return abs(index - DIFFICULTIES.index(target)), index

    best = min(distance(c) for c in candidates)
    return [c for c in candidates if distance(c) == best]


def _article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def recommend(stats: TraineeStats, candidates: Sequence[Candidate]) -> Recommendation | None:
    """Pick the next vignette: right difficulty, weakest kind, least practised, by title.

    The reason talks only about difficulty: naming the targeted kind would
    give the recognition answer away before the trainee has read a word.
    """
    if not candidates:
        return None
    target, why = target_difficulty(stats.recent)
    if not stats.recognition_trials:
        # A newcomer starts on a rupture: a foil's whole lesson ("nothing
        # ruptured") only means something after seeing what a rupture is.
        candidates = [c for c in candidates if c.rupture_type != NO_RUPTURE] or candidates
    pool = _nearest(candidates, target)
    kind = weakest_kind(stats)
    pick = min(pool, key=lambda c: (c.rupture_type != kind, c.attempts_done, c.title, c.slug))
    level = pick.difficulty
    if level == target:
        reason = f"{why}, so here is {_article(level)} {level} vignette."
    else:
        reason = (
            f"{why}; no {target} vignette is available, so here is {_article(level)} {level} one."
        )
    return Recommendation(pick.slug, pick.title, level, reason, stats.focus_step)
