"""The engine on writers it was never trained or tuned on.

Every writer set answers the same 52 vignettes as the training corpus, and none
is trained on while it is held out (`ruptures/rubric/corpus.py` WRITER_SETS,
`labelled/README.md`). The newest set is written and labelled while or after an
engine version is built and scored once: it is the honest test. A set whose
errors were read to find a later version's fixes stops measuring the engine;
since engine 2.12 such sets are trained on (`corpus.TRAINED_SETS`) and leave
this table, and grouped cross-validation measures them. The issue's targets: quadratic kappa
>= 0.85, within one >= 95%, pitfall macro-F1 >= 0.75, no harmful answer rated
strong and no strong answer rated harmful; adversarial answers (word lists,
"yes, but") never above weak. Where a set falls short of a target it is held to
its measured figure (minus a small margin for the agreement figures), so a
regression fails; ruptures/rubric/report.json has the figures and the README
says which targets are missed.
"""

from dataclasses import dataclass

import pytest

from ruptures.rubric import evaluate as ev
from ruptures.rubric.corpus import REPO, WRITER_SETS, load_items

LABELLED = REPO / "ruptures" / "rubric" / "labelled"
KAPPA, WITHIN_ONE, PITFALL_F1 = 0.85, 0.95, 0.75  # the targets


@dataclass(frozen=True)
class WriterSet:
    file: str
    writers: frozenset[str]
    n: int
    kappa: float = KAPPA
    within_one: float = WITHIN_ONE
    pitfall_f1: float = PITFALL_F1
    harmful_as_strong: int = 0
    strong_as_harmful: int = 0
    yes_but_above_weak: int = 0


SETS = [
    # w52 (a GP-surgery receptionist from Birmingham: procedures, "you should've rung
    # earlier", moving things along) and w53 (a clinical-psychology trainee from Seoul:
    # jargon and formulations, formal apologies, closed checks), written while engine
    # 2.19 was built and scored once with it: kappa 0.952, within one 99.4%, pitfall F1
    # 0.823, no swap, "yes, but" 0 of 16 and word lists 0 of 8 above weak: every target
    # met. Earlier sets, once scored, were trained on from the next version (README.md).
    WriterSet("heldout-w52-w53.yaml", frozenset({"w52", "w53"}), 520),
]


def scored(path):
    """(items, the committed engine's predictions, the agreement report) for a labelled file."""
    contexts, responses = ev.load_labelled(path)
    predictions = ev.predict(contexts, responses)
    return load_items(path), predictions, ev.evaluate(responses, predictions)


@pytest.fixture(scope="module", params=SETS, ids=lambda s: s.file)
def writer_set(request):
    return request.param, *scored(LABELLED / request.param.file)


def test_agreement_meets_the_target_or_the_measured_floor(writer_set):
    expected, items, _, report = writer_set
    assert report.n == expected.n
    assert {i.writer for i in items} == expected.writers
    assert report.kappa >= expected.kappa, ev.format_report(report)
    assert report.within_one >= expected.within_one, ev.format_report(report)
    assert report.pitfall_macro_f1 >= expected.pitfall_f1, ev.format_report(report)


def test_harmful_and_strong_are_not_swapped(writer_set):
    expected, _, _, report = writer_set
    assert report.matrix[0][3] <= expected.harmful_as_strong, ev.format_report(report)
    assert report.matrix[3][0] <= expected.strong_as_harmful, ev.format_report(report)


def test_word_lists_are_never_above_weak(writer_set):
    _, items, predictions, _ = writer_set
    levels = [p["level"] for i, p in zip(items, predictions, strict=True) if "word_list" in i.tags]
    assert levels and max(levels) <= 1, levels


def test_yes_but_defences_stay_weak(writer_set):
    expected, items, predictions, _ = writer_set
    levels = [p["level"] for i, p in zip(items, predictions, strict=True) if "yes_but" in i.tags]
    assert levels and sum(level >= 2 for level in levels) <= expected.yes_but_above_weak, levels


def test_the_newest_set_is_the_one_never_read():
    assert WRITER_SETS[0] == (f"repo:ruptures/rubric/labelled/{SETS[0].file}", None)
    assert {name.rsplit("/", 1)[1] for name, _ in WRITER_SETS} == {s.file for s in SETS}
