"""Rubric data: validated with messages naming the field path, versioned, round-tripped."""

import copy
import json
import re

import pytest
import yaml

from ruptures.rubric import RubricError, assess, default_rubric, parse_rubric_data
from ruptures.rubric.lexicon import compile_pattern, parse_lexicon


@pytest.fixture
def data():
    return default_rubric().to_data()


def test_packaged_rubric_round_trips_through_plain_data(data):
    assert json.loads(json.dumps(data)) == data
    again = parse_rubric_data(data)
    assert again.version == default_rubric().version
    assert again.to_data() == data
    assert set(again.steps) == {"notice", "invite", "validate", "explore", "negotiate"}


def test_parsed_rubrics_are_cached_by_content(data):
    assert parse_rubric_data(copy.deepcopy(data)) is parse_rubric_data(copy.deepcopy(data))


def test_version_changes_when_data_changes(data):
    edited = copy.deepcopy(data)
    edited["steps"]["invite"]["criteria"][0]["weight"] = 26
    assert parse_rubric_data(edited).version != default_rubric().version


def _set(path, value):
    """An edit that sets data[path...] = value (a value of None deletes the key)."""

    def edit(d):
        *keys, last = path
        for key in keys:
            d = d[key]
        if value is None:
            del d[last]
        else:
            d[last] = value

    return edit


CRITERIA = ("steps", "invite", "criteria")


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (_set((*CRITERIA, 2, "weight"), 0), "steps.invite.criteria[2].weight: must be 1..50"),
        (_set((*CRITERIA, 0, "detector"), "telepathy"), "criteria[0].detector[0]: unknown act"),
        (_set(("steps", "explore"), None), "steps.explore: missing"),
        (_set(("pitfalls", "advice", "steps"), {"invite": "x"}), "pitfalls.advice.steps.invite"),
        (_set(("scoring", "bands"), [50, 25, 75]), "scoring.bands"),
        (_set(("steps", "notice", "exemplars"), []), "steps.notice.exemplars"),
        (_set(("messages", "copy"), None), "messages.copy: missing"),
        (_set(("severities", "minor", "max_level"), 7), "severities.minor.max_level: must be"),
    ],
)
def test_errors_name_the_field_path(data, edit, message):
    edited = copy.deepcopy(data)
    edit(edited)
    with pytest.raises(RubricError) as info:
        parse_rubric_data(edited)
    assert message in str(info.value)


def test_every_field_at_fault_is_reported_not_only_the_first(data):
    edited = copy.deepcopy(data)
    edited["steps"]["invite"]["criteria"][0]["name"] = " "
    edited["steps"]["invite"]["criteria"][2]["weight"] = 0
    edited["steps"]["invite"]["criteria"][2]["detector"] = ["telepathy"]
    edited["pitfalls"]["advice"]["label"] = ""
    edited["steps"]["negotiate"]["praise"] = ""
    with pytest.raises(RubricError) as info:
        parse_rubric_data(edited)
    assert sorted(info.value.problems) == [
        "pitfalls.advice.label: must be a non-empty text",
        "steps.invite.criteria[0].name: must be a non-empty text",
        "steps.invite.criteria[2].detector[0]: unknown act 'telepathy'",
        "steps.invite.criteria[2].weight: must be 1..50",
        "steps.negotiate.praise: must be a non-empty text",
    ]
    assert str(info.value) == info.value.problems[0]


def test_an_edited_rubric_changes_what_assess_says(data):
    edited = copy.deepcopy(data)
    edited["pitfalls"]["closed_question"]["feedback"] = "Ask it so they can say more than yes."
    rubric = parse_rubric_data(edited)
    a = assess("invite", "Did that upset you?", rubric=rubric)
    assert a.feedback.point == "Ask it so they can say more than yes."
    assert a.rubric_version == rubric.version != default_rubric().version


def test_bad_or_unquoted_cue_pattern_is_reported():
    raw = {"words": {"feel": "sad", "kin": "mum", "past": "child"}, "cues": {}}
    raw["cues"]["advice"] = {"patterns": ["(unclosed"]}
    with pytest.raises(RubricError, match="advice"):
        parse_lexicon(raw)
    raw["cues"]["advice"] = yaml.safe_load("patterns:\n  - worry(?: about it)\n")
    with pytest.raises(RubricError, match="quote"):
        parse_lexicon(raw)


def test_pattern_conveniences():
    regex = re.compile(compile_pattern("don't {w3}worry", {}))
    assert regex.fullmatch("dont worry") and regex.fullmatch("don't  really   worry")
    assert not regex.fullmatch("don't worrying")


def test_every_pitfall_has_a_display_label_from_the_rubric_data():
    from ruptures.rubric import PITFALLS, pitfall_label

    labels = {name: pitfall_label(name) for name in PITFALLS}
    assert labels["premature_apology"] == "Premature apology"
    assert all(label == default_rubric().pitfalls[n].label for n, label in labels.items())
