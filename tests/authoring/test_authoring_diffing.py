"""Readable diffs of plain data: paths in words, a changed text word by word."""

from ruptures.authoring.diffing import Change, changes, flatten, path_label, word_diff


def test_flatten_names_every_leaf_by_its_path_and_joins_lists_of_words():
    data = {"title": "T", "markers": ["denial", "minimal_response"], "steps": {"a": [{"x": 1}]}}
    assert flatten(data) == {
        "title": "T",
        "markers": "denial, minimal_response",
        "steps.a[0].x": "1",
    }


def test_changes_lists_what_was_added_changed_and_removed():
    old = {"title": "Old", "themes": ["a"], "why": "gone"}
    new = {"title": "New", "themes": ["a"], "context": "added"}
    assert changes(old, new) == [
        Change("title", "changed", "Old", "New"),
        Change("context", "added", "", "added"),
        Change("why", "removed", "gone", ""),
    ]


def test_equal_data_has_no_changes():
    data = {"transcript": [{"speaker": "client", "text": "Fine."}]}
    assert changes(data, data) == []


def test_a_path_reads_as_words_with_items_counted_from_one():
    assert path_label("steps.invite.criteria[2].weight") == "Steps › Invite › Criteria 3 › Weight"
    assert path_label("client.presenting_concern") == "Client › Presenting concern"


def test_a_one_word_edit_shows_as_that_word():
    assert word_diff("I notice you went quiet", "I notice you went silent") == [
        ("", "I notice you went "),
        ("del", "quiet"),
        ("ins", "silent"),
    ]
    assert Change("p", "changed", "a b", "a c").words == [("", "a "), ("del", "b"), ("ins", "c")]
