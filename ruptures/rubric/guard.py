"""The coherence guard: answers that are not really answers to the client.

Before any model weighs an answer, the guard finds four things the labelling
guide rates on their own (`reference/LABELLING.md`):

- a **word list** (therapy words without a sentence) or **gibberish**: level 0;
- **talking about** the answer ("I'd invite him to talk about it", "validate
  her feelings") instead of saying it to the client: level 1;
- **too short** to do the step ("Ok.", "Thoughts?"): level 1 unless harmful.

They are reported as acts (with spans) so the model can see them too, and the
engine applies the levels (`scoring.py`).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from .text import Analysed

if TYPE_CHECKING:
    from .acts import Act
    from .lexicon import Lexicon

TOO_SHORT_WORDS = 3
MIN_LIST_WORDS = 4  # content words a word list strings together, at the least
# Words that make a clause a sentence: auxiliaries, modals, copulas, contractions, and
# subject pronouns (a pronoun is almost always followed by its verb in an answer).
_FINITE = frozenset(
    [
        "am",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "isn't",
        "aren't",
        "wasn't",
        "weren't",
        "'s",
        "'re",
        "'m",
        "'ve",
        "'d",
        "'ll",
        "have",
        "has",
        "had",
        "haven't",
        "hasn't",
        "hadn't",
        "do",
        "does",
        "did",
        "don't",
        "doesn't",
        "didn't",
        "can",
        "could",
        "can't",
        "couldn't",
        "will",
        "would",
        "won't",
        "wouldn't",
        "shall",
        "should",
        "shouldn't",
        "may",
        "might",
        "must",
        "i",
        "you",
        "we",
        "he",
        "she",
        "they",
        "it",
        "u",
        "ya",
        "im",
        "ive",
        "id",
        "youre",
        "youve",
        "dont",
        "didnt",
        "cant",
        "wont",
        "isnt",
        "wasnt",
        "let's",
        "lets",
        "thats",
        "theres",
        "there's",
        "that's",
        "what's",
        "whats",
        "here's",
        # subjects that make a sentence of what follows ("Nobody likes walking in late.")
        "nobody",
        "everybody",
        "anybody",
        "somebody",
        "everyone",
        "anyone",
        "someone",
    ]
)
_IMPERATIVE = frozenset(
    [
        "tell",
        "say",
        "let",
        "help",
        "take",
        "talk",
        "walk",
        "share",
        "describe",
        "go",
        "keep",
        "try",
        "imagine",
        "think",
        "notice",
        "please",
        "come",
        "stay",
        "sit",
        "hear",
        "listen",
        "look",
        "thank",
    ]
)
_VOWELS = re.compile(r"[aeiouy]")
_MASH = re.compile(r"(.)\1{3,}|[bcdfghjklmnpqrstvwxz]{5,}")
_META_START = (
    r"\b(?:i(?:'d| would| will|'ll| might| could| should| want to| am going to|'m going to|"
    r"'d want to| would want to|'d try to| would try to| plan to| need to)|then i(?:'d)?|"
    r"first,? i(?:'d)?|i(?:'d| would) (?:probably|first|then|also|gently|just))"
)
_META = re.compile(
    _META_START + r"\s+(?:[a-z']+\s+){0,2}?(?:ask|invite|tell|validate|acknowledge|explore|"
    r"reflect|encourage|reassure|name|point out|check in with|apologi[sz]e to|normali[sz]e|"
    r"say to|explain to|help|remind|suggest to|offer|let|get|empathi[sz]e with|make (?:sure|it "
    r"clear))\b[^.?!\n]{0,100}?\b(?:him|her|them|he|she|they|the client|client|the patient|his|"
    r"their)\b"
)
_META_THIRD = re.compile(
    r"\b(?:the client|the patient|the therapist|as (?:a|the) therapist|the counsell?or|"
    r"client's|patient's)\b"
    r"|(?:^|[.!?]\s+)(?:validate|acknowledge|explore|reflect(?: back)?|name|normali[sz]e|"
    r"empathi[sz]e(?: with)?|invite|ask (?:about|him|her|them))\b[^.?!\n]{0,60}?\b(?:her|his|"
    r"their|him|them)\b"
)
_YOU = re.compile(r"\b(?:you|your|you're|youre|yours|yourself|u|ur)\b")
# Every description names the client in the third person or as "the client": a cheap test
# that spares most sentences the two patterns above.
# (the lookahead on the words' first letters makes the scan of a whole answer faster)
_THIRD = re.compile(
    r"(?=[chpst])\b(?:him|her|them|he|she|they|his|their|client|patient|therapist)\b"
)


def _sentence_has_verb(words: list[str]) -> bool:
    if not words:
        return False
    if words[0] in _IMPERATIVE:
        return True
    return any(w in _FINITE or w.endswith(("n't", "'s", "'re", "'ve", "'ll", "'d")) for w in words)


def _word_list(doc: Analysed, lexicon: Lexicon) -> bool:
    """Content words strung together without a sentence: no finite verb anywhere, or a
    long comma list of therapy words carrying most of the answer."""
    words = doc.words
    if len(words) < 2:
        return False
    content = [w for w in words if w not in lexicon.stopwords]
    # Fewer than four content words is too short to be a list ("Fair enough.", "Sorry,
    # Shauna."): every labelled word list has four or more.
    if len(content) < MIN_LIST_WORDS or len(content) < 0.6 * len(words):
        return False
    verbless = 0
    by_sentence: dict[int, list[str]] = {}
    starts = [s for s, _ in doc.sentences]
    for t in doc.tokens:
        by_sentence.setdefault(bisect_right(starts, t.start), []).append(t.word)
    for sentence in by_sentence.values():
        if not _sentence_has_verb(sentence):
            verbless += len(sentence)
    if verbless >= 0.7 * len(words):
        return True
    # "I hear you: validation, empathy, rupture, repair, attunement."
    pieces = [p.split() for p in re.split(r"[,;/\n]|\band\b", doc.masked)]
    listy = sum(len(p) for p in pieces if 1 <= len(p) <= 2 and not _sentence_has_verb(p))
    return listy >= 0.6 * len(words) and sum(1 for p in pieces if 1 <= len(p) <= 2) >= 4


@lru_cache(maxsize=8192)
def _odd(word: str) -> bool:
    """An unpronounceable word: four letters or more without a vowel, or mashed keys
    (cached: the same words recur in every answer)."""
    return bool((len(word) >= 4 and not _VOWELS.search(word)) or _MASH.search(word))


def _gibberish(doc: Analysed, lexicon: Lexicon) -> bool:
    """Keyboard mashing or strings of non-words: most tokens unpronounceable, or no
    function word at all in a longer answer."""
    words = doc.words
    if not words:
        return True  # punctuation or symbols only
    odd = sum(map(_odd, words))
    if odd >= max(1, 0.5 * len(words)):
        return True
    has_function = any(w in lexicon.stopwords or w in _FINITE for w in words)
    return len(words) >= 6 and not has_function


def _describes(doc: Analysed) -> list[tuple[int, int]]:
    """Sentences that describe the answer instead of saying it, when no sentence speaks
    to the client directly."""
    if not _THIRD.search(doc.masked):  # most answers have no such word: no sentence does
        return []
    meta, direct = [], 0
    for start, end in doc.sentences:
        sentence = doc.masked[start:end]
        if _THIRD.search(sentence) and (_META.search(sentence) or _META_THIRD.search(sentence)):
            meta.append((start, end))
        elif _YOU.search(sentence):
            direct += 1
    return meta if meta and direct == 0 else []


def guard_acts(doc: Analysed, acts: Sequence[Act], lexicon: Lexicon) -> list[Act]:
    """The guard's acts: word_list, gibberish, describes_answer, too_short."""
    from .acts import Act

    whole = (0, len(doc.text))
    found = []
    if _gibberish(doc, lexicon):
        found.append(Act("gibberish", whole))
    elif _word_list(doc, lexicon):
        found.append(Act("word_list", whole))
    found += [Act("describes_answer", span) for span in _describes(doc)]
    if doc.word_count <= TOO_SHORT_WORDS:
        found.append(Act("too_short", whole))
    return found
