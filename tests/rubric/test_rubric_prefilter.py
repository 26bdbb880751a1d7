"""The prefilter only skips patterns that cannot match, so it never changes a result."""

from hypothesis import given, settings
from hypothesis import strategies as st

from ruptures.rubric.acts import _present_fragments
from ruptures.rubric.lexicon import load_lexicon
from ruptures.rubric.prefilter import required
from ruptures.rubric.text import analyse

CUE_TEXT = (
    "sorry you need to should try i'm noticing sounds like frustrated makes sense together "
    "anyway back to your father really about defence mechanism everyone not a big deal "
    "clearly wrong come on i was only trying part of my job what if we could we that's on me"
)
CUE_WORDS = CUE_TEXT.split()
TEXT = st.lists(st.one_of(st.sampled_from(CUE_WORDS), st.text(max_size=5)), max_size=60).map(
    " ".join
)


def test_required_fragments_of_simple_patterns():
    assert required("i (?:can't|cannot) believe i") == {"believe"}
    assert required("(?:sounds|seems) like") == {"sounds", "seems"}
    assert required("colou?r") == {"colo"}
    assert required("a|bb") is None  # too short to be worth checking
    assert required("(?:over)?thinking") == {"thinking"}


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_skipped_patterns_would_not_have_matched(text):
    masked = analyse(text).masked
    present = _present_fragments(masked, load_lexicon())
    for cue in load_lexicon().cues.values():
        for pattern in cue.strong + cue.soft:
            if pattern.needs is not None and pattern.needs.isdisjoint(present):
                assert pattern.regex.search(masked) is None, pattern.regex.pattern
