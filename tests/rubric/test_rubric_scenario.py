from types import MappingProxyType

from ruptures.rubric.lexicon import load_lexicon
from ruptures.rubric.scenario import MAX_INDICATOR_SPANS, indicator_spans
from ruptures.rubric.text import analyse

ANSWER = "Last  Session you said the sessions felt rushed; this session too?"


def test_indicators_match_word_by_word_on_stems():
    doc = analyse(ANSWER)
    spans = indicator_spans(doc, ("last session", "rush"), {})
    assert [ANSWER[s:e] for s, e in spans] == ["Last  Session", "rushed"]


def test_kept_stems_give_what_fresh_ones_give():
    synonyms = load_lexicon().synonyms
    indicators = ("session", "felt", "this session", "you said the", "nothing here")
    for text in (ANSWER, "A session, then another session.", ANSWER):
        doc = analyse(text)
        # A plain dict is never cached: the same mapping's spans made from scratch.
        fresh = indicator_spans(doc, indicators, dict(synonyms))
        assert indicator_spans(doc, indicators, synonyms) == fresh
        assert indicator_spans(doc, indicators, synonyms) == fresh


def test_other_synonyms_are_not_served_stems_kept_for_the_lexicon():
    doc = analyse("We spoke of the fee.")
    assert indicator_spans(doc, ("charge",), load_lexicon().synonyms) == ()
    spans = indicator_spans(doc, ("charge",), MappingProxyType({"fee": "charge"}))
    assert spans == ((16, 19),)
    assert indicator_spans(doc, ("charge",), load_lexicon().synonyms) == ()


def test_spans_stop_at_the_most_kept():
    doc = analyse("session " * (MAX_INDICATOR_SPANS + 3))
    assert len(indicator_spans(doc, ("session",), load_lexicon().synonyms)) == MAX_INDICATOR_SPANS
