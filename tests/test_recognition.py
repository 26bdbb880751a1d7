"""Scoring the recognition answer: half the points for the kind, half for the markers' F1."""

import pytest

from ruptures.recognition import score_recognition

TRUTH = ("denial", "minimal_response")


def score(said_rupture=True, said_type="withdrawal", said_markers=TRUTH, truth="withdrawal"):
    return score_recognition(
        truth=truth,
        markers=TRUTH if truth != "none" else (),
        said_rupture=said_rupture,
        said_type=said_type,
        said_markers=said_markers,
    )


@pytest.mark.parametrize(
    "said_type, said_markers, points",
    [
        ("withdrawal", TRUTH, 100),  # all right
        ("confrontation", TRUTH, 50),  # markers only
        ("withdrawal", (), 50),  # kind only
        ("withdrawal", ("denial",), 83),  # F1 2/3: 50 + 33.3
        ("withdrawal", ("denial", "minimal_response", "ultimatum"), 90),  # F1 0.8
        ("withdrawal", ("ultimatum",), 50),  # a false alarm adds nothing
        ("confrontation", ("ultimatum",), 0),
    ],
)
def test_points_for_a_rupture(said_type, said_markers, points):
    assert score(said_type=said_type, said_markers=said_markers).score == points


def test_saying_no_rupture_to_a_rupture_scores_nothing_and_ignores_ticked_markers():
    result = score(said_rupture=False, said_type="", said_markers=TRUTH)
    assert result.score == 0
    assert result.said == "none" and result.said_no_rupture
    assert result.hits == () and result.misses == TRUTH and result.false_alarms == ()


@pytest.mark.parametrize("said_rupture, points", [(False, 100), (True, 0)])
def test_a_foil_scores_all_or_nothing(said_rupture, points):
    result = score(
        truth="none", said_rupture=said_rupture, said_markers=("denial",) if said_rupture else ()
    )
    assert result.score == points
    assert result.foil
    assert result.kind_correct is (not said_rupture)


def test_hits_misses_false_alarms_precision_and_recall():
    result = score(said_markers=("denial", "ultimatum"))
    assert (result.hits, result.misses, result.false_alarms) == (
        ("denial",),
        ("minimal_response",),
        ("ultimatum",),
    )
    assert (result.precision, result.recall) == (0.5, 0.5)


def test_without_markers_precision_is_unknown_not_zero():
    assert score(said_markers=()).precision is None
