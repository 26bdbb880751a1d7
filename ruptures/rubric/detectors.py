"""Detectors: each finds one kind of move in an answer and returns evidence spans.

A detector is named in the rubric data. Most are cue detectors (a cue of
`cues.yaml`, negation-aware); the ones registered in `DETECTORS` below need
code: question grammar, validation that a "but" takes back, overlap with the
scenario's own words, and length. `Findings` runs each detector at most once
per answer, so criteria and pitfalls can share results cheaply.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

from .data import CuePattern, PatternIndex, Rubric
from .questions import Question, find_questions, kind_of
from .text import Analysed, is_hedged, is_negated
from .types import Span

MAX_SPANS = 8  # evidence enough to explain a verdict; caps work on very long answers
_TAKE_BACK = re.compile(r"\b(?:but|however|though|although|yet|still)\b")
_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")
_SUFFIXES = (
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ed", ""),
    ("es", ""),
    ("ly", ""),
    ("s", ""),
)


def lemma(word: str, synonyms: dict[str, str] | None = None) -> str:
    """A light, consistent stem: "sessions"→"session", "ending"→"end", "usually"→"usual"."""
    word = word.removesuffix("'s").replace("'", "")
    if synonyms and word in synonyms:
        return synonyms[word]
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            stem = word[: -len(suffix)] + repl
            if suffix in ("ing", "ed") and len(stem) > 3 and stem[-1] == stem[-2]:
                stem = stem[:-1]  # "getting" -> "get"
            return synonyms.get(stem, stem) if synonyms else stem
    return word


@lru_cache(maxsize=256)
def _content_lemmas(text: str, rubric: Rubric) -> frozenset[str]:
    """Content-word lemmas of a scenario context (cached: contexts repeat)."""
    syn = dict(rubric.synonyms)
    words = (w for w in _WORD.findall(text.lower().replace("\u2019", "'")))
    return frozenset(
        lemma(w, syn) for w in words if w.replace("'", "") not in rubric.stopwords and len(w) > 2
    )


class Findings:
    """Lazily computed detector results for one answer."""

    def __init__(self, doc: Analysed, rubric: Rubric, context: str = "") -> None:
        self.doc = doc
        self.rubric = rubric
        self.context = context
        self._cache: dict[str, tuple[tuple[Span, ...], tuple[Span, ...]]] = {}
        self._questions: tuple[Question, ...] | None = None
        self._present: frozenset[str] | None = None  # prefilter fragments found in the text

    @property
    def questions(self) -> tuple[Question, ...]:
        """Questions and open invitations in the answer."""
        if self._questions is None:
            self._questions = find_questions(self.doc)
        return self._questions

    @property
    def question_kind(self) -> str | None:
        """Return "open", "closed" or None for the answer as a whole."""
        return kind_of(self.questions)

    def cue(self, name: str) -> tuple[tuple[Span, ...], tuple[Span, ...]]:
        """(strong spans, soft spans) of a cue from cues.yaml."""
        if name not in self._cache:
            cue = self.rubric.cues[name]
            strong = self._scan(cue.strong, cue.negatable, cue.strong_index)
            soft = self._scan(cue.soft, cue.negatable, cue.soft_index)
            if cue.hedged_soft and strong:
                hedged = tuple(s for s in strong if is_hedged(self.doc, s[0]))
                strong = tuple(s for s in strong if s not in hedged)
                soft = tuple(sorted(soft + hedged))
            self._cache[name] = (strong, soft)
        return self._cache[name]

    def _scan(
        self, patterns: tuple[CuePattern, ...], negatable: bool, index: PatternIndex | None = None
    ) -> tuple[Span, ...]:
        text = self.doc.masked
        if self._present is None:
            self._present = _present_fragments(text, self.rubric)
        spans: set[Span] = set()
        if index is not None:  # run only the patterns whose fragments occur (see prefilter.py)
            for i in index.candidates(self._present):
                spans.update(_matches(patterns[i], text, negatable))
            return tuple(sorted(spans)[:MAX_SPANS])
        for cue in patterns:
            if cue.needs is not None and cue.needs.isdisjoint(self._present):
                continue  # cannot match: skip the regex scan
            spans.update(_matches(cue, text, negatable))
        return tuple(sorted(spans)[:MAX_SPANS])

    def detect(self, name: str, params: dict | None = None) -> tuple[Span, ...]:
        """Evidence spans of a detector (registered code detector or cue)."""
        if name in DETECTORS:
            return DETECTORS[name](self, params or {})
        strong, soft = self.cue(name)
        return strong + soft


def _present_fragments(text: str, rubric: Rubric) -> frozenset[str]:
    """Prefilter fragments occurring in `text`, looked up by the text's trigrams."""
    trigrams = {text[i : i + 3] for i in range(len(text) - 2)}
    index = rubric.fragments
    return frozenset(f for key in trigrams.intersection(index) for f in index[key] if f in text)


def _matches(cue: CuePattern, text: str, negatable: bool) -> list[Span]:
    """Non-empty, non-negated matches of one pattern that start where a word starts."""
    found, pos = [], 0
    while (m := cue.regex.search(text, pos)) is not None:
        start, end = m.span()
        pos = max(end, start + 1)
        if cue.word_start and start and (text[start - 1].isalnum() or text[start - 1] == "_"):
            pos = start + 1  # inside a word: retry from the next character
            continue
        if end > start and not (negatable and is_negated(text, start)):
            found.append((start, end))
    return found


def _open_invitation(f: Findings, params: dict) -> tuple[Span, ...]:
    """Open questions and invitations, except "why" questions, which tend to put people on
    the spot (a "why" still counts as open for `question_kind`)."""
    return tuple(q.span for q in f.questions if q.kind == "open" and q.form != "why")


def _open_exploration(f: Findings, params: dict) -> tuple[Span, ...]:
    """An open invitation, or a joint inquiry ("could we look at…", "I'm curious what…")."""
    return _open_invitation(f, params) + f.detect("open_exploration_cue")


def _validation(f: Findings, params: dict) -> tuple[Span, ...]:
    """Validation not taken back by a following "but"/"however" in the same sentence."""
    kept = []
    for start, end in f.detect("validation_cue"):
        sentence_end = next((e for s, e in f.doc.sentences if s <= start < e), end)
        if not _TAKE_BACK.search(f.doc.masked, end, sentence_end):
            kept.append((start, end))
    return tuple(kept)


def _specific(f: Findings, params: dict) -> tuple[Span, ...]:
    """Words the answer shares with the scenario (stemmed, stopwords and generic words out)."""
    if not f.context:
        return ()
    context = _content_lemmas(f.context, f.rubric)
    syn = dict(f.rubric.synonyms)
    spans, seen = [], set()
    for tok in f.doc.tokens:
        if tok.word in f.rubric.stopwords or len(tok.word) < 3 or tok.word[0].isdigit():
            continue
        stem = lemma(tok.word, syn)
        if stem in context:
            spans.append((tok.start, tok.end))
            seen.add(stem)
    return tuple(spans[:MAX_SPANS]) if len(seen) >= int(params.get("min_overlap", 1)) else ()


def _developed(f: Findings, params: dict) -> tuple[Span, ...]:
    """The whole answer, when it has at least `min_words` words."""
    return ((0, len(f.doc.text)),) if f.doc.word_count >= int(params.get("min_words", 20)) else ()


DETECTORS: dict[str, Callable[[Findings, dict], tuple[Span, ...]]] = {
    "open_invitation": _open_invitation,
    "open_exploration": _open_exploration,
    "validation": _validation,
    "specific": _specific,
    "developed": _developed,
}
