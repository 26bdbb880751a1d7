"""Path-named fields: errors land beside the field they name, rows are read and edited."""

import pytest
from django.http import QueryDict

from ruptures.authoring.fields import (
    MAX_ROWS,
    Block,
    Field,
    ListAction,
    apply_action,
    html_id,
    parent_path,
    parse_action,
    place_errors,
    row_indexes,
    split_commas,
    split_lines,
    whole_number,
)


@pytest.mark.parametrize(
    "path, parent",
    [
        ("steps.invite.criteria[2].weight", "steps.invite.criteria[2]"),
        ("steps.invite.criteria[2]", "steps.invite.criteria"),
        ("steps.invite", "steps"),
        ("title", ""),
    ],
)
def test_parent_path_drops_the_last_segment(path, parent):
    assert parent_path(path) == parent


def test_html_ids_keep_letters_digits_and_hyphens():
    assert html_id("transcript[3].text") == "f-transcript-3-text"


def test_an_error_lands_on_the_field_its_path_names():
    weight = Field("steps.invite.criteria[0].weight", "Weight")
    unplaced = place_errors(
        [("steps.invite.criteria[0].weight", "must be 1..3")], {weight.name: weight}
    )
    assert weight.errors == ["must be 1..3"] and unplaced == []


def test_an_error_inside_a_field_names_the_line_or_item():
    exemplars = Field("steps.notice.exemplars", "Exemplars", lines=True)
    markers = Field("markers", "Markers")
    place_errors(
        [("steps.notice.exemplars[1]", "must not be empty"), ("markers[0]", "'x' is unknown")],
        {exemplars.name: exemplars, markers.name: markers},
    )
    assert exemplars.errors == ["line 2: must not be empty"]
    assert markers.errors == ["item 1: 'x' is unknown"]


def test_an_error_about_a_row_or_a_list_lands_on_its_block():
    row, rows = Block("transcript[1]"), Block("transcript")
    targets = {"transcript[1]": row, "transcript": rows}
    place_errors(
        [("transcript[1]", "expected a mapping"), ("transcript", "at least 4 required")], targets
    )
    assert row.errors == ["expected a mapping"] and rows.errors == ["at least 4 required"]


def test_an_error_with_no_place_is_returned_to_show_above_the_form():
    assert place_errors([("", "the file is empty"), ("client", "bad")], {}) == [
        "the file is empty",
        "client: bad",
    ]


def test_rows_are_read_in_index_order_and_forged_indexes_are_ignored():
    post = QueryDict(mutable=True)
    for i in (3, 0, 1, MAX_ROWS + 5):
        post[f"transcript[{i}].text"] = "x"
    post["transcriptx[9].text"] = "not a row"
    assert row_indexes(post, "transcript") == [0, 1, 3]


@pytest.mark.parametrize(
    "value, action",
    [
        ("add:transcript", ListAction("add", "transcript")),
        ("up:transcript[2]", ListAction("up", "transcript", 2)),
        ("remove:steps.notice.criteria[0]", ListAction("remove", "steps.notice.criteria", 0)),
        ("down:steps.notice.criteria[1]", ListAction("down", "steps.notice.criteria", 1)),
        ("add:clients", None),  # not one of the lists
        ("explode:transcript[1]", None),
        ("", None),
    ],
)
def test_parse_action_reads_only_edits_of_known_lists(value, action):
    assert parse_action(value, ["transcript", "steps.notice.criteria"]) == action


def test_apply_action_adds_removes_and_moves_rows():
    rows = ["a", "b", "c"]
    assert apply_action(rows, ListAction("add", "x"), "", most=4) == ["a", "b", "c", ""]
    assert apply_action(rows, ListAction("add", "x"), "", most=3) == rows
    assert apply_action(rows, ListAction("remove", "x", 1), "", most=9) == ["a", "c"]
    assert apply_action(rows, ListAction("up", "x", 2), "", most=9) == ["a", "c", "b"]
    assert apply_action(rows, ListAction("down", "x", 0), "", most=9) == ["b", "a", "c"]
    for out_of_range in (
        ListAction("up", "x", 0),
        ListAction("down", "x", 2),
        ListAction("remove", "x", 7),
    ):
        assert apply_action(rows, out_of_range, "", most=9) == rows


def test_text_helpers_split_and_keep_what_is_not_a_number():
    assert split_lines(" one \n\n two\n") == ["one", "two"]
    assert split_commas("mom, call ,, phone") == ["mom", "call", "phone"]
    assert whole_number(" 3 ") == 3 and whole_number("forty") == "forty"
