"""Behaviour on text unlike the corpus: peer-support replies and plain clinical speech.

`data/sanity.yaml` (written fresh, never trained or tuned on) is scored without a
scenario: open questions about the other's experience raise the explore level and
their absence lowers it; naming and accepting a feeling raises the validate level;
advice in plain forms is flagged, and questions that ask what would help are not.
"""

from pathlib import Path

import pytest
import yaml

from ruptures.rubric import assess

SANITY = yaml.safe_load((Path(__file__).parent / "data" / "sanity.yaml").read_text("utf-8"))


@pytest.mark.parametrize(
    ("key", "step", "good"),
    [
        ("explore_high", "explore", True),
        ("explore_low", "explore", False),
        ("validate_high", "validate", True),
        ("validate_low", "validate", False),
    ],
)
def test_the_step_level_follows_what_the_reply_does(key, step, good):
    levels = {text: assess(step, text).level for text in SANITY[key]}
    wrong = {t: lv for t, lv in levels.items() if (lv >= 2) != good}
    assert len(wrong) <= max(1, len(levels) // 10), wrong  # measured: one miss at most


def test_open_questions_score_above_replies_without_them():
    high = [assess("explore", t).score for t in SANITY["explore_high"]]
    low = [assess("explore", t).score for t in SANITY["explore_low"]]
    assert min(high) > max(low) or sum(high) / len(high) > sum(low) / len(low) + 25


def test_advice_in_plain_clinical_forms_is_flagged():
    cases = [(step, t) for step, texts in SANITY["advice"].items() for t in texts]
    missed = [t for step, t in cases if "advice" not in assess(step, t).pitfalls]
    assert len(missed) <= 1, missed


def test_questions_about_what_would_help_are_not_advice():
    cases = [(step, t) for step, texts in SANITY["no_advice"].items() for t in texts]
    flagged = [t for step, t in cases if "advice" in assess(step, t).pitfalls]
    assert not flagged, flagged
