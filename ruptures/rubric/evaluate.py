"""Evaluate the engine against labelled responses.

    python -m ruptures.rubric.evaluate FILE.yaml [--predictions OUT.jsonl] [--report OUT.json]

FILE.yaml has `vignettes` (id, context, optionally a transcript) and
`responses` (id, vignette, step, response, level, pitfalls). Every response is
assessed the same way for every file, so figures on unseen files are honest:
with its library scenario's rubric when the vignette is a library scenario (as
the app does: a pasted exemplar is a copy), else with
`ScenarioRubric(context=<its vignette's text>)` (empty for an unknown
vignette). `--report` writes the figures as JSON (overall, per step, per
pitfall, confusion matrix) for pages that show them: never type them by hand.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .corpus import Item, load_labelled, scenario_for
from .engine import ENGINE_VERSION, assess
from .metrics import PRF, confusion, exact_and_within_one, macro_f1, per_label, quadratic_kappa
from .model import Model
from .types import STEPS

__all__ = [
    "Report",
    "as_response",
    "evaluate",
    "format_report",
    "load_labelled",
    "predict",
    "write_report",
]


@dataclass(frozen=True)
class Report:
    """Agreement figures for a set of labelled responses."""

    n: int
    kappa: float
    exact: float
    within_one: float
    pitfalls: tuple[PRF, ...]
    pitfall_macro_f1: float
    matrix: tuple[tuple[int, ...], ...]
    per_step: Mapping[str, Report] | None = None


def predict(
    contexts: Mapping[str, str],
    responses: Sequence[Mapping[str, Any]],
    model: Model | None = None,
) -> list[dict]:
    """One prediction per response: id, level, score and sorted pitfalls."""
    out = []
    for r in responses:
        scenario = scenario_for(str(r.get("vignette")), contexts.get(str(r.get("vignette")), ""))
        a = assess(str(r["step"]), str(r["response"]), scenario=scenario, model=model)
        out.append(
            {"id": r.get("id"), "level": a.level, "score": a.score, "pitfalls": sorted(a.pitfalls)}
        )
    return out


def as_response(item: Item) -> dict[str, Any]:
    """A labelled Item in the shape `evaluate` reads."""
    return {"id": item.id, "level": item.level, "pitfalls": list(item.pitfalls), "step": item.step}


def _figures(responses: Sequence[Mapping[str, Any]], predictions: Sequence[Mapping]) -> Report:
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


def evaluate(
    responses: Sequence[Mapping[str, Any]], predictions: Sequence[Mapping[str, Any]]
) -> Report:
    """Compare predictions with the labels of `responses`, overall and per step."""
    overall = _figures(responses, predictions)
    per_step = {}
    for step in STEPS:
        idx = [k for k, r in enumerate(responses) if r.get("step") == step]
        if idx:
            per_step[step] = _figures([responses[k] for k in idx], [predictions[k] for k in idx])
    return Report(**{**overall.__dict__, "per_step": per_step})


def _line(name: str, r: Report) -> str:
    return (
        f"{name:<10}{r.n:>5}{r.kappa:>8.3f}{r.exact:>8.1%}{r.within_one:>8.1%}"
        f"{r.pitfall_macro_f1:>8.3f}"
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
    lines.append(f"pitfall macro-F1: {report.pitfall_macro_f1:.3f}")
    if report.per_step:
        lines += ["", f"{'step':<10}{'n':>5}{'kappa':>8}{'exact':>8}{'±1':>8}{'pit-F1':>8}"]
        lines += [_line(step, r) for step, r in report.per_step.items()]
    lines += ["", "confusion (rows human, columns engine):"]
    lines.append("      " + "".join(f"{j:>5}" for j in range(len(report.matrix))))
    for i, row in enumerate(report.matrix):
        lines.append(f"  {i:>3} " + "".join(f"{c:>5}" for c in row))
    return "\n".join(lines)


def report_data(report: Report) -> dict[str, Any]:
    """The report as plain data (floats rounded to 4 places)."""
    data: dict[str, Any] = {
        "n": report.n,
        "kappa": round(report.kappa, 4),
        "exact": round(report.exact, 4),
        "within_one": round(report.within_one, 4),
        "pitfall_macro_f1": round(report.pitfall_macro_f1, 4),
        "pitfalls": {
            r.name: {
                "precision": round(r.precision, 4),
                "recall": round(r.recall, 4),
                "f1": round(r.f1, 4),
                "tp": r.tp,
                "fp": r.fp,
                "fn": r.fn,
            }
            for r in report.pitfalls
        },
        "confusion": [list(row) for row in report.matrix],
    }
    if report.per_step:
        data["per_step"] = {step: report_data(r) for step, r in report.per_step.items()}
    return data


def write_report(path: Path, report: Report, *, source: str) -> None:
    """Write the machine-readable report (what was measured, on what, by which engine)."""
    data = {"engine_version": ENGINE_VERSION, "source": source, **report_data(report)}
    path.write_text(json.dumps(data, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m ruptures.rubric.evaluate", description=__doc__.split("\n")[0]
    )
    parser.add_argument("file", type=Path, help="labelled responses (YAML)")
    parser.add_argument("--predictions", type=Path, help="write one JSON object per response here")
    parser.add_argument("--report", type=Path, help="write the figures as JSON here")
    args = parser.parse_args(argv)
    contexts, responses = load_labelled(args.file)
    predictions = predict(contexts, responses)
    if args.predictions:
        with args.predictions.open("w", encoding="utf-8") as out:
            for p in predictions:
                out.write(json.dumps(p) + "\n")
    report = evaluate(responses, predictions)
    print(format_report(report))
    if args.report:
        write_report(args.report, report, source=args.file.name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
