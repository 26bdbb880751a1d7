"""The trained scorer: logistic regressions over `features.py`, applied in pure Python.

The model file (`model.json`, written by `python -m ruptures.rubric.train`) holds
three cumulative logistic regressions for the level (P(level >= 1), >= 2,
>= 3: an ordinal model) and one per pitfall, each a bias and sparse weights
over named features, plus what it was trained on (corpus files and their
SHA-256, the lexicon's version, the settings). Loading is a JSON parse;
scoring is a few hundred dictionary lookups.
"""

from __future__ import annotations

import json
import math
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from .types import PITFALLS

MODEL_FILE = "model.json"
FORMAT = 1


def sigmoid(z: float) -> float:
    """The logistic function, safe for large |z|."""
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


@dataclass(frozen=True)
class Linear:
    """One logistic regression: bias plus weights of named features."""

    bias: float
    weights: Mapping[str, float]

    def logit(self, feats: Mapping[str, float]) -> float:
        """Bias plus the weighted sum of the features present."""
        w = self.weights
        return self.bias + sum(w[name] * v for name, v in feats.items() if name in w)

    def prob(self, feats: Mapping[str, float]) -> float:
        """The regression's probability for these features."""
        return sigmoid(self.logit(feats))

    def contributions(self, feats: Mapping[str, float]) -> dict[str, float]:
        """Each present feature's share of the logit."""
        return {name: self.weights[name] * v for name, v in feats.items() if name in self.weights}


@dataclass(frozen=True, eq=False)
class Model:
    """Level and pitfall regressions, with the thresholds that turn them into verdicts."""

    level: tuple[Linear, Linear, Linear]
    pitfalls: Mapping[str, Linear]
    thresholds: Mapping[str, float]
    meta: Mapping[str, Any]
    # feature -> its weight in every regression (`regressions` order, zeros included):
    # the logits are sums of these rows, added up column by column in C (zip, sum)
    table: Mapping[str, tuple[float, ...]] = field(default_factory=dict)

    @property
    def confirm(self) -> float:
        """How sure a pitfall without an act behind it must be to pull the level down."""
        return float(self.meta.get("settings", {}).get("confirm", 0.0))

    @property
    def regressions(self) -> tuple[Linear, ...]:
        """The level regressions, then the pitfalls' in `pitfalls` order."""
        return (*self.level, *self.pitfalls.values())

    def logits(self, feats: Mapping[str, float]) -> list[float]:
        """Every regression's logit, in `regressions` order."""
        get = self.table.get
        z = [m.bias for m in self.regressions]
        # features share a few values (1.0, a scale): rows grouped by value in one pass,
        # each group in the features' order, the groups in the set's order
        by_value: dict[float, list[tuple[float, ...]]] = {v: [] for v in set(feats.values())}
        for row, value in zip(map(get, feats), feats.values(), strict=True):
            if row:
                by_value[value].append(row)
        for value, rows in by_value.items():
            for k, total in enumerate(map(sum, zip(*rows, strict=True))):
                z[k] += value * total
        return z

    def predict(self, feats: Mapping[str, float]) -> tuple[tuple[float, float, float], dict]:
        """(P(level >= 1, 2, 3) made non-increasing, {pitfall: probability})."""
        probs = [sigmoid(z) for z in self.logits(feats)]
        p1, p2, p3 = probs[:3]
        p2 = min(p2, p1)
        return (p1, p2, min(p3, p2)), dict(zip(self.pitfalls, probs[3:], strict=True))

    def level_probs(self, feats: Mapping[str, float]) -> tuple[float, float, float]:
        """P(level >= 1), P(level >= 2), P(level >= 3), made non-increasing."""
        return self.predict(feats)[0]

    def level_of(self, feats: Mapping[str, float]) -> int:
        """The level: how many cumulative probabilities reach one half."""
        return sum(p >= 0.5 for p in self.level_probs(feats))

    def pitfall_probs(self, feats: Mapping[str, float]) -> dict[str, float]:
        """Probability of each pitfall the model knows."""
        return self.predict(feats)[1]


def _linear(raw: Mapping[str, Any], names: list[str]) -> Linear:
    return Linear(float(raw["bias"]), {names[i]: float(w) for i, w in raw["weights"]})


def _shared_weights(weights: Iterable[float]) -> dict[float, float]:
    """One float object per distinct weight value, made together.

    Weights are rounded to a few decimals, so the ~75,000 cells of the table hold
    about 1,500 values. Made one after another, those objects sit side by side in
    memory, so the thousand or so weights an answer's logits add up stay in the CPU
    cache instead of being fetched from objects scattered over the heap.
    """
    distinct = sorted(set(weights))
    return dict(zip(distinct, array("d", distinct).tolist(), strict=True))


def model_from_data(data: Mapping[str, Any]) -> Model:
    """Build a Model from the parsed model file."""
    if data.get("format") != FORMAT:
        raise ValueError(f"model file format {data.get('format')!r}; expected {FORMAT}")
    names = list(data["features"])
    level = tuple(_linear(raw, names) for raw in data["level"])
    if len(level) != 3:
        raise ValueError("model file: expected three level regressions")
    pitfalls = {p: _linear(raw, names) for p, raw in data["pitfalls"].items() if p in PITFALLS}
    thresholds = {p: float(raw.get("threshold", 0.5)) for p, raw in data["pitfalls"].items()}
    meta = {k: v for k, v in data.items() if k not in ("features", "level", "pitfalls")}
    regressions = (*level, *pitfalls.values())
    shared = _shared_weights(w for m in regressions for w in m.weights.values())
    table: dict[str, list[float]] = {}
    for k, m in enumerate(regressions):
        for name, w in m.weights.items():
            table.setdefault(name, [0.0] * len(regressions))[k] = shared[w]
    return Model(
        level=level,  # type: ignore[arg-type]
        pitfalls=pitfalls,
        thresholds=thresholds,
        meta=meta,
        table={name: tuple(row) for name, row in table.items()},
    )


@lru_cache(maxsize=1)
def default_model() -> Model:
    """The packaged model, loaded once per process."""
    text = resources.files(__package__).joinpath(MODEL_FILE).read_text(encoding="utf-8")
    return model_from_data(json.loads(text))
