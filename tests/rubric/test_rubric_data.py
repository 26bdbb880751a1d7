"""Rubric data is validated when loaded, with messages that say where."""

import copy
import re

import pytest
import yaml

from ruptures.rubric.data import RubricError, _load_yaml, compile_pattern, parse_rubric
from ruptures.rubric.detectors import DETECTORS

KNOWN = frozenset(DETECTORS)


@pytest.fixture
def raw():
    return _load_yaml("default_rubric.yaml"), _load_yaml("cues.yaml")


def test_packaged_rubric_parses(raw):
    rubric = parse_rubric(*raw, KNOWN)
    assert set(rubric.steps) == {"notice", "invite", "validate", "explore", "negotiate"}


def test_version_changes_when_data_changes(raw):
    rubric, cues = raw
    edited = copy.deepcopy(rubric)
    edited["scoring"]["base"] = 31
    assert parse_rubric(edited, cues, KNOWN).version != parse_rubric(rubric, cues, KNOWN).version


def test_missing_step_is_reported(raw):
    rubric, cues = raw
    edited = copy.deepcopy(rubric)
    del edited["steps"]["explore"]
    with pytest.raises(RubricError, match="explore"):
        parse_rubric(edited, cues, KNOWN)


def test_unknown_detector_is_reported(raw):
    rubric, cues = raw
    edited = copy.deepcopy(rubric)
    edited["steps"]["invite"]["criteria"][0]["detector"] = "telepathy"
    with pytest.raises(RubricError, match="telepathy"):
        parse_rubric(edited, cues, KNOWN)


def test_unknown_severity_is_reported(raw):
    rubric, cues = raw
    edited = copy.deepcopy(rubric)
    edited["pitfalls"]["advice"]["steps"] = {"invite": "catastrophic"}
    with pytest.raises(RubricError, match="catastrophic"):
        parse_rubric(edited, cues, KNOWN)


def test_bad_or_unquoted_pattern_is_reported(raw):
    rubric, cues = raw
    edited = copy.deepcopy(cues)
    edited["cues"]["advice"]["patterns"].append("(unclosed")
    with pytest.raises(RubricError, match="advice"):
        parse_rubric(rubric, edited, KNOWN)
    unquoted = yaml.safe_load("patterns:\n  - worry(?: about it)\n")["patterns"]
    edited["cues"]["advice"]["patterns"] = unquoted
    with pytest.raises(RubricError, match="quote"):
        parse_rubric(rubric, edited, KNOWN)


def test_pattern_conveniences():
    regex = re.compile(compile_pattern("don't {w3}worry", {}))
    assert regex.fullmatch("dont worry") and regex.fullmatch("don't  really   worry")
    assert not regex.fullmatch("don't worrying")


def test_every_pitfall_has_a_display_label_from_the_rubric_data():
    from ruptures.rubric import PITFALLS, default_rubric, pitfall_label

    labels = {name: pitfall_label(name) for name in PITFALLS}
    assert labels["premature_apology"] == "Premature apology"
    assert all(label == default_rubric().pitfalls[n].label for n, label in labels.items())
