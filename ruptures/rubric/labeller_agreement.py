"""The two labellers' agreement before adjudication, from the labelled files themselves.

    python -m ruptures.rubric.labeller_agreement [--out ruptures/rubric/labelled/agreement.json]

Every answer of the corpus and of the held-out writers' files carries its
writer's label (`writer_label`) and an independent labeller's
(`labeller_label`), both kept beside the adjudicated final one. This module
compares the two: quadratic kappa, exact and within-one agreement on levels,
Cohen's kappa per pitfall (over the yes/no decision for every answer), their
mean ("macro") and the kappa of all answer x pitfall decisions pooled, and the
share of answers whose pitfall sets are identical. Overall and per writer.
The report (`report.py`) copies these figures into the "How scoring works"
page, so they are computed, never typed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from .corpus import TRAINED_SETS, WRITER_SETS, writer_order
from .metrics import exact_and_within_one, quadratic_kappa
from .types import PITFALLS

LABELLED = Path(__file__).resolve().parent / "labelled"
# every labelled file: the corpus, the writer sets trained on and those held out
FILES = (
    "corpus.yaml",
    *(name.rsplit("/", 1)[1] for name, _ in (*TRAINED_SETS, *WRITER_SETS)),
)


def cohen_kappa(a: Sequence[bool], b: Sequence[bool]) -> float:
    """Cohen's kappa of two raters' yes/no decisions (1.0 when both never vary alike).

    With two categories the quadratic weights are the plain 0/1 ones, so this is
    `metrics.quadratic_kappa` on 0/1 labels.
    """
    if not a:
        return 1.0
    return quadratic_kappa([int(x) for x in a], [int(y) for y in b], k=2)


def agreement(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """The figures for answers with `writer_label` and `labeller_label` (level, pitfalls)."""
    first = [r["writer_label"] for r in rows]
    second = [r["labeller_label"] for r in rows]
    levels_a = [int(x["level"]) for x in first]
    levels_b = [int(x["level"]) for x in second]
    sets_a = [set(x.get("pitfalls") or ()) for x in first]
    sets_b = [set(x.get("pitfalls") or ()) for x in second]
    exact, within = exact_and_within_one(levels_a, levels_b)
    per_pitfall = {
        name: round(cohen_kappa([name in s for s in sets_a], [name in s for s in sets_b]), 3)
        for name in PITFALLS
    }
    pooled_a = [name in s for s in sets_a for name in PITFALLS]
    pooled_b = [name in s for s in sets_b for name in PITFALLS]
    return {
        "n": len(rows),
        "qwk": round(quadratic_kappa(levels_a, levels_b), 3),
        "exact": round(exact, 3),
        "within_one": round(within, 3),
        "pitfall_kappa_macro": round(sum(per_pitfall.values()) / len(per_pitfall), 3),
        "pitfall_kappa_pooled": round(cohen_kappa(pooled_a, pooled_b), 3),
        "pitfall_kappa": per_pitfall,
        "pitfall_sets_equal": round(
            sum(a == b for a, b in zip(sets_a, sets_b, strict=True)) / (len(rows) or 1), 3
        ),
    }


def build(paths: Sequence[Path]) -> dict[str, Any]:
    """Overall and per-writer agreement over the answers of `paths`."""
    rows = []
    for path in paths:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        rows += [r for r in data.get("responses") or [] if "labeller_label" in r]
    by_writer: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for r in rows:
        by_writer[str(r.get("writer") or "")].append(r)
    return {
        "overall": agreement(rows),
        "per_writer": {w: agreement(by_writer[w]) for w in sorted(by_writer, key=writer_order)},
        "adjudicated": sum(bool(r.get("adjudicated")) for r in rows),
        "n": len(rows),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m ruptures.rubric.labeller_agreement", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--out", type=Path, default=LABELLED / "agreement.json")
    args = parser.parse_args(argv)
    data = build([LABELLED / name for name in FILES])
    args.out.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    overall = data["overall"]
    print(
        f"wrote {args.out}: {data['n']} answers, quadratic kappa {overall['qwk']}, "
        f"pitfall kappa {overall['pitfall_kappa_macro']}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
