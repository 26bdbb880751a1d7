"""Acceptance tests for the real library in `scenarios/`.

The first tests check that every file there is valid. The coverage tests
check that the library as a whole covers what trainees need; they count
from the files and fail until the content is complete.
"""

from __future__ import annotations

import functools
import re
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


def test_no_two_clients_share_a_name_nor_does_anyone_else_in_a_transcript():
    clients = Counter(spec.client.name for spec in library().scenarios)
    others = {
        turn.speaker
        for spec in library().scenarios
        for turn in spec.transcript
        if turn.speaker not in ("client", "therapist")
    }

    assert [name for name, n in clients.items() if n > 1] == []
    assert sorted(others & set(clients)) == []


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("’", "'"))


def test_no_two_titles_read_alike():
    titles = Counter(
        " ".join(w for w in _words(s.title) if w not in ("a", "the")) for s in library().scenarios
    )

    assert [title for title, n in titles.items() if n > 1] == []


@pytest.mark.parametrize("spec", library().scenarios, ids=lambda spec: spec.slug)
def test_a_title_gives_no_rupture_kind_away(spec):
    """No kind or marker named, and no words quoted from a turn that carries a marker."""
    title = " ".join(_words(spec.title))
    named = ["withdrawal", "confrontation", "rupture"] + [
        " ".join(_words(marker.label)) for marker in default_catalogue().markers
    ]
    marked = [" ".join(_words(turn.text)) for turn in spec.transcript if turn.markers]
    words = title.split()
    quoted = [
        " ".join(words[i : i + 3])
        for i in range(len(words) - 2)
        if any(" ".join(words[i : i + 3]) in turn for turn in marked)
    ]

    assert [name for name in named if name in title] == []
    assert quoted == [], f"{spec.title!r} quotes the rupture itself"
