"""Train the scorer on labelled answers; optionally cross-validate honestly.

    python -m ruptures.rubric.train [CORPUS.yaml ...] [--out MODEL] [--cv] [--report OUT.json]

Without files it trains on the corpus the committed model names (DEFAULT_CORPUS).
Reproducible: inputs are sorted, the solver is seeded, weights are rounded,
and the JSON is written with sorted keys, so training twice on the same files
gives a byte-identical model. The model records each file's SHA-256, which a
test compares with the files (and it retrains to compare the bytes).

`--cv` reports agreement on answers the model was not trained on: folds are
grouped by vignette and, when the corpus names writers, by writer too (a
fold's vignettes and writer are never in its training data); without writers,
one vignette is left out at a time.

Needs scikit-learn (a dev dependency); the engine applies the model in pure Python.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .acts import detect_acts
from .corpus import REPO, Item, load_items, portable, resolve, sha256
from .features import features
from .lexicon import load_lexicon
from .model import FORMAT, MODEL_FILE, model_from_data
from .types import PITFALLS

DEFAULT_CORPUS = (
    "shared:data/rubric-devset.yaml",
    "repo:tests/rubric/data/holdout.yaml",
    "repo:tests/rubric/data/traps.yaml",
)
DEFAULT_OUT = REPO / "ruptures" / "rubric" / MODEL_FILE
SEED = 20240917
C = 0.5  # inverse regularisation strength: small data, strong prior
MIN_DF = 2  # a word feature must occur in this many training answers
DIGITS = 4


def item_features(items: Sequence[Item]) -> list[dict[str, float]]:
    """Features of each item (acts are found once per item)."""
    return [features(detect_acts(i.text, i.context), i.step) for i in items]


def _vocabulary(feats: Sequence[dict[str, float]], min_df: int) -> list[str]:
    counts = Counter(name for f in feats for name in f)
    return sorted(
        name for name, n in counts.items() if n >= min_df or not name.startswith(("w=", "b="))
    )


def _fit_one(x: Any, y: list[int], names: list[str], c: float, seed: int) -> dict[str, Any]:
    from sklearn.linear_model import LogisticRegression

    if len(set(y)) < 2:  # nothing to learn: a constant answer
        return {"bias": 8.0 if y and y[0] else -8.0, "weights": []}
    clf = LogisticRegression(
        C=c, class_weight="balanced", solver="liblinear", random_state=seed, max_iter=5000
    )
    clf.fit(x, y)
    weights = [
        [i, round(float(w), DIGITS)]
        for i, w in enumerate(clf.coef_[0])
        if abs(round(float(w), DIGITS)) > 0
    ]
    return {"bias": round(float(clf.intercept_[0]), DIGITS), "weights": weights}


def fit(
    items: Sequence[Item],
    feats: Sequence[dict[str, float]] | None = None,
    *,
    c: float = C,
    min_df: int = MIN_DF,
    seed: int = SEED,
) -> dict[str, Any]:
    """Model data (as written to the model file, without corpus metadata)."""
    from scipy.sparse import csr_matrix

    order = sorted(range(len(items)), key=lambda k: (items[k].id, items[k].text))
    items = [items[k] for k in order]
    feats = item_features(items) if feats is None else [feats[k] for k in order]
    names = _vocabulary(feats, min_df)
    index = {name: i for i, name in enumerate(names)}
    rows, cols, vals = [], [], []
    for r, f in enumerate(feats):
        for name in sorted(f):
            if name in index:
                rows.append(r)
                cols.append(index[name])
                vals.append(f[name])
    x = csr_matrix((vals, (rows, cols)), shape=(len(items), len(names)))
    level = [_fit_one(x, [int(i.level >= k) for i in items], names, c, seed) for k in (1, 2, 3)]
    pitfalls = {
        p: _fit_one(x, [int(p in i.pitfalls) for i in items], names, c, seed) for p in PITFALLS
    }
    used = sorted({i for m in [*level, *pitfalls.values()] for i, _ in m["weights"]})
    remap = {old: new for new, old in enumerate(used)}
    for m in [*level, *pitfalls.values()]:
        m["weights"] = [[remap[i], w] for i, w in m["weights"]]
    return {
        "format": FORMAT,
        "features": [names[i] for i in used],
        "level": level,
        "pitfalls": {p: {**m, "threshold": 0.5} for p, m in pitfalls.items()},
        "settings": {"c": c, "min_df": min_df, "seed": seed, "solver": "liblinear"},
        "lexicon": load_lexicon().version,
        "trained_on": len(items),
    }


def dump(data: dict[str, Any]) -> str:
    """The model file's text: canonical JSON, one line, newline-terminated."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"


