"""Export and versioning: dump_yaml reads back equal, and content_hash tracks content."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from ruptures.library import (
    STEPS,
    ScenarioSpec,
    dump_yaml,
    load_file,
    parse_scenario,
    parse_text,
)

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).parent / "fixtures"
FIXTURE_FILES = sorted(FIXTURES.rglob("*.yaml"))
SCENARIO_FILES = sorted((ROOT / "scenarios").rglob("*.yaml"))
RUPTURE = FIXTURES / "withdrawal" / "quiet-after-the-holiday.yaml"
FOIL = FIXTURES / "none" / "running-late-by-train.yaml"


def with_exemplar(spec: ScenarioSpec, text: str) -> ScenarioSpec:
    """`spec` with the first exemplar of its first step replaced by `text`."""
    first, *rest = spec.steps
    first = dataclasses.replace(first, exemplars=(text, *first.exemplars[1:]))
    return dataclasses.replace(spec, steps=(first, *rest))


def file_id(path: Path) -> str:
    return path.name


@pytest.mark.parametrize("path", FIXTURE_FILES + SCENARIO_FILES, ids=file_id)
def test_dump_yaml_reads_back_equal(path):
    spec = load_file(path)

    again = parse_text(dump_yaml(spec), source="dumped.yaml")

    assert again == spec
    assert again.content_hash() == spec.content_hash()


@pytest.mark.parametrize("path", FIXTURE_FILES + SCENARIO_FILES, ids=file_id)
def test_to_dict_stored_as_json_parses_back_equal(path):
    # The database keeps to_dict() in a JSON field and re-validates it on export.
    spec = load_file(path)

    stored = json.loads(json.dumps(spec.to_dict()))

    assert parse_scenario(stored, source="db") == spec


def test_dump_yaml_is_block_style_in_readme_order():
    text = dump_yaml(load_file(RUPTURE))

    data = yaml.safe_load(text)
    assert list(data) == [
        "slug",
        "title",
        "status",
        "rupture_type",
        "markers",
        "difficulty",
        "setting",
        "themes",
        "client",
        "context",
        "transcript",
        "steps",
    ]
    assert list(data["client"]) == ["name", "age", "presenting_concern", "attachment_style"]
    assert list(data["steps"]) == list(STEPS)
    assert list(data["steps"]["notice"]) == ["prompt", "exemplars", "counterexamples", "criteria"]
    assert "{" not in text
    assert "  - denial\n" in text


def test_to_dict_leaves_out_empty_optional_fields():
    foil = load_file(FOIL).to_dict()
    rupture = load_file(RUPTURE).to_dict()

    assert "steps" not in foil
    assert "themes" not in foil
    assert foil["markers"] == []
    assert "why_no_rupture" not in rupture
    assert rupture["transcript"][0] == {
        "speaker": "therapist",
        "text": "It's good to see you again. How have the last two weeks been?",
    }


def test_multiline_text_is_dumped_as_a_literal_block_and_reads_back():
    spec = dataclasses.replace(load_file(FOIL), context="First line.\nSecond line.")

    text = dump_yaml(spec)

    assert "context: |-\n  First line.\n  Second line.\n" in text
    assert parse_text(text, source="x.yaml") == spec


def test_content_hash_is_a_stable_sha256_hex():
    spec = load_file(RUPTURE)

    digest = spec.content_hash()

    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert digest == load_file(RUPTURE).content_hash()


def test_content_hash_changes_when_one_exemplar_changes():
    spec = load_file(RUPTURE)

    changed = with_exemplar(spec, spec.steps[0].exemplars[0] + " Just slightly.")

    assert changed.content_hash() != spec.content_hash()
    assert changed.rubric().version != spec.rubric().version


def test_the_status_is_written_out_but_is_not_content():
    spec = load_file(RUPTURE)
    draft = dataclasses.replace(spec, status="draft")

    assert "\nstatus: draft\n" in dump_yaml(draft)
    assert parse_text(dump_yaml(draft), source="x.yaml").status == "draft"
    assert "status" not in draft.to_dict()
    assert draft.content_hash() == spec.content_hash()


def test_content_hash_ignores_yaml_layout():
    text = RUPTURE.read_text(encoding="utf-8")
    relaid = "# a new comment\n" + text.replace(
        "markers: [denial, minimal_response]", ("markers:\n  - denial\n  - minimal_response")
    )

    assert parse_text(relaid, source="x").content_hash() == load_file(RUPTURE).content_hash()


# Every character YAML can carry: it cannot hold most C0 controls or surrogates.
yaml_text = (
    st.text(
        st.characters(
            blacklist_categories=("Cs",),
            blacklist_characters="".join(map(chr, [*range(0, 9), 11, 12, *range(14, 32), 127])),
        ),
        min_size=1,
        max_size=200,
    )
    .map(str.strip)
    .filter(bool)
)


# No deadline: a round trip parses a whole scenario, and a busy machine
# must not turn a slow example into a failure.
@settings(deadline=None)
@given(text=yaml_text)
def test_any_exemplar_text_survives_the_round_trip(text):
    spec = with_exemplar(load_file(RUPTURE), text)

    assert parse_text(dump_yaml(spec), source="x.yaml") == spec


def test_rubric_carries_context_criteria_exemplars_and_version():
    spec = load_file(RUPTURE)

    rubric = spec.rubric()

    assert rubric.context.startswith(spec.context)
    for turn in spec.transcript:
        assert turn.text in rubric.context
    assert "arms folded, short laugh" in rubric.context
    assert tuple(rubric.criteria) == STEPS
    assert rubric.criteria["negotiate"] == spec.step("negotiate").criteria
    assert rubric.exemplars["invite"] == spec.step("invite").exemplars
    assert rubric.version == spec.content_hash()[:12]


def test_foil_rubric_has_context_but_no_step_content():
    rubric = load_file(FOIL).rubric()

    assert "the train sat outside the station" in rubric.context
    assert dict(rubric.criteria) == {}
    assert dict(rubric.exemplars) == {}


def test_vignette_text_shows_context_then_one_turn_a_line():
    spec = load_file(RUPTURE)

    lines = spec.vignette_text().splitlines()

    assert lines[0] == spec.context
    assert lines[3] == "Client: [looks at the floor] Fine."
    assert len(lines) == 2 + len(spec.transcript)


@settings(deadline=None)
@given(text=yaml_text)
def test_any_context_text_survives_the_round_trip(text):
    # Context is where multi-line text (dumped as a literal block) is likeliest.
    spec = dataclasses.replace(load_file(FOIL), context=text)

    assert parse_text(dump_yaml(spec), source="x.yaml") == spec
