"""Agreement on the independently written held-out set and the question-kind set.

Neither set was used to write a rule (vignettes h6-h10 were not even used to tune),
so these figures estimate how the engine does on new material. The thresholds are
the figures reached with engine 1.1 minus a small margin: kappa 0.859, exact 75.0%,
within one 97.5%, pitfall macro-F1 0.660, question kinds 80/80.
"""

from pathlib import Path

import yaml

from ruptures.rubric import evaluate as ev
from ruptures.rubric import question_kind

DATA = Path(__file__).resolve().parent / "data"


def test_holdout_agreement_stays_at_its_measured_level():
    contexts, responses = ev.load_labelled(DATA / "holdout.yaml")
    report = ev.evaluate(responses, ev.predict(contexts, responses))
    assert report.n == 120
    assert report.kappa >= 0.83, ev.format_report(report)
    assert report.exact >= 0.72, ev.format_report(report)
    assert report.within_one >= 0.95, ev.format_report(report)
    assert report.pitfall_macro_f1 >= 0.63, ev.format_report(report)


def test_question_kinds_are_classified_as_labelled():
    items = yaml.safe_load((DATA / "question_kinds.yaml").read_text(encoding="utf-8"))
    wrong = [
        (item["text"], item["kind"], question_kind(item["text"]))
        for item in items
        if question_kind(item["text"])
        != (None if item["kind"] in (None, "none") else item["kind"])
    ]
    assert len(wrong) <= 2, wrong
