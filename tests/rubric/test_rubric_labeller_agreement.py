"""The labellers' agreement figures: computed from the labelled files, never typed."""

import json

import pytest

from ruptures.rubric.labeller_agreement import FILES, LABELLED, agreement, build, cohen_kappa


def rows(pairs):
    return [
        {
            "writer_label": {"level": a[0], "pitfalls": a[1]},
            "labeller_label": {"level": b[0], "pitfalls": b[1]},
        }
        for a, b in pairs
    ]


def test_cohen_kappa_of_known_tables():
    # 2x2 table [[20, 5], [10, 15]]: observed 0.7, expected 0.5 -> 0.4.
    a = [True] * 25 + [False] * 25
    b = [True] * 20 + [False] * 5 + [True] * 10 + [False] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)
    assert cohen_kappa([True, False], [True, False]) == 1.0
    assert cohen_kappa([True, False], [False, True]) == pytest.approx(-1.0)
    assert cohen_kappa([False, False], [False, False]) == 1.0  # never used by either


def test_agreement_counts_levels_and_pitfall_sets():
    figures = agreement(
        rows(
            [
                ((3, []), (3, [])),
                ((1, ["defensive"]), (0, ["defensive", "blaming"])),
                ((2, []), (2, [])),
                ((0, ["blaming"]), (0, ["blaming"])),
            ]
        )
    )
    assert figures["n"] == 4
    assert figures["exact"] == 0.75
    assert figures["within_one"] == 1.0
    assert figures["pitfall_sets_equal"] == 0.75
    assert figures["pitfall_kappa"]["defensive"] == 1.0
    assert figures["pitfall_kappa"]["blaming"] == pytest.approx(0.5)
    assert 0.9 < figures["qwk"] < 1.0


def test_committed_agreement_is_what_the_labelled_files_give():
    committed = json.loads((LABELLED / "agreement.json").read_text(encoding="utf-8"))
    assert committed == build([LABELLED / name for name in FILES]), (
        "agreement.json is stale: run python -m ruptures.rubric.labeller_agreement"
    )
    assert committed["n"] >= 1500
    assert len(committed["per_writer"]) >= 6