def train(names: Sequence[str], **settings: Any) -> dict[str, Any]:
    """Model data trained on the named corpus files, with their hashes recorded."""
    paths = [resolve(n) for n in names]
    items = [item for p in paths for item in load_items(p)]
    data = fit(items, **settings)
    data["corpus"] = sorted(
        ({"file": portable(p), "sha256": sha256(p)} for p in paths), key=lambda e: e["file"]
    )
    return data


def folds(items: Sequence[Item], k: int = 5) -> list[tuple[list[int], list[int]]]:
    """(train, test) index lists: by vignette x writer when writers are known, else one
    vignette left out at a time."""
    vignettes = sorted({i.vignette for i in items})
    writers = sorted({i.writer for i in items})
    if len(writers) < 2 or "" in writers:
        return [
            (
                [j for j, i in enumerate(items) if i.vignette != v],
                [j for j, i in enumerate(items) if i.vignette == v],
            )
            for v in vignettes
        ]
    group = {v: n % k for n, v in enumerate(vignettes)}
    out = []
    for w in writers:
        for g in range(k):
            test = [j for j, i in enumerate(items) if i.writer == w and group[i.vignette] == g]
            train_ = [j for j, i in enumerate(items) if i.writer != w and group[i.vignette] != g]
            if test:
                out.append((train_, test))
    return out


def cross_validate(items: Sequence[Item], **settings: Any) -> list[dict[str, Any]]:
    """Out-of-fold predictions (id, level, score, pitfalls), one per item, in item order."""
    from .engine import assess
    from .types import ScenarioRubric

    feats = item_features(items)
    out: list[dict[str, Any] | None] = [None] * len(items)
    for train_idx, test_idx in folds(items):
        model = model_from_data(
            fit([items[j] for j in train_idx], [feats[j] for j in train_idx], **settings)
        )
        for j in test_idx:
            i = items[j]
            a = assess(i.step, i.text, ScenarioRubric(context=i.context), model=model)
            out[j] = {
                "id": i.id,
                "level": a.level,
                "score": a.score,
                "pitfalls": sorted(a.pitfalls),
            }
    return [p for p in out if p is not None]


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    from . import evaluate as ev

    parser = argparse.ArgumentParser(
        prog="python -m ruptures.rubric.train", description=__doc__.split("\n")[0]
    )
    parser.add_argument("corpus", nargs="*", type=Path, help="labelled YAML files")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="model file to write")
    parser.add_argument("--cv", action="store_true", help="cross-validate instead of training")
    parser.add_argument("--report", type=Path, help="with --cv: write the report as JSON")
    parser.add_argument("--c", type=float, default=C, help="inverse regularisation strength")
    parser.add_argument("--min-df", type=int, default=MIN_DF)
    args = parser.parse_args(argv)
    names = [portable(p) for p in args.corpus] or list(DEFAULT_CORPUS)
    settings = {"c": args.c, "min_df": args.min_df}
    if args.cv:
        items = [i for n in names for i in load_items(resolve(n))]
        preds = cross_validate(items, **settings)
        responses = [
            {"level": i.level, "pitfalls": list(i.pitfalls), "step": i.step} for i in items
        ]
        report = ev.evaluate(responses, preds)
        print(ev.format_report(report))
        if args.report:
            ev.write_report(
                args.report, report, source=f"cross-validation over {', '.join(names)}"
            )
        return 0
    text = dump(train(names, **settings))
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote {args.out} ({len(text.encode()) / 1024:.0f} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
