"""What the cohort dashboard shows: a row per trainee, its columns, and how rows sort.

Flagged trainees always come first; within them and the rest, the chosen
column decides, and a missing value sorts last whichever the direction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlencode

from django.utils.safestring import SafeString, mark_safe

from ruptures import charts
from ruptures.coaching import KindAccuracy
from ruptures.library import RUPTURE_KINDS
from ruptures.models import RuptureType, StepName, User
from ruptures.rubric import STEPS


@dataclass(frozen=True)
class TraineeRow:
    trainee: User
    attempts_done: int
    last_active: datetime | None
    step_levels: Mapping[str, float | None]
    recognition: Mapping[str, KindAccuracy]
    false_alarms: int
    foil_trials: int
    d_prime: float | None
    pitfalls: tuple[tuple[str, int], ...]
    recent_levels: tuple[int, ...]
    reasons: tuple[str, ...]

    @property
    def name(self) -> str:
        return self.trainee.get_full_name() or self.trainee.get_username()

    @property
    def false_alarm_rate(self) -> float | None:
        return self.false_alarms / self.foil_trials if self.foil_trials else None

    @property
    def sparkline(self) -> SafeString:
        # Safe: charts.sparkline writes numbers and fixed markup only.
        return mark_safe(charts.sparkline(self.recent_levels, y_max=3))


# Column key -> how a row sorts by it (None sorts last whichever the direction).
SORT_KEYS = {
    "name": lambda r: r.name.lower(),
    "attempts": lambda r: r.attempts_done,
    "active": lambda r: r.last_active,
    **{step: (lambda r, step=step: r.step_levels[step]) for step in STEPS},
    **{kind: (lambda r, kind=kind: r.recognition[kind].rate) for kind in RUPTURE_KINDS},
    "false_alarms": lambda r: r.false_alarm_rate,
    "d_prime": lambda r: r.d_prime,
    "pitfalls": lambda r: r.pitfalls[0][1] if r.pitfalls else None,
    "recent": lambda r: r.recent_levels[-1] if r.recent_levels else None,
    "attention": lambda r: len(r.reasons),
}
COLUMN_LABELS = {
    "name": "Trainee",
    "attention": "Needs attention",
    "attempts": "Attempts done",
    "active": "Last active",
    **dict(StepName.choices),
    **{kind: f"{RuptureType(kind).label} named" for kind in RUPTURE_KINDS},
    "false_alarms": "False alarms on foils",
    "d_prime": "d′",
    "pitfalls": "Most frequent pitfalls",
    "recent": "Recent levels",
}


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    query: str  # the query string that sorts by this column (the other way when sorted)
    aria_sort: str  # "ascending", "descending" or "none"


@dataclass(frozen=True)
class DashboardTable:
    rows: list[TraineeRow]
    sort: str
    descending: bool
    cohort: int | None

    @property
    def columns(self) -> list[Column]:
        columns = []
        for key, label in COLUMN_LABELS.items():
            current = key == self.sort
            descending = not self.descending if current else False
            params = {"sort": key, "dir": "desc" if descending else "asc"}
            if self.cohort is not None:
                params["cohort"] = self.cohort
            aria = ("descending" if self.descending else "ascending") if current else "none"
            columns.append(Column(key, label, urlencode(params), aria))
        return columns


def sort_rows(rows: list[TraineeRow], sort: str, *, descending: bool) -> list[TraineeRow]:
    """Flagged trainees first, then by the column; missing values last either way."""
    key = SORT_KEYS[sort]
    present = [r for r in rows if key(r) is not None]
    missing = [r for r in rows if key(r) is None]
    present.sort(key=lambda r: (key(r), r.name.lower()), reverse=descending)
    ordered = present + sorted(missing, key=lambda r: r.name.lower())
    return sorted(ordered, key=lambda r: not r.reasons)  # stable: keeps the column order
