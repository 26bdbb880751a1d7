"""Features the model reads: words a negator governs are features of their own."""

from ruptures.rubric.acts import detect_acts
from ruptures.rubric.features import features, negated, words_of


def governed(text):
    acts = detect_acts(text)
    words = words_of(acts)
    return [words[i] for i in negated(acts)]


def test_a_negator_governs_the_next_words_of_its_clause_only():
    assert governed("You are not stupid at all, Viktor. I write a note.") == [
        "stupid",
        "at",
        "all",
    ]
    assert governed("I don't think so, but you need to go.") == ["think", "so"]
    assert governed("Nothing you said was wrong to say.") == ["you", "said", "was", "wrong"]
    assert governed("You are stupid.") == []


def test_a_negated_word_is_told_apart_from_the_same_word_said_plainly():
    plain = features(detect_acts("You are stupid."), "validate")
    negated_ = features(detect_acts("You are not stupid."), "validate")
    assert "w=stupid" in plain and "n=stupid" not in plain
    assert "w=stupid" in negated_ and "n=stupid" in negated_
