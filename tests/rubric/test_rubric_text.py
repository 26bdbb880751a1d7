"""Text preparation: offsets kept, quotes masked, negation scoped to its clause."""

from ruptures.rubric.text import analyse, is_negated, mask_quotes, normalise


def test_normalise_keeps_length_and_straightens_quotes():
    text = "I\u2019m \u201cFINE\u201d, \u0130stanbul"
    low = normalise(text)
    assert len(low) == len(text)
    assert low.startswith('i\'m "fine"')


def test_quoted_client_words_are_masked_but_apostrophes_are_not_quotes():
    low = normalise("You said 'I'm fine' and I don't buy that")
    masked = mask_quotes(low)
    assert "i'm fine" not in masked
    assert "don't buy" in masked
    assert len(masked) == len(low)


def test_double_quotes_are_masked_and_unclosed_quote_is_left_alone():
    assert "fine" not in mask_quotes('you said "fine" twice')
    assert "fine" in mask_quotes('you said "fine twice')


def test_negation_applies_within_the_clause_only():
    masked = normalise("I'm not saying you're wrong")
    assert is_negated(masked, masked.index("you're"))
    masked = normalise("I don't mind, but you need to try")
    assert not is_negated(masked, masked.index("you need"))


def test_a_quoted_sentence_still_ends_its_sentence():
    doc = analyse("'So you can mark them.' What do you picture me doing?")
    assert [doc.text[s:e] for s, e in doc.sentences] == [
        "'So you can mark them.",
        "' What do you picture me doing?",
    ]
    assert "mark" not in doc.masked


def test_sentences_and_tokens_carry_original_offsets():
    doc = analyse("Hi there. What happened?")
    assert [doc.text[s:e] for s, e in doc.sentences] == ["Hi there.", "What happened?"]
    assert [t.word for t in doc.tokens] == ["hi", "there", "what", "happened"]
    assert all(doc.text[t.start : t.end].lower() == t.word for t in doc.tokens)
