"""Properties that hold for any text: no crash, determinism, bounded scores."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ruptures.rubric import (
    MAX_CHARS,
    STEPS,
    EmptyResponse,
    assess,
    default_rubric,
    level_for_score,
    question_kind,
)
from ruptures.rubric.copying import similarity
from ruptures.rubric.scoring import level_for

# Mix arbitrary Unicode with the words the cues look for, so the regexes get
# exercised rather than only fed noise.
CUE_WORDS = (
    "sorry you need to I notice what how but not together anyway just everyone father "
    "might want to none of this fault hear policy tragedy would ask him validate empathy"
)
WORDS = st.sampled_from([*CUE_WORDS.split(), '"', "'", "?", ".", ",", "!", "isn't it", "I'm"])
TEXT = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(WORDS, st.text(max_size=6)), max_size=120).map(" ".join),
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(step=st.sampled_from(STEPS), text=TEXT)
def test_any_text_is_assessed_deterministically_within_bounds(step, text):
    if not text.strip():
        with pytest.raises(EmptyResponse):
            assess(step, text)
        return
    a = assess(step, text)
    assert a == assess(step, text)
    assert 0 <= a.score <= 100
    assert a.level == level_for(a.score)
    spans = [s for h in a.pitfall_hits for s in h.spans]
    spans += [s for c in a.criteria for s in c.evidence]
    assert all(0 <= start < end <= len(text) for start, end in spans)
    assert question_kind(text) in ("open", "closed", None)
    assert_feedback_agrees_with_level(a, text)


def assert_feedback_agrees_with_level(a, text):
    """No failed criterion or pitfall tip at level 3; failures only below it."""
    rubric = default_rubric()
    assert a.level == level_for_score(a.score)
    if a.level == 3:
        assert not a.pitfalls
        assert all(c.met or c.advisory for c in a.criteria)
        assert a.feedback.point not in {p.feedback.strip() for p in rubric.pitfalls.values()}
    else:
        assert not any(c.advisory for c in a.criteria)
    if a.pitfalls:
        assert a.level < 3
    assert a.feedback.alternative.strip()
    if a.copy_of is None and len(text.split()) >= 6:
        assert similarity(a.feedback.alternative, text) < 0.5


@settings(max_examples=15, deadline=None)
@given(TEXT.filter(str.strip))
def test_long_text_up_to_the_limit_never_raises(chunk):
    text = (chunk * (MAX_CHARS // len(chunk) + 1))[:MAX_CHARS]
    if text.strip():
        assert 0 <= assess("explore", text).score <= 100


@pytest.mark.parametrize(
    ("score", "level"), [(0, 0), (24, 0), (25, 1), (49, 1), (50, 2), (74, 2), (75, 3), (100, 3)]
)
def test_level_bands(score, level):
    assert level_for(score) == level
