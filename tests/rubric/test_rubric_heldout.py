"""The engine on the held-out writer (w4): answers it was never trained or tuned on.

Writer w4 (a non-native English speaker) answered the same 52 vignettes as the
corpus's nine writers; `heldout-w4.yaml` is never trained on, and is scored only
to report these figures, never to choose a setting. The issue's targets:
quadratic kappa >= 0.85, within one >= 95%, pitfall macro-F1 >= 0.75, no harmful
answer rated strong and no strong answer rated harmful; adversarial answers (word
lists, "yes, but") never above weak. Where the engine falls short of a target the
test holds it to its measured figure minus a small margin, so a regression fails
(the measured figures are in ruptures/rubric/report.json; the README says which
targets are not met).
"""

import pytest

from ruptures.rubric import evaluate as ev
from ruptures.rubric.corpus import REPO, load_items

HELDOUT = REPO / "ruptures" / "rubric" / "labelled" / "heldout-w4.yaml"

# target, or the measured figure minus a margin where the target was not reached.
# Engine 2.4 (2.3 plus: reported words are not advice, "you have shown" is not an
# order, an owned "I know I cancelled" is no yes-but, unpunctuated wh-questions; fixes
# found in w14-w15's errors and checked on grouped CV) measured: kappa 0.856, within
# one 96.9%, pitfall macro-F1 0.787, harmful rated strong 0 (all met), strong rated
# harmful 3 (target 0: missed). Engine 2.3: 0.852, 96.5%, 0.793, 0 and 3; 2.2: 0.854,
# 96.5%, 0.789, 0 and 3; 2.1 on nine writers: 0.843, 95.4%, 0.783.
KAPPA = 0.85
WITHIN_ONE = 0.95
PITFALL_F1 = 0.75
HARMFUL_AS_STRONG = 0
STRONG_AS_HARMFUL = 3


def scored(path):
    """(items, the committed engine's predictions, the agreement report) for a labelled file."""
    contexts, responses = ev.load_labelled(path)
    predictions = ev.predict(contexts, responses)
    return load_items(path), predictions, ev.evaluate(responses, predictions)


@pytest.fixture(scope="module")
def heldout():
    return scored(HELDOUT)


def assert_floors(report, kappa, within_one, pitfall_f1):
    assert report.kappa >= kappa, ev.format_report(report)
    assert report.within_one >= within_one, ev.format_report(report)
    assert report.pitfall_macro_f1 >= pitfall_f1, ev.format_report(report)


def assert_swaps(report, harmful_as_strong, strong_as_harmful):
    assert report.matrix[0][3] <= harmful_as_strong, ev.format_report(report)
    assert report.matrix[3][0] <= strong_as_harmful, ev.format_report(report)


def test_heldout_writer_agreement_meets_its_floor(heldout):
    _, _, report = heldout
    assert report.n == 260
    assert_floors(report, KAPPA, WITHIN_ONE, PITFALL_F1)


def test_heldout_writer_harmful_and_strong_are_not_swapped(heldout):
    _, _, report = heldout
    assert_swaps(report, HARMFUL_AS_STRONG, STRONG_AS_HARMFUL)


@pytest.mark.parametrize("tag", ["word_list", "yes_but"])
def test_heldout_adversarial_answers_are_never_above_weak(heldout, tag):
    items, predictions, _ = heldout
    levels = [p["level"] for i, p in zip(items, predictions, strict=True) if tag in i.tags]
    assert levels and max(levels) <= 1, levels


# Writers w11-w13 (a second bad-faith tester, a GP on a counselling course, a
# systemic trainee) wrote after the model was trained; they are never trained or
# tuned on either. Engine 2.4 measured: kappa 0.854, within one 96.8%, pitfall
# macro-F1 0.742, harmful rated strong 6 and strong rated harmful 3 of 780 (targets
# 0: missed), "yes, but" above weak 1 of 34 (target 0: missed), word lists 0 of 12.
# (Engine 2.3: 0.850, 6 and 4, "yes, but" 2; 2.2: 0.840, 7 and 4; 2.1: 0.836, 8 and 4.)
LATER = REPO / "ruptures" / "rubric" / "labelled" / "heldout-later.yaml"
LATER_FLOORS = {"kappa": 0.84, "within_one": 0.96, "pitfall_f1": 0.72}
LATER_SWAPS = {"harmful_as_strong": 6, "strong_as_harmful": 3}
LATER_ABOVE_WEAK = {"word_list": 0, "yes_but": 1}


