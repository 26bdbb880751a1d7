"""How far the engine agrees with supervisors: a confusion matrix, exact agreement, kappa.

Pure Python (no Django): `ruptures.supervision` counts (engine level,
supervisor level) pairs in the database and hands the counts here. Quadratic
weighted kappa is the usual figure for ordinal ratings: a disagreement of two
levels costs four times one of one level, and agreement that chance alone
would give (from how often each rater uses each level) counts for nothing.
Written out rather than imported: scikit-learn's `cohen_kappa_score` does the
same but would bring scikit-learn into production for ten lines of
arithmetic (the tests check the two agree).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

LEVELS = 4  # 0 harmful .. 3 strong
# Below this many reviewed steps the figures swing with every review.
MIN_MEANINGFUL = 20

Matrix = tuple[tuple[int, ...], ...]  # rows: the engine's level; columns: the supervisor's


def confusion_matrix(pairs: Iterable[tuple[int, int, int]]) -> Matrix:
    """The LEVELS x LEVELS matrix from (engine level, supervisor level, count) triples."""
    cells = [[0] * LEVELS for _ in range(LEVELS)]
    for engine, supervisor, count in pairs:
        cells[engine][supervisor] += count
    return tuple(tuple(row) for row in cells)


def _total(matrix: Matrix) -> int:
    return sum(map(sum, matrix))


def exact_agreement(matrix: Matrix) -> float | None:
    """The share of steps where both gave the same level; None without any."""
    total = _total(matrix)
    return sum(matrix[i][i] for i in range(len(matrix))) / total if total else None


def quadratic_kappa(matrix: Matrix) -> float | None:
    """Cohen's kappa with quadratic weights: 1 perfect, 0 chance, below 0 worse than chance.

    None when it is undefined: no steps at all, or both raters always used one
    and the same level (then chance alone explains the agreement).
    """
    total = _total(matrix)
    if not total:
        return None
    size = len(matrix)
    rows = [sum(row) for row in matrix]
    columns = [sum(column) for column in zip(*matrix, strict=True)]
    weight = [[(i - j) ** 2 / (size - 1) ** 2 for j in range(size)] for i in range(size)]
    observed = sum(weight[i][j] * matrix[i][j] for i in range(size) for j in range(size))
    expected = sum(
        weight[i][j] * rows[i] * columns[j] / total for i in range(size) for j in range(size)
    )
    if not expected:
        return None
    return 1 - observed / expected


@dataclass(frozen=True)
class Agreement:
    """Engine against supervisors over `n` reviewed steps."""

    matrix: Matrix

    @property
    def n(self) -> int:
        return _total(self.matrix)

    @property
    def exact(self) -> float | None:
        return exact_agreement(self.matrix)

    @property
    def kappa(self) -> float | None:
        return quadratic_kappa(self.matrix)

    @property
    def meaningful(self) -> bool:
        return self.n >= MIN_MEANINGFUL


def agreement_by_step(
    counts: Iterable[tuple[str, int, int, int]], steps: Iterable[str]
) -> tuple[Agreement, Mapping[str, Agreement]]:
    """Overall and per-step agreement from (step, engine level, supervisor level, count) rows."""
    by_step: dict[str, list[tuple[int, int, int]]] = {step: [] for step in steps}
    for step, engine, supervisor, count in counts:
        by_step.setdefault(step, []).append((engine, supervisor, count))
    overall = confusion_matrix(triple for triples in by_step.values() for triple in triples)
    return Agreement(overall), {
        step: Agreement(confusion_matrix(triples)) for step, triples in by_step.items()
    }
