"""The prefilter and the first-word dispatch only skip patterns that cannot match."""

from hypothesis import given, settings
from hypothesis import strategies as st

from ruptures.rubric.acts import _WORD, _cue_spans, _fragments, _matches, _starts
from ruptures.rubric.lexicon import load_lexicon
from ruptures.rubric.prefilter import first_words, prefiltered, required, start_chars
from ruptures.rubric.questions import _INVITE_ANYWHERE, _META_ASK
from ruptures.rubric.text import HEDGE, analyse, is_negated

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
def test_the_scanner_tries_every_pattern_wherever_it_matches(text):
    # The dispatch (first words, prefixes, word pairs) must never skip a pattern at a
    # place where it matches: every match at a word start is among the found spans,
    # unless it is negated.
    doc = analyse(text)
    lexicon = load_lexicon()
    found = _cue_spans(doc, lexicon)
    masked = doc.masked
    for name, soft, pattern in lexicon.dispatch.entries:
        if first_words(pattern.regex.pattern) is None:
            continue
        for m in _WORD.finditer(masked):
            hit = pattern.regex.match(masked, m.start())
            if hit is None or hit.end() <= m.start():
                continue
            if lexicon.cues[name].negatable and is_negated(masked, m.start()):
                continue
            assert (m.start(), hit.end()) in found.get((name, soft), set()), pattern.regex.pattern


@settings(max_examples=200, deadline=None)
@given(TEXT)
def test_the_fragments_of_an_answer_are_those_of_its_words(text):
    # Cue patterns are skipped when none of their fragments is among the answer's
    # words' fragments: that must be every fragment the text holds, whatever it holds.
    lexicon = load_lexicon()
    masked = analyse(text).masked
    every = {f for found in lexicon.fragments.values() for f in found}
    words = [m.group() for m in _WORD.finditer(masked)]
    assert _fragments(words, lexicon) == {f for f in every if f in masked}


def test_first_words_of_simple_patterns():
    assert first_words("i (?:notice|sense)") == (
        frozenset(),
        frozenset(),
        frozenset({"i notice", "i sense"}),
    )
    assert first_words(r"frustrat\w*") == (frozenset(), frozenset({"frustrat"}), frozenset())
    assert first_words(r"(?:^|[.!?] )anyway") is None


def test_start_chars_of_simple_patterns():
    assert start_chars(r"(?:^|[.!?] )anyway") == {".", "!", "?"}
    assert start_chars(r"(?:/s)\b") == {"/"}
    assert start_chars(r"(?=a)b|x*y") == {"b", "x", "y"}
    assert start_chars(r"\bfoo") == {"f"}
    assert start_chars(r"\w+") is None  # a class of letters: anywhere
    assert start_chars(r"[^a]b") is None
    assert start_chars(r"(?:a)?") is None  # may match the empty string
    assert start_chars(r"(?i)ab") is None


def phrases_text(phrases, separators, max_size):
    """Texts joined from `phrases`, `separators` and short random strings."""
    pieces = st.one_of(st.sampled_from(phrases), st.sampled_from(separators), st.text(max_size=4))
    return st.lists(pieces, max_size=max_size).map(" ".join)


ANCHORED_TEXT = phrases_text(
    CUE_WORDS + ["just", "relax", "calm", "down", "so", "how", "was"],
    [".", ",", "!", "?", ";", ":", "\n", "/s", "  "],
    40,
)


@settings(max_examples=300, deadline=None)
@given(ANCHORED_TEXT)
def test_searched_patterns_tried_where_they_can_start_find_what_a_search_finds(text):
    lexicon = load_lexicon()
    index = lexicon.dispatch
    for k, anchored in zip(index.searched, index.searched_anchored, strict=True):
        name, _, pattern = index.entries[k]
        if anchored:
            negatable = lexicon.cues[name].negatable
            starts = _starts(text, index.start_chars)
            assert _matches(pattern, text, negatable, starts) == _matches(
                pattern, text, negatable
            ), pattern.regex.pattern


def test_a_prefiltered_pattern_needs_one_of_its_fragments():
    pattern = prefiltered(r"\bi ask|\b(?:my|the) question\b")
    assert pattern.needs == ("ask", "question")
    assert pattern.search("nothing to see") is None
    assert pattern.search("that was the question").span() == (9, 21)


GRAMMAR_PHRASES = [
    "can you tell me",
    "could you say",
    "will u share",
    "would you like to talk",
    "i'm curious about",
    "i am wondering what",
    "i've been wondering how",
    "i wonder when",
    "i'd like to hear",
    "i want to know",
    "i ask",
    "i'm only asking",
    "my question",
    "maybe",
    "perhaps",
    "could it be",
    "is it possible",
    "im curious",
    "i'm not sure",
    "i could be wrong",
    "i may be wrong",
    "might",
    "possibly",
    "if",
    "me",
]
GRAMMAR_TEXT = phrases_text(GRAMMAR_PHRASES, [",", ".", "?", "'", "  "], 12)


@settings(max_examples=300, deadline=None)
@given(GRAMMAR_TEXT)
def test_prefiltered_grammar_patterns_find_what_a_search_finds(text):
    for pattern in (_INVITE_ANYWHERE, _META_ASK, HEDGE):
        found, searched = pattern.search(text), pattern.regex.search(text)
        assert (found and found.span()) == (searched and searched.span()), pattern.regex.pattern
