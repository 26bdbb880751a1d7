"""Engine-supervisor agreement against hand-worked examples, and against scikit-learn."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from ruptures.agreement import (
    MIN_MEANINGFUL,
    Agreement,
    agreement_by_step,
    confusion_matrix,
    exact_agreement,
    quadratic_kappa,
)


def _matrix(*pairs: tuple[int, int]):
    return confusion_matrix((engine, supervisor, 1) for engine, supervisor in pairs)


def test_the_matrix_puts_the_engine_in_rows_and_the_supervisor_in_columns():
    matrix = confusion_matrix([(2, 1, 3), (2, 1, 1), (0, 3, 2)])
    assert matrix == ((0, 0, 0, 2), (0, 0, 0, 0), (0, 4, 0, 0), (0, 0, 0, 0))


def test_perfect_agreement_is_one():
    matrix = _matrix((0, 0), (1, 1), (2, 2), (3, 3), (2, 2))
    assert exact_agreement(matrix) == 1
    assert quadratic_kappa(matrix) == 1


def test_agreement_at_chance_is_zero():
    # Every cell once: each rater's level tells nothing about the other's.
    matrix = confusion_matrix((i, j, 1) for i in range(4) for j in range(4))
    assert exact_agreement(matrix) == 0.25
    assert quadratic_kappa(matrix) == pytest.approx(0)


def test_nothing_reviewed_gives_no_figures():
    matrix = confusion_matrix([])
    assert matrix == ((0,) * 4,) * 4
    assert exact_agreement(matrix) is None
    assert quadratic_kappa(matrix) is None
    assert Agreement(matrix).n == 0 and not Agreement(matrix).meaningful


def test_a_hand_worked_example():
    # Rows (engine) 1, 2, 2, 3; columns (supervisor) 1, 2, 3, 3. Weights (i-j)^2/9.
    # Observed: one disagreement by one level: 1/9 over 4 steps = 1/36.
    # Expected from the margins (engine 0,1,2,1; supervisor 0,1,1,2), over 16:
    # (1*1*1 + 1*2*4 + 2*1*1 + 2*2*1 + 1*1*4 + 1*1*1) / 9 / 16 = 20/144 = 5/36.
    # Kappa = 1 - (1/36) / (5/36) = 0.8.
    matrix = _matrix((1, 1), (2, 2), (2, 3), (3, 3))
    assert exact_agreement(matrix) == 0.75
    assert quadratic_kappa(matrix) == pytest.approx(0.8)


def test_systematic_opposite_levels_are_worse_than_chance():
    assert quadratic_kappa(_matrix((0, 3), (3, 0))) == pytest.approx(-1)


def test_kappa_is_undefined_when_both_only_ever_used_one_level():
    assert quadratic_kappa(_matrix((2, 2), (2, 2))) is None


def test_figures_become_meaningful_at_twenty_reviewed_steps():
    assert MIN_MEANINGFUL == 20
    assert not Agreement(confusion_matrix([(2, 2, 19)])).meaningful
    assert Agreement(confusion_matrix([(2, 2, 19), (1, 2, 1)])).meaningful


def test_agreement_by_step_sums_to_the_overall_figures():
    rows = [("notice", 2, 2, 3), ("notice", 1, 2, 1), ("invite", 3, 3, 2)]
    overall, by_step = agreement_by_step(rows, ["notice", "invite", "validate"])
    assert overall.n == 6 and overall.exact == pytest.approx(5 / 6)
    assert by_step["notice"].n == 4 and by_step["notice"].exact == 0.75
    assert by_step["invite"].kappa is None  # one level only
    assert by_step["validate"].n == 0 and by_step["validate"].exact is None


levels = st.integers(min_value=0, max_value=3)


@pytest.mark.filterwarnings("ignore::sklearn.exceptions.UndefinedMetricWarning")
@settings(deadline=None, max_examples=200)
@given(st.lists(st.tuples(levels, levels), min_size=1, max_size=60))
def test_kappa_matches_scikit_learn(pairs):
    ours = quadratic_kappa(_matrix(*pairs))
    engine, supervisor = zip(*pairs, strict=True)
    theirs = cohen_kappa_score(engine, supervisor, weights="quadratic", labels=[0, 1, 2, 3])
    if ours is None:
        assert theirs != theirs  # NaN: undefined there too
    else:
        assert ours == pytest.approx(theirs)
