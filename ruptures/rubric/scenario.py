"""Matching a scenario's own criteria, whose indicators are plain words or phrases.

Indicators are written by program admins, not as patterns, so they are
matched word by word on light stems: "session" also finds "sessions", and
"last session" finds "last  Session". An indicator inside quotation marks
still counts: quoting the client back is a specific, on-scenario move.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

from .text import Analysed, analyse, lemma
from .types import Span

MAX_INDICATOR_SPANS = 8

# Stemming dominated matching: every call stemmed each indicator again, and the
# answer once per criterion of its step (a fifth of `assess` on a scenario with
# criteria). Indicators' and words' stems are kept for the synonyms they were
# made with. Only a read-only mapping (the lexicon's) is trusted to stay as it
# was; a plain dict could be changed by its owner between calls, so it is never
# cached.
_KEPT = 8192
_indicator_stems: dict[str, tuple[str, ...]] = {}
_word_stems: dict[str, str] = {}
_kept_for: Mapping[str, str] | None = None
# The last answer's stems: (doc, synonyms, stems, first stem -> positions).
# Holding the doc keeps its identity from being reused by another.
_last_answer: tuple[Analysed, Mapping[str, str], tuple[str, ...], dict[str, list[int]]] | None = (
    None
)


def _stems(doc: Analysed, synonyms: Mapping[str, str], cached: bool) -> tuple[str, ...]:
    if not cached:
        return tuple([lemma(tok.word, synonyms) for tok in doc.tokens])
    known = _word_stems
    if len(known) >= _KEPT:
        known.clear()
    stems = tuple(map(known.get, doc.words))  # every word already stemmed: one C loop
    if None not in stems:
        return stems
    out = []
    for word, found in zip(doc.words, stems, strict=True):
        if found is None:
            found = known.get(word)  # the same new word may come twice
            if found is None:
                found = known[word] = lemma(word, synonyms)
        out.append(found)
    return tuple(out)


def _keep_for(synonyms: Mapping[str, str]) -> None:
    """Forget the stems kept when they were made with other synonyms."""
    global _kept_for
    if _kept_for is not synonyms:
        _indicator_stems.clear()
        _word_stems.clear()
        _kept_for = synonyms


def _wanted(indicator: str, synonyms: Mapping[str, str], cached: bool) -> tuple[str, ...]:
    """The indicator's stems, from the cache when `synonyms` may be trusted to stay as is."""
    if not cached:
        return _stems(analyse(indicator), synonyms, cached)
    wanted = _indicator_stems.get(indicator)
    if wanted is None:
        if len(_indicator_stems) >= _KEPT:
            _indicator_stems.clear()
        wanted = _indicator_stems[indicator] = _stems(analyse(indicator), synonyms, cached)
    return wanted


def _answer(
    doc: Analysed, synonyms: Mapping[str, str], cached: bool
) -> tuple[tuple[str, ...], dict[str, list[int]]]:
    """The answer's stems, and where each stem occurs (ascending)."""
    global _last_answer
    last = _last_answer
    if cached and last is not None and last[0] is doc and last[1] is synonyms:
        return last[2], last[3]
    stems = _stems(doc, synonyms, cached)
    at: dict[str, list[int]] = {}
    for i, s in enumerate(stems):
        at.setdefault(s, []).append(i)
    if cached:
        _last_answer = (doc, synonyms, stems, at)
    return stems, at


def indicator_spans(
    doc: Analysed, indicators: Iterable[str], synonyms: Mapping[str, str]
) -> tuple[Span, ...]:
    """Spans where any indicator phrase occurs in the answer."""
    cached = isinstance(synonyms, MappingProxyType)
    if cached:
        _keep_for(synonyms)
    stems, at = _answer(doc, synonyms, cached)
    tokens = doc.tokens
    spans: list[Span] = []
    for indicator in indicators:
        wanted = _wanted(indicator, synonyms, cached)
        if not wanted:
            continue
        n = len(wanted)
        # Only where the first word occurs, in order: as a scan of every position finds them.
        for i in at.get(wanted[0], ()):
            if i + n <= len(stems) and stems[i : i + n] == wanted:
                spans.append((tokens[i].start, tokens[i + n - 1].end))
                if len(spans) >= MAX_INDICATOR_SPANS:
                    return tuple(sorted(spans))
    return tuple(sorted(spans))
