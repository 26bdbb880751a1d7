"""The marker catalogue: the shipped file reads cleanly, a malformed one is refused."""

from __future__ import annotations

import pytest

from ruptures.library import (
    CatalogueError,
    Marker,
    default_catalogue,
    load_catalogue,
    parse_catalogue,
)


def test_shipped_catalogue_has_nine_markers_of_each_kind():
    catalogue = load_catalogue()

    assert len(catalogue.for_kind("withdrawal")) == 9
    assert len(catalogue.for_kind("confrontation")) == 9
    assert catalogue.for_kind("none") == ()
    assert catalogue.codes[0] == "denial"
    assert len(set(catalogue.codes)) == len(catalogue.codes) == 18


def test_catalogue_looks_markers_up_by_code():
    marker = default_catalogue().by_code["ultimatum"]

    assert marker == Marker(
        code="ultimatum",
        kind="confrontation",
        group="control",
        label="Ultimatum",
        description="Threatens to leave or stop unless a demand is met.",
    )


def test_default_catalogue_is_read_once():
    assert default_catalogue() is default_catalogue()


def test_catalogue_can_be_read_from_another_file(tmp_path):
    path = tmp_path / "markers.yaml"
    path.write_text(
        "withdrawal:\n"
        "  - {code: sighing, group: g, label: Sighing, description: Sighs a lot.}\n"
        "confrontation:\n"
        "  - {code: shouting, group: g, label: Shouting, description: Raises voice.}\n",
        encoding="utf-8",
    )

    assert load_catalogue(path).codes == ("sighing", "shouting")


def test_malformed_catalogue_lists_every_problem():
    data = {
        "withdrawal": [
            {"code": "sighing", "group": "g", "label": "Sighing", "description": "d"},
            {"code": "sighing", "group": "g", "label": "Again", "description": "d"},
            {"code": "Bad Code", "group": "g", "label": "x", "description": "d"},
        ],
        "withdrawn": [],
    }

    with pytest.raises(CatalogueError) as caught:
        parse_catalogue(data, source="markers.yaml")

    assert [str(problem) for problem in caught.value.problems] == [
        "markers.yaml: unknown field 'withdrawn'; did you mean 'withdrawal'?",
        "markers.yaml: confrontation: required field is missing",
        "markers.yaml: withdrawal[2].code: must be snake_case, found 'Bad Code'",
        "markers.yaml: marker code 'sighing' is used more than once",
    ]


def test_unreadable_catalogue_file_is_a_catalogue_error(tmp_path):
    path = tmp_path / "markers.yaml"
    path.write_text("withdrawal: [\n", encoding="utf-8")

    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)

    assert "line " in str(caught.value)
