"""Features the trained scorer reads: acts, their step, length, the vignette, words.

One function, `features(acts, step)`, used both when training and when
scoring, so the two can never drift apart. Act features carry most of the
weight (they generalise to new writers); word features are scaled down,
which regularises them harder than the acts. Word features are read on
canonical words: texting spellings become the standard word ("u" -> "you",
`cues.yaml` `spellings`) and words are lightly stemmed, so a terse texter's
"wat did u feel" and "what did you feel" look alike. Besides unigrams and
bigrams, the first word (and first two) of each clause is a feature of its
own: how a clause opens ("let's…", "just…", "you always…", "I was only…")
says much about what it does, for any writer. A word a negator governs (up to
four words after "not", "never", "don't"… in the same clause, up to the next
negator) is also a feature of its own, "n=stupid" beside "w=stupid": "you are
not stupid" reassures where "you are stupid" blames, and the weights can now tell
them apart.
"""

from __future__ import annotations

from functools import lru_cache

from .acts import HEDGEABLE, Acts
from .lexicon import load_lexicon
from .text import CLAUSE_CUT, NEGATOR, stem
from .types import Span

NGRAM_SCALE = 0.7  # word features count this much next to an act feature (tuned by grouped CV)
_LENGTHS = ((3, "len<=3"), (8, "len<=8"), (20, "len<=20"), (45, "len<=45"))
NEGATION_SCOPE = 4  # words after a negator that it governs
_COUNTED = ("apology", "guilt", "self_reproach", "question_open", "question_closed", "specific")


def _length(words: int) -> str:
    return next((name for limit, name in _LENGTHS if words <= limit), "len>45")


@lru_cache(maxsize=16384)
def _canonical(word: str) -> str:
    """The standard spelling of a word, stemmed (cached: the same words recur)."""
    return stem(load_lexicon().spellings.get(word, word))


def words_of(acts: Acts) -> tuple[str, ...]:
    """The answer's words, canonical and stemmed, one per token (cached on the Acts)."""
    cached = acts.cache.get("words")
    if cached is None:
        cached = tuple(map(_canonical, acts.doc.words))
        acts.cache["words"] = cached
    return cached


@lru_cache(maxsize=16384)
def _negator(word: str) -> bool:
    """Whether a word negates what follows: `text.NEGATOR`'s words, or any "…n't"
    (cached: the same words recur)."""
    return word.endswith("n't") or NEGATOR.fullmatch(word) is not None


def negated(acts: Acts) -> list[int]:
    """Indexes of the tokens a negator governs: up to NEGATION_SCOPE words after it,
    in its clause, up to the next negator (cached on the Acts)."""
    cached = acts.cache.get("negated")
    if cached is None:
        cached = []
        tokens, low = acts.doc.tokens, acts.doc.low
        for i in [i for i, word in enumerate(acts.doc.words) if _negator(word)]:
            prev_end = tokens[i].end
            for k in range(i + 1, min(i + 1 + NEGATION_SCOPE, len(tokens))):
                _, end, word = tokens[k]
                # the clause ends before this word, or at it ("but"): text.CLAUSE_CUT
                if CLAUSE_CUT.search(low, prev_end, end) or _negator(word):
                    break
                cached.append(k)
                prev_end = end
        acts.cache["negated"] = cached
    return cached


def ngrams(acts: Acts) -> dict[str, list[Span]]:
    """Word features ("w=sorry", "b=my part", "c0=let", "n=fault") with the spans they
    cover."""
    out: dict[str, list[Span]] = {}
    tokens = acts.doc.tokens
    words = words_of(acts)
    for i in negated(acts):
        out.setdefault(f"n={words[i]}", []).append((tokens[i].start, tokens[i].end))
    for i, word in enumerate(words):
        out.setdefault(f"w={word}", []).append((tokens[i].start, tokens[i].end))
        if i:
            out.setdefault(f"b={words[i - 1]} {word}", []).append(
                (tokens[i - 1].start, tokens[i].end)
            )
    k, n = 0, len(tokens)
    for start, end in acts.clauses:
        while k < n and tokens[k].start < start:
            k += 1
        if k >= n or tokens[k].start >= end:
            continue
        out.setdefault(f"c0={words[k]}", []).append((tokens[k].start, tokens[k].end))
        if k + 1 < n and tokens[k + 1].start < end:
            out.setdefault(f"c01={words[k]} {words[k + 1]}", []).append(
                (tokens[k].start, tokens[k + 1].end)
            )
    return out


def _word_features(acts: Acts, f: dict[str, float]) -> None:
    """The keys of `ngrams`, without their spans (the hot path)."""
    tokens = acts.doc.tokens
    words = words_of(acts)
    prev = None
    for word in words:
        f[f"w={word}"] = NGRAM_SCALE
        if prev is not None:
            f[f"b={prev} {word}"] = NGRAM_SCALE
        prev = word
    for i in negated(acts):
        f[f"n={words[i]}"] = NGRAM_SCALE
    k, n = 0, len(tokens)
    for start, end in acts.clauses:
        while k < n and tokens[k].start < start:
            k += 1
        if k >= n or tokens[k].start >= end:
            continue
        f[f"c0={words[k]}"] = NGRAM_SCALE
        if k + 1 < n and tokens[k + 1].start < end:
            f[f"c01={words[k]} {words[k + 1]}"] = NGRAM_SCALE


def features(acts: Acts, step: str) -> dict[str, float]:
    """Feature name -> value for one answer at one step."""
    f: dict[str, float] = {f"step={step}": 1.0}
    for kind in sorted({a.kind for a in acts.acts}):
        f[f"act={kind}"] = 1.0
        f[f"{step}|act={kind}"] = 1.0
        if kind in HEDGEABLE:
            form = "flat" if any(not a.hedged for a in acts.of(kind)) else "hedged"
            f[f"act={kind}~{form}"] = 1.0
            f[f"{step}|act={kind}~{form}"] = 1.0
    for kind in _COUNTED:
        count = len(acts.of(kind))
        if count >= 2:
            f[f"act={kind}>=2"] = 1.0
        if count >= 3:
            f[f"act={kind}>=3"] = 1.0
    length = _length(acts.doc.word_count)
    f[length] = 1.0
    f[f"{step}|{length}"] = 1.0
    overlap = "vignette=0" if not acts.overlap else "vignette=1-2"
    overlap = "vignette=3+" if acts.overlap >= 3 else overlap
    f[overlap] = 1.0
    if not acts.questions:
        f["questions=0"] = 1.0
        f[f"{step}|questions=0"] = 1.0
    _word_features(acts, f)
    return f
