"""The engine's one evaluation report (`report.json`), read by the "How scoring works" page.

Written by `python -m ruptures.rubric.train --cv --report ruptures/rubric/report.json`;
never edited by hand. Top-level keys (stable; pages read them):

- `engine_version`, `model_sha256` (SHA-256 of the committed `model.json` the
  figures on never-trained-on sets were measured with), `lexicon`, `date`
  (YYYY-MM-DD the report was written), `settings` (the model's training settings).
- `corpus`: `files` (portable names), `answers`, `per_step` and `per_writer`
  (answer counts), `copies_left_out` (answers copying an exemplar, not trained on).
- `labeller_agreement`: the two labellers' agreement before adjudication, copied
  from `labelled/agreement.json` (`overall` and `per_writer`: `qwk`, `exact`,
  `within_one`, `pitfall_kappa_macro`, ...).
- `cross_validation`: agreement on answers whose vignette and writer were both
  outside the training data (`method`, `folds`, then the figures below), over
  every labelled answer the model trains on (the corpus and the trained writer sets).
- `writer_sets`: the committed model on each labelled set of writers never
  trained on (`corpus.WRITER_SETS`, newest first), each with `file`, `writer` (its
  writers, "w18,w19"), `read_since` (null when only the set's figures were ever
  looked at; else the engine version whose fixes were found in its errors, which
  makes it a development set from then on) and the figures below. The newest set
  is written and labelled after the engine version is built, and scored once.
- `trained_sets`: the writer sets that were held out until their errors guided
  fixes and are trained on now (`corpus.TRAINED_SETS`): `file`, `writer`, `n`,
  `read_since`; no figures, since the model has seen them.
- `devset`, `holdout`: the committed model on the shared dev set and on
  `tests/rubric/data/holdout.yaml` (neither trained on); `devset` is null when
  the shared folder is absent.

Each set of figures has: `n`, `kappa` (quadratic-weighted), `exact`,
`within_one`, `pitfall_macro_f1`, `pitfalls` (per pitfall `precision`,
`recall`, `f1`, `tp`, `fp`, `fn`), `confusion` (rows human level 0-3, columns
engine), `per_step` (the same per step), `harmful_rated_strong`,
`strong_rated_harmful`, and, where answers are tagged, `adversarial` (per tag:
`n`, `levels` (count per engine level "0".."3"), `above_weak` (how many the
engine rated 2 or 3)).
"""

from __future__ import annotations

import datetime
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from .corpus import (
    REPO,
    TRAINED_SETS,
    WRITER_SETS,
    Item,
    load_items,
    resolve,
    sha256,
    writer_order,
)
from .engine import ENGINE_VERSION
from .evaluate import as_response, evaluate, predict, report_data
from .model import default_model
from .train import DEFAULT_OUT, WRITER_GROUPS, folds

LABELLED = REPO / "ruptures" / "rubric" / "labelled"
DEVSET = "shared:data/rubric-devset.yaml"
HOLDOUT = "repo:tests/rubric/data/holdout.yaml"


def adversarial(items: Sequence[Item], predictions: Sequence[Mapping[str, Any]]) -> dict:
    """Per corpus tag: how many answers, the engine's levels, and how many it rated 2+."""
    out: dict[str, dict[str, Any]] = {}
    for tag in sorted({t for i in items for t in i.tags}):
        levels = [
            int(p["level"]) for i, p in zip(items, predictions, strict=True) if tag in i.tags
        ]
        counts = Counter(levels)
        out[tag] = {
            "n": len(levels),
            "levels": {str(k): counts.get(k, 0) for k in range(4)},
            "above_weak": sum(level >= 2 for level in levels),
        }
    return out


def figures(items: Sequence[Item], predictions: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Agreement figures for labelled items and the engine's predictions."""
    data = report_data(evaluate([as_response(i) for i in items], predictions))
    data["harmful_rated_strong"] = data["confusion"][0][3]
    data["strong_rated_harmful"] = data["confusion"][3][0]
    if any(i.tags for i in items):
        data["adversarial"] = adversarial(items, predictions)
    return data


def score_file(name: str, *, writers: bool = False) -> dict[str, Any] | None:
    """The committed model's figures on a labelled file (None when it is absent); with
    `writers`, headed by the writers of its answers (`"writer": "w11,w12,w13"`)."""
    from .corpus import load_labelled

    try:
        path = resolve(name)
    except FileNotFoundError:
        return None
    contexts, responses = load_labelled(path)
    items = load_items(path)
    data = figures(items, predict(contexts, responses, model=default_model()))
    if writers:
        data = {"writer": writers_of(items), **data}
    return {"file": name, **data}


def writers_of(items: Sequence[Item]) -> str:
    """The writers of some answers, in number order: "w18,w19"."""
    return ",".join(sorted({i.writer for i in items}, key=writer_order))


def trained_set(name: str, read_since: str) -> dict[str, Any]:
    """A writer set the model trains on: its file, writers and size (no figures)."""
    items = load_items(resolve(name))
    return {"file": name, "writer": writers_of(items), "n": len(items), "read_since": read_since}


def build_report(
    items: Sequence[Item], cv_predictions: Sequence[Mapping[str, Any]], names: Sequence[str]
) -> dict[str, Any]:
    """The whole report: corpus, labeller agreement, CV, writer sets, other sets."""
    from .train import prepare

    agreement = json.loads((LABELLED / "agreement.json").read_text(encoding="utf-8"))
    model = default_model()
    return {
        "engine_version": ENGINE_VERSION,
        "model_sha256": sha256(DEFAULT_OUT),
        "lexicon": model.meta.get("lexicon"),
        "date": datetime.date.today().isoformat(),
        "settings": dict(model.meta.get("settings", {})),
        "corpus": {
            "files": list(names),
            "answers": len(items),
            "per_step": dict(sorted(Counter(i.step for i in items).items())),
            "per_writer": dict(sorted(Counter(i.writer for i in items).items())),
            "copies_left_out": sum(p.copied for p in prepare(items)),
        },
        "labeller_agreement": {
            "overall": agreement.get("overall"),
            "per_writer": agreement.get("per_writer"),
        },
        "cross_validation": {
            "method": "grouped by vignette (5 groups) and writer (each writer in one of "
            f"{WRITER_GROUPS} groups): a fold's vignettes and writers are never in its "
            "training data",
            "folds": len(folds(items)),
            **figures(items, cv_predictions),
        },
        "writer_sets": [
            {**scored, "read_since": read_since}
            for name, read_since in WRITER_SETS
            if (scored := score_file(name, writers=True)) is not None
        ],
        "trained_sets": [trained_set(name, read_since) for name, read_since in TRAINED_SETS],
        "devset": score_file(DEVSET),
        "holdout": score_file(HOLDOUT),
    }


def write(path: Path, report: Mapping[str, Any]) -> None:
    """Write the report as indented JSON with sorted keys."""
    path.write_text(json.dumps(report, indent=2, sort_keys=True) + "\n", encoding="utf-8")
