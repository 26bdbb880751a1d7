"""Agreement statistics between engine and human labels (pure arithmetic)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

LEVELS = 4


def confusion(gold: Sequence[int], pred: Sequence[int], k: int = LEVELS) -> list[list[int]]:
    """k x k counts: rows are human levels, columns engine levels."""
    matrix = [[0] * k for _ in range(k)]
    for g, p in zip(gold, pred, strict=True):
        matrix[g][p] += 1
    return matrix


def quadratic_kappa(gold: Sequence[int], pred: Sequence[int], k: int = LEVELS) -> float:
    """Cohen's kappa with quadratic weights (1.0 perfect, 0.0 chance agreement)."""
    n = len(gold)
    if n == 0:
        return 0.0
    observed = confusion(gold, pred, k)
    rows = [sum(r) for r in observed]
    cols = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    num = den = 0.0
    for i in range(k):
        for j in range(k):
            weight = (i - j) ** 2 / (k - 1) ** 2
            num += weight * observed[i][j]
            den += weight * rows[i] * cols[j] / n
    return 1.0 - num / den if den else 1.0


def exact_and_within_one(gold: Sequence[int], pred: Sequence[int]) -> tuple[float, float]:
    """Share of exact matches and of predictions at most one level off."""
    n = len(gold) or 1
    exact = sum(g == p for g, p in zip(gold, pred, strict=True)) / n
    near = sum(abs(g - p) <= 1 for g, p in zip(gold, pred, strict=True)) / n
    return exact, near


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 of one label, with the counts behind them."""

    name: str
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def per_label(gold: Sequence[Iterable[str]], pred: Sequence[Iterable[str]]) -> list[PRF]:
    """Precision/recall/F1 for every label present in the gold or predicted sets."""
    gold_sets = [set(g) for g in gold]
    pred_sets = [set(p) for p in pred]
    names = sorted(set().union(*gold_sets, *pred_sets))
    out = []
    for name in names:
        tp = sum(name in g and name in p for g, p in zip(gold_sets, pred_sets, strict=True))
        fp = sum(name not in g and name in p for g, p in zip(gold_sets, pred_sets, strict=True))
        fn = sum(name in g and name not in p for g, p in zip(gold_sets, pred_sets, strict=True))
        out.append(PRF(name, tp, fp, fn))
    return out


def macro_f1(rows: Sequence[PRF]) -> float:
    """Unweighted mean F1 over the given labels (0.0 when there are none)."""
    return sum(r.f1 for r in rows) / len(rows) if rows else 0.0
