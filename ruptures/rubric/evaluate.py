"""Evaluate the engine against labelled responses.

    python -m ruptures.rubric.evaluate FILE.yaml [--predictions OUT.jsonl]

FILE.yaml has `vignettes` (id, context) and `responses` (id, vignette, step,
response, level, pitfalls). Every response is assessed with
`ScenarioRubric(context=<its vignette's context>)` (empty for an unknown
vignette), the same way for every file, so figures on unseen files are honest.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .engine import assess
from .metrics import PRF, confusion, exact_and_within_one, macro_f1, per_label, quadratic_kappa
from .types import ScenarioRubric


@dataclass(frozen=True)
class Report:
    """Agreement figures for one labelled file."""

    n: int
    kappa: float
    exact: float
    within_one: float
    pitfalls: tuple[PRF, ...]
    pitfall_macro_f1: float
    matrix: tuple[tuple[int, ...], ...]


def load_labelled(path: Path) -> tuple[dict[str, str], list[Mapping[str, Any]]]:
    """(vignette id -> context, responses) from a labelled YAML file."""
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    contexts = {str(v["id"]): str(v.get("context") or "") for v in data.get("vignettes") or []}
    return contexts, list(data.get("responses") or [])


def predict(contexts: Mapping[str, str], responses: Sequence[Mapping[str, Any]]) -> list[dict]:
    """One prediction per response: id, level, score and sorted pitfalls."""
    out = []
    for r in responses:
        scenario = ScenarioRubric(context=contexts.get(str(r.get("vignette")), ""))
        a = assess(str(r["step"]), str(r["response"]), scenario=scenario)
        out.append(
            {"id": r.get("id"), "level": a.level, "score": a.score, "pitfalls": sorted(a.pitfalls)}
        )
    return out


def evaluate(
    responses: Sequence[Mapping[str, Any]], predictions: Sequence[Mapping[str, Any]]
) -> Report:
    """Compare predictions with the labels of `responses`."""
    gold = [int(r["level"]) for r in responses]
    pred = [int(p["level"]) for p in predictions]
    exact, near = exact_and_within_one(gold, pred)
    rows = per_label(
        [r.get("pitfalls") or [] for r in responses], [p["pitfalls"] for p in predictions]
    )
    return Report(
        n=len(gold),
        kappa=quadratic_kappa(gold, pred),
        exact=exact,
        within_one=near,
        pitfalls=tuple(rows),
        pitfall_macro_f1=macro_f1(rows),
        matrix=tuple(tuple(row) for row in confusion(gold, pred)),
    )


def format_report(report: Report) -> str:
    """Human-readable figures, as printed by the command line."""
    lines = [
        f"responses: {report.n}",
        f"quadratic-weighted kappa: {report.kappa:.3f}",
        f"exact agreement: {report.exact:.1%}   within one level: {report.within_one:.1%}",
        "",
        f"{'pitfall':<20}{'prec':>7}{'recall':>8}{'F1':>7}{'tp':>5}{'fp':>5}{'fn':>5}",
    ]
    for r in report.pitfalls:
        lines.append(
            f"{r.name:<20}{r.precision:>7.2f}{r.recall:>8.2f}{r.f1:>7.2f}{r.tp:>5}{r.fp:>5}{r.fn:>5}"
        )
    lines += [
        f"pitfall macro-F1: {report.pitfall_macro_f1:.3f}",
        "",
        "confusion (rows human, columns engine):",
    ]
    lines.append("      " + "".join(f"{j:>5}" for j in range(len(report.matrix))))
    for i, row in enumerate(report.matrix):
        lines.append(f"  {i:>3} " + "".join(f"{c:>5}" for c in row))
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m ruptures.rubric.evaluate", description=__doc__.split("\n")[0]
    )
    parser.add_argument("file", type=Path, help="labelled responses (YAML)")
    parser.add_argument("--predictions", type=Path, help="write one JSON object per response here")
    args = parser.parse_args(argv)
    contexts, responses = load_labelled(args.file)
    predictions = predict(contexts, responses)
    if args.predictions:
        with args.predictions.open("w", encoding="utf-8") as out:
            for p in predictions:
                out.write(json.dumps(p) + "\n")
    print(format_report(evaluate(responses, predictions)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
