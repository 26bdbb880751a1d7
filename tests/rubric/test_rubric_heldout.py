"""The engine on writers it was never trained on, the newest of them never tuned on.

Every writer set answers the same 52 vignettes as the training corpus's nine
writers, and none is ever trained on (`ruptures/rubric/report.py` WRITER_SETS,
`labelled/README.md`). The newest set is written and labelled after an engine
version is built and scored once: it is the honest test. An older set whose
errors were read to find a later version's fixes is a development set from then
on; it still guards against regressions. The issue's targets: quadratic kappa
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
    # w32 (a head teacher retraining: takes charge, explains the rules, jollies along)
    # and w33 (a bilingual Spanish social worker: literal idiom, quick family
    # interpretations, warm advice), written after engine 2.11 was built and scored
    # once with it, a second test of that version: kappa 0.888, within one 97.3% (met);
    # pitfall F1 0.743 (missed); harmful rated strong 1, strong rated harmful 1,
    # "yes, but" above weak 1 of 16 (targets 0: missed).
    WriterSet(
        "heldout-w32-w33.yaml",
        frozenset({"w32", "w33"}),
        520,
        pitfall_f1=0.74,
        harmful_as_strong=1,
        strong_as_harmful=1,
        yes_but_above_weak=1,
    ),
    # w30 (a journalist retraining: chases the real story, pins down details) and w31 (a
    # dementia-care worker retraining: soothes, redirects, gently tells), written after
    # engine 2.11 was built and scored once: kappa 0.897, within one 98.3%, no harmful
    # answer rated strong and no strong answer rated harmful (met); pitfall F1 0.728
    # (target 0.75: missed); "yes, but" above weak 1 of 17 (target 0: missed).
    WriterSet(
        "heldout-w30-w31.yaml",
        frozenset({"w30", "w31"}),
        520,
        pitfall_f1=0.72,
        yes_but_above_weak=1,
    ),
    # w28 (a meditation teacher) and w29 (plain, literal English), written after 2.10 and
    # scored once with it: kappa 0.829, F1 0.741, 4 and 3 swaps, "yes, but" 1 of 16;
    # 2.11's fixes were found in their errors (2.11: 0.879, within one 98.3%, F1 0.771,
    # 3 and 0, "yes, but" 0 of 16).
    WriterSet("heldout-w28-w29.yaml", frozenset({"w28", "w29"}), 520, harmful_as_strong=3),
    # w26 (a psychiatry registrar) and w27 (a retired midwife), written after 2.9 and
    # scored once with it: kappa 0.885, F1 0.757, 1 and 1 swaps; 2.10's fixes were found
    # in their errors (2.11: 0.906, within one 98.8%, F1 0.775, 0 and 1).
    WriterSet("heldout-w26-w27.yaml", frozenset({"w26", "w27"}), 520, strong_as_harmful=1),
    # w24 (an addictions worker in recovery) and w25 (an actor turned drama therapist),
    # written after 2.8 and scored once with it: kappa 0.863, F1 0.723, 3 and 2 swaps,
    # "yes, but" 1 of 20; 2.9's fixes were found in their errors (2.11: 0.903, within one
    # 98.3%, F1 0.753, 1 and 1, "yes, but" 0 of 20).
    WriterSet(
        "heldout-w24-w25.yaml",
        frozenset({"w24", "w25"}),
        520,
        kappa=0.89,
        harmful_as_strong=1,
        strong_as_harmful=1,
    ),
    # w22 (a sales manager retraining) and w23 (a police detective retraining), written
    # after 2.7 and scored once with it: kappa 0.874, 3 and 3 swaps; 2.8's fixes were
    # found in their errors (2.11: 0.917, within one 99.0%, F1 0.788, 1 and 0).
    WriterSet("heldout-w22-w23.yaml", frozenset({"w22", "w23"}), 520, harmful_as_strong=1),
    # w20 (a solicitor turned trainee) and w21 (a 22-year-old who grew up online),
    # written after 2.6 and scored once with it: kappa 0.885, 3 and 1 swaps, "yes, but"
    # 1 of 15; 2.7's fixes were found in their errors (2.11: 0.934, within one 99.2%,
    # F1 0.816, no swaps, "yes, but" 0 of 15).
    WriterSet("heldout-w20-w21.yaml", frozenset({"w20", "w21"}), 520, kappa=0.92),
    # w18 (a social-work student) and w19 (an ACT psychologist), written after 2.5 and
    # scored once with it: kappa 0.915, 1 harmful rated strong, no other swap; 2.6's
    # fixes were found in their errors (2.11: 0.916, within one 98.7%, F1 0.789, 1 and 0).
    WriterSet("heldout-w18-w19.yaml", frozenset({"w18", "w19"}), 520, harmful_as_strong=1),
    # w16 (a lay chaplain turned counsellor) and w17 (an emergency nurse), written after
    # 2.4 and scored once with it: kappa 0.905, 3 harmful rated strong; 2.5's fixes came
    # from their errors (2.11: kappa 0.932, no swaps).
    WriterSet("heldout-w16-w17.yaml", frozenset({"w16", "w17"}), 520, kappa=0.90),
    # w14 (a teacher turned counsellor) and w15 (dictated answers), written after 2.3
    # (scored once: kappa 0.871, 1 and 5 swaps); 2.4's fixes came from their errors.
    WriterSet("heldout-fresh.yaml", frozenset({"w14", "w15"}), 520, kappa=0.90),
    # w4 (a non-native speaker), held out from the start and scored with every version;
    # its errors were first read for 2.5 (2.11: kappa 0.865, within one 96.9%, F1 0.796,
    # 2 strong rated harmful; 2.4: 3). No "yes, but" above weak.
    WriterSet("heldout-w4.yaml", frozenset({"w4"}), 260, strong_as_harmful=2),
    # w11 (a second bad-faith tester), w12 (a GP) and w13 (a systemic trainee), written
    # after the model was first trained; errors first read for 2.5 (2.11: kappa 0.870,
    # within one 97.4%, F1 0.748, 4 and 2 swaps, "yes, but" 0 of 34 above weak; 2.4:
    # 0.854, 6 and 3, 1 of 34).
    WriterSet(
        "heldout-later.yaml",
        frozenset({"w11", "w12", "w13"}),
        780,
        pitfall_f1=0.73,
        harmful_as_strong=4,
        strong_as_harmful=2,
    ),
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
