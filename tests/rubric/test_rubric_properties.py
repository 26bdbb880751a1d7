"""Properties that hold for any text: no crash, determinism, bounded scores."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ruptures.rubric import MAX_CHARS, STEPS, EmptyResponse, assess, question_kind
from ruptures.rubric.scoring import level_for

# Mix arbitrary Unicode with the words the cues look for, so the regexes get
# exercised rather than only fed noise.
CUE_WORDS = "sorry you need to I notice what how but not together anyway just everyone father"
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
