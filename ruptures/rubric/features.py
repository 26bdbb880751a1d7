"""Features the trained scorer reads: acts, their step, length, the vignette, words.

One function, `features(acts, step)`, used both when training and when
scoring, so the two can never drift apart. Act features carry most of the
weight (they generalise to new writers); word unigrams and bigrams (lemmas,
from a fixed vocabulary chosen at training time) are scaled down, which
regularises them harder than the acts.
"""

from __future__ import annotations

from .acts import HEDGEABLE, Acts
from .text import lemma
from .types import Span

NGRAM_SCALE = 0.35  # word features count this much next to an act feature
_LENGTHS = ((3, "len<=3"), (8, "len<=8"), (20, "len<=20"), (45, "len<=45"))
_COUNTED = ("apology", "guilt", "self_reproach", "question_open", "question_closed", "specific")


def _length(words: int) -> str:
    return next((name for limit, name in _LENGTHS if words <= limit), "len>45")


def ngrams(acts: Acts) -> dict[str, list[Span]]:
    """Word unigram and bigram features ("w=sorry", "b=my part") with their spans."""
    out: dict[str, list[Span]] = {}
    tokens = acts.doc.tokens
    words = [lemma(t.word) for t in tokens]
    for i, word in enumerate(words):
        out.setdefault(f"w={word}", []).append((tokens[i].start, tokens[i].end))
        if i:
            out.setdefault(f"b={words[i - 1]} {word}", []).append(
                (tokens[i - 1].start, tokens[i].end)
            )
    return out


def features(acts: Acts, step: str) -> dict[str, float]:
    """Feature name -> value for one answer at one step."""
    f: dict[str, float] = {f"step={step}": 1.0}
    kinds = sorted({a.kind for a in acts.acts})
    for kind in kinds:
        f[f"act={kind}"] = 1.0
        f[f"{step}|act={kind}"] = 1.0
        if kind in HEDGEABLE:
            flat = any(not a.hedged for a in acts.of(kind))
            f[f"act={kind}~{'flat' if flat else 'hedged'}"] = 1.0
            f[f"{step}|act={kind}~{'flat' if flat else 'hedged'}"] = 1.0
    for kind in _COUNTED:
        if len(acts.of(kind)) >= 2:
            f[f"act={kind}>=2"] = 1.0
        if len(acts.of(kind)) >= 3:
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
    for name in ngrams(acts):
        f[name] = NGRAM_SCALE
    return f
