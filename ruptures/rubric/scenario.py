"""Matching a scenario's own criteria, whose indicators are plain words or phrases.

Indicators are written by program admins, not as patterns, so they are
matched word by word on light stems: "session" also finds "sessions", and
"last session" finds "last  Session". An indicator inside quotation marks
still counts: quoting the client back is a specific, on-scenario move.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from .text import Analysed, analyse, lemma
from .types import Span

MAX_INDICATOR_SPANS = 8


def _stems(doc: Analysed, synonyms: dict[str, str]) -> list[str]:
    return [lemma(tok.word, synonyms) for tok in doc.tokens]


def indicator_spans(
    doc: Analysed, indicators: Iterable[str], synonyms: Mapping[str, str]
) -> tuple[Span, ...]:
    """Spans where any indicator phrase occurs in the answer."""
    syn = dict(synonyms)
    stems = _stems(doc, syn)
    tokens = doc.tokens
    spans: list[Span] = []
    for indicator in indicators:
        wanted = _stems(analyse(indicator), syn)
        if not wanted:
            continue
        n = len(wanted)
        for i in range(len(stems) - n + 1):
            if stems[i : i + n] == wanted:
                spans.append((tokens[i].start, tokens[i + n - 1].end))
                if len(spans) >= MAX_INDICATOR_SPANS:
                    return tuple(sorted(spans))
    return tuple(sorted(spans))