@pytest.fixture(scope="module")
def later():
    return scored(LATER)


def test_later_writers_agreement_meets_its_floor(later):
    items, _, report = later
    assert report.n == 780
    assert {i.writer for i in items} == {"w11", "w12", "w13"}
    assert_floors(report, **LATER_FLOORS)
    assert_swaps(report, **LATER_SWAPS)


@pytest.mark.parametrize("tag", sorted(LATER_ABOVE_WEAK))
def test_later_writers_adversarial_answers_stay_weak(later, tag):
    items, predictions, _ = later
    levels = [p["level"] for i, p in zip(items, predictions, strict=True) if tag in i.tags]
    assert levels and sum(level >= 2 for level in levels) <= LATER_ABOVE_WEAK[tag], levels


# Writers w14 (a teacher turned counsellor: explains, reassures, leans on "the course")
# and w15 (dictated answers: run-on, fillers, misheard words) wrote and were labelled
# after engine 2.3 was built, and were scored once with it: kappa 0.871, within one
# 97.1%, pitfall macro-F1 0.769, harmful rated strong 1, strong rated harmful 5 of 520,
# "yes, but" above weak 1 of 16. Engine 2.4's fixes were found in those errors, so
# from 2.4 on this is a development set (never trained on): engine 2.4 measures
# kappa 0.919, within one 98.8%, F1 0.784, no swaps, no "yes, but" above weak.
FRESH = REPO / "ruptures" / "rubric" / "labelled" / "heldout-fresh.yaml"
FRESH_SWAPS = {"harmful_as_strong": 0, "strong_as_harmful": 0}
FRESH_ABOVE_WEAK = {"word_list": 0, "yes_but": 0}


@pytest.fixture(scope="module")
def fresh():
    return scored(FRESH)


def test_fresh_writers_agreement_meets_the_targets(fresh):
    items, _, report = fresh
    assert report.n == 520
    assert {i.writer for i in items} == {"w14", "w15"}
    assert_floors(report, KAPPA, WITHIN_ONE, PITFALL_F1)
    assert_swaps(report, **FRESH_SWAPS)


@pytest.mark.parametrize("tag", sorted(FRESH_ABOVE_WEAK))
def test_fresh_writers_adversarial_answers_stay_weak(fresh, tag):
    items, predictions, _ = fresh
    levels = [p["level"] for i, p in zip(items, predictions, strict=True) if tag in i.tags]
    assert levels and sum(level >= 2 for level in levels) <= FRESH_ABOVE_WEAK[tag], levels


# Writers w16 (pastoral care turned counsellor: comforts, counsels, apologises readily)
# and w17 (an emergency nurse: brisk, practical, falls back on rules and instructions)
# wrote and were labelled after engine 2.4 was built; the set was scored once, to
# report. Engine 2.4 measured: kappa 0.905, within one 97.7%, pitfall macro-F1 0.767,
# strong rated harmful 0, "yes, but" above weak 0 of 17, word lists 0 of 8 (all met);
# harmful rated strong 3 of 520 (target 0: missed).
NEWEST = REPO / "ruptures" / "rubric" / "labelled" / "heldout-w16-w17.yaml"


@pytest.fixture(scope="module")
def newest():
    return scored(NEWEST)


def test_newest_writers_agreement_meets_the_targets(newest):
    items, _, report = newest
    assert report.n == 520
    assert {i.writer for i in items} == {"w16", "w17"}
    assert_floors(report, KAPPA, WITHIN_ONE, PITFALL_F1)
    assert_swaps(report, harmful_as_strong=3, strong_as_harmful=0)


@pytest.mark.parametrize("tag", ["word_list", "yes_but"])
def test_newest_writers_adversarial_answers_are_never_above_weak(newest, tag):
    items, predictions, _ = newest
    levels = [p["level"] for i, p in zip(items, predictions, strict=True) if tag in i.tags]
    assert levels and max(levels) <= 1, levels
