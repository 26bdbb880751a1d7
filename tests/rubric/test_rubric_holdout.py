"""Agreement on answers the model was not trained on, and on the question-kind set.

The shipped model trains on the dev set, the held-out set and the trap fixtures,
so the held-out figures here come from a split: a model trained on the dev set
and the traps only, then applied to the 120 held-out answers (vignettes h1-h10,
never seen in training). Engine 1.1's figures on this set (its rules tuned on
the dev set) were kappa 0.859, exact 75.0%, within one 97.5%, pitfall macro-F1
0.660. Engine 2.0 measured kappa 0.827, exact 71.7%, within one 95.8%, macro-F1
0.588 with 252 training answers: the set is small and written in the dev set's
own style; the thresholds are those figures minus a small margin. Phase B's
corpus (1,500+ answers, seven writers) replaces this with grouped
cross-validation.
"""

from pathlib import Path

import pytest
import yaml

from ruptures.rubric import evaluate as ev
from ruptures.rubric import question_kind
from ruptures.rubric.corpus import load_items, resolve
from ruptures.rubric.model import model_from_data

DATA = Path(__file__).resolve().parent / "data"


def test_holdout_agreement_when_not_trained_on_it():
    pytest.importorskip("sklearn")
    from ruptures.rubric.train import fit

    try:
        items = load_items(resolve("shared:data/rubric-devset.yaml"))
    except FileNotFoundError as exc:
        pytest.skip(str(exc))
    items += load_items(DATA / "traps.yaml")
    model = model_from_data(fit(items))
    contexts, responses = ev.load_labelled(DATA / "holdout.yaml")
    report = ev.evaluate(responses, ev.predict(contexts, responses, model=model))
    assert report.n == 120
    assert report.kappa >= 0.80, ev.format_report(report)
    assert report.exact >= 0.68, ev.format_report(report)
    assert report.within_one >= 0.94, ev.format_report(report)
    assert report.pitfall_macro_f1 >= 0.55, ev.format_report(report)


def test_question_kinds_are_classified_as_labelled():
    items = yaml.safe_load((DATA / "question_kinds.yaml").read_text(encoding="utf-8"))
    wrong = [
        (item["text"], item["kind"], question_kind(item["text"]))
        for item in items
        if question_kind(item["text"])
        != (None if item["kind"] in (None, "none") else item["kind"])
    ]
    assert len(wrong) <= 2, wrong
