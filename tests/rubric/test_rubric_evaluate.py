"""The evaluator: metric arithmetic, the command line, and the dev-set targets."""

import json
from pathlib import Path

import pytest

from ruptures.rubric import evaluate as ev
from ruptures.rubric.metrics import PRF, confusion, exact_and_within_one, quadratic_kappa

REPO = Path(__file__).resolve().parents[2]
DEVSET = REPO / ".." / "shared" / "data" / "rubric-devset.yaml"

SMALL = """
vignettes:
  - id: v1
    context: "Jo said the therapist kept checking the clock."
responses:
  - {id: r1, vignette: v1, step: invite, response: "Did I upset you?", level: 1,
     pitfalls: [closed_question]}
  - {id: r2, vignette: nope, step: negotiate, response: "You should just try harder.",
     level: 0, pitfalls: [advice]}
"""


def test_quadratic_kappa_known_values():
    assert quadratic_kappa([0, 1, 2, 3], [0, 1, 2, 3]) == pytest.approx(1.0)
    assert quadratic_kappa([0, 1, 2, 3], [3, 2, 1, 0]) == pytest.approx(-1.0)
    # by hand: observed weighted disagreement 1/9, expected 20/9, so 1 - 1/20
    gold, pred = [0, 0, 1, 1, 2, 2, 3, 3], [0, 0, 1, 2, 2, 2, 3, 3]
    assert quadratic_kappa(gold, pred) == pytest.approx(0.95)


def test_accuracy_confusion_and_prf():
    assert exact_and_within_one([0, 1, 3], [0, 2, 1]) == (
        pytest.approx(1 / 3),
        pytest.approx(2 / 3),
    )
    assert confusion([0, 3], [1, 3])[0][1] == 1
    row = PRF("advice", tp=2, fp=1, fn=1)
    assert (row.precision, row.recall, row.f1) == (pytest.approx(2 / 3),) * 3


def test_cli_writes_predictions_and_prints_report(tmp_path, capsys):
    data = tmp_path / "labelled.yaml"
    data.write_text(SMALL, encoding="utf-8")
    out = tmp_path / "pred.jsonl"
    assert ev.main([str(data), "--predictions", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text().splitlines()]
    assert [r["id"] for r in rows] == ["r1", "r2"]
    assert set(rows[0]) == {"id", "level", "score", "pitfalls"}
    assert rows[0]["pitfalls"] == sorted(rows[0]["pitfalls"])
    printed = capsys.readouterr().out
    for label in ("kappa", "within one", "macro-F1", "confusion"):
        assert label in printed


@pytest.mark.skipif(not DEVSET.exists(), reason=f"dev set not found at {DEVSET}")
def test_dev_set_meets_the_targets():
    contexts, responses = ev.load_labelled(DEVSET)
    report = ev.evaluate(responses, ev.predict(contexts, responses))
    assert report.n >= 100
    assert report.kappa >= 0.80, ev.format_report(report)
    assert report.within_one >= 0.95, ev.format_report(report)
    assert report.pitfall_macro_f1 >= 0.75, ev.format_report(report)
