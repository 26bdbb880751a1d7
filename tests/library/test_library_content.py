"""Acceptance tests for the real library in `scenarios/`.

The first tests check that every file there is valid. The coverage tests
check that the library as a whole covers what trainees need; they count
from the files and fail until the content is complete.
"""

from __future__ import annotations

import functools
from collections import Counter
from pathlib import Path

import pytest

from ruptures.library import (
    ATTACHMENT_STYLES,
    DIFFICULTIES,
    Library,
    default_catalogue,
    load_paths,
)

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SCENARIO_FILES = sorted(path for path in SCENARIOS.rglob("*") if path.suffix in (".yaml", ".yml"))


@functools.cache
def library() -> Library:
    return load_paths([SCENARIOS])


def count_of(field: str, value: str) -> int:
    return sum(getattr(spec, field) == value for spec in library().scenarios)


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda path: path.name)
def test_scenario_file_loads_without_problems(path):
    problems = load_paths([path]).problems

    assert [str(problem) for problem in problems] == []


def test_whole_library_loads_without_problems():
    # Adds what single files cannot show: slugs used twice across files.
    assert [str(problem) for problem in library().problems] == []


def test_library_has_at_least_36_scenarios():
    found = len(library().scenarios)

    assert found >= 36, f"{found} valid scenarios in {SCENARIOS}"


@pytest.mark.parametrize(
    ("rupture_type", "least"), [("withdrawal", 14), ("confrontation", 14), ("none", 8)]
)
def test_library_has_enough_scenarios_of_each_rupture_type(rupture_type, least):
    found = count_of("rupture_type", rupture_type)

    assert found >= least, f"{found} {rupture_type} scenarios"


@pytest.mark.parametrize("kind", ["withdrawal", "confrontation"])
def test_every_catalogue_marker_is_used_by_a_scenario_of_its_kind(kind):
    used = {
        code for spec in library().scenarios if spec.rupture_type == kind for code in spec.markers
    }

    unused = [
        marker.code for marker in default_catalogue().for_kind(kind) if marker.code not in used
    ]

    assert unused == [], f"{kind} markers no {kind} scenario uses: {', '.join(unused)}"


@pytest.mark.parametrize("difficulty", DIFFICULTIES)
def test_each_difficulty_is_used_at_least_nine_times(difficulty):
    found = count_of("difficulty", difficulty)

    assert found >= 9, f"{found} {difficulty} scenarios"


def test_library_spans_at_least_five_settings():
    settings = Counter(spec.setting for spec in library().scenarios)

    assert len(settings) >= 5, dict(settings)


def test_every_attachment_style_is_present():
    present = {spec.client.attachment_style for spec in library().scenarios}

    assert [style for style in ATTACHMENT_STYLES if style not in present] == []


def test_every_transcript_has_4_to_12_turns():
    lengths = {spec.slug: len(spec.transcript) for spec in library().scenarios}

    assert {slug: n for slug, n in lengths.items() if not 4 <= n <= 12} == {}
