"""Text handling shared by the detectors: normalising, tokens, sentences, quotes, negation.

Every position the engine reports is an offset into the ORIGINAL answer, so
each copy made here (lower-cased, quotes straightened, quoted words masked)
keeps the original length character for character.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property, lru_cache
from operator import attrgetter
from typing import NamedTuple

from .prefilter import prefiltered
from .types import Span

# Curly quotes and accents become ASCII quotes; every mapping is one char to one char.
_STRAIGHTEN = str.maketrans(
    {"\u2018": "'", "\u2019": "'", "\u02bc": "'", "\u00b4": "'", "`": "'"}
    | {"\u201c": '"', "\u201d": '"', "\u00ab": '"', "\u00bb": '"'}
)
_TOKEN = re.compile(r"[^\W_]+(?:'[^\W_]+)?")
_TOKEN_FAST = re.compile(r"\w+(?:'\w+)?")  # _TOKEN on a text without "_"
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*|[.!?]+")
# What ends a clause for negation: punctuation, or "but", "however", "though".
CLAUSE_CUT = re.compile(r"[.!?;,:\n]|\bbut\b|\bhowever\b|\bthough\b")
# The lookahead on the first letters of the negators (each alternative begins with one)
# spares the regex engine trying every alternative at every position: ~40% faster scans.
NEGATOR = re.compile(
    r"(?=[acdhinsw])\b(?:not|never|no|nor|none|nothing|nobody|neither|without|cannot|(?:do|does|did|is|are|was|were|wo|would|ca|could"
    r"|should|have|has|had)n'?t)\b"
)
_MAX_QUOTE = 300
_QUOTE_MARK = re.compile("[\"']")
NEGATION_WINDOW = 48  # characters before a cue that `is_negated` reads
# Where a sentence breaks into clauses: punctuation, or a connective that starts one.
# That is `[,;:\u2014\u2013]\s*|\s-\s|\s(?=connective\b)`, written to begin with the class
# of its first characters: the regex engine then skips the other characters in C.
_CLAUSE_BREAK = re.compile(
    r"[,;:\u2014\u2013\s](?:(?<=[,;:\u2014\u2013])\s*|(?<=\s)-\s|(?<=\s)(?=(?:but|however|"
    r"though|although|because|so that|and then|which|unless|whereas)\b))"
)
_SUFFIXES = (
    ("ies", "y"),
    ("ied", "y"),
    ("ing", ""),
    ("ed", ""),
    ("es", ""),
    ("ly", ""),
    ("s", ""),
)
HEDGE = prefiltered(
    r"\b(?:maybe|perhaps|possibly|might|i wonder|wondering|could it be|is it possible|i'?m curious"
    r"|i'?m not sure|i may be wrong|i could be wrong)\b"
)


def normalise(text: str) -> str:
    """Lower-case `text` and straighten quotes without changing its length."""
    straight = text.translate(_STRAIGHTEN)
    low = straight.lower()
    if len(low) == len(straight):
        return low
    # A few characters (e.g. "İ") lower-case to two; keep those as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in straight)


def _quote_spans(low: str) -> list[Span]:
    """Spans of quoted passages (inside the quote marks) in normalised text."""
    spans: list[Span] = []
    i, n = 0, len(low)
    while (m := _QUOTE_MARK.search(low, i)) is not None:
        i = m.start()  # only quote marks can open a quote: jump from one to the next
        ch = low[i]
        opens = ch == '"' or i == 0 or not low[i - 1].isalnum()
        if not opens or i + 1 >= n or low[i + 1].isspace():
            i += 1
            continue
        end = _closing_quote(low, i + 1, ch)
        if end is None:
            i += 1
            continue
        spans.append((i + 1, end))
        i = end + 1
    return spans


def _closing_quote(low: str, start: int, mark: str) -> int | None:
    """Index of the quote mark closing one opened just before `start`."""
    limit = min(len(low), start + _MAX_QUOTE)
    line_end = low.find("\n", start, limit)
    stop = limit if line_end < 0 else line_end
    j = low.find(mark, start, stop)
    while j >= 0:
        # An apostrophe between letters ("don't") does not close a quote.
        if mark != "'" or j + 1 >= len(low) or not low[j + 1].isalnum():
            return j
        j = low.find(mark, j + 1, stop)
    return None


def mask_quotes(low: str) -> str:
    """Replace quoted words with underscores so cue phrases never match inside them.

    A quoted sentence still ends where it ends, as a full stop ("'So you can mark them.'
    What do you…?" is two sentences; a quoted "what is the point?" asks nothing)."""
    spans = _quote_spans(low)
    if not spans:
        return low
    chars = list(low)
    for start, end in spans:
        if end - 1 > start and chars[end - 1] in ".!?":
            end -= 1
            chars[end] = "."
        for k in range(start, end):
            if not chars[k].isspace():
                chars[k] = "_"
    return "".join(chars)


class Token(NamedTuple):
    """A word with its position in the original answer (a tuple: many are made)."""

    start: int
    end: int
    word: str


@dataclass(frozen=True)
class Analysed:
    """One answer prepared for the detectors."""

    text: str
    low: str  # normalised, same length as text
    masked: str  # normalised with quoted words masked

    @cached_property
    def tokens(self) -> tuple[Token, ...]:
        """Words of the answer (quoted words included)."""
        new = tuple.__new__  # builds the NamedTuple without its Python-level __new__
        # in a text without "_", _TOKEN_FAST finds the same words, faster
        pattern = _TOKEN if "_" in self.low else _TOKEN_FAST
        found = pattern.finditer(self.low)
        return tuple([new(Token, (m.start(), m.end(), m.group())) for m in found])

    @cached_property
    def words(self) -> tuple[str, ...]:
        """The tokens' words, in order."""
        return tuple(map(attrgetter("word"), self.tokens))

    @cached_property
    def sentences(self) -> tuple[Span, ...]:
        """Sentence spans, split on end punctuation and line breaks, stripped."""
        out = []
        for m in _SENTENCE.finditer(self.masked):
            start, end = m.span()
            while start < end and self.masked[start].isspace():
                start += 1
            if start < end:
                out.append((start, end))
        return tuple(out)

    @property
    def word_count(self) -> int:
        """Number of words."""
        return len(self.tokens)


def analyse(text: str) -> Analysed:
    """Prepare `text` for detection."""
    low = normalise(text)
    return Analysed(text=text, low=low, masked=mask_quotes(low))


def is_negated(masked: str, start: int) -> bool:
    """True when a negator ("not", "don't", "never"...) shortly precedes `start`.

    Only the same clause counts: "I'm not saying you're wrong" negates the cue,
    "I don't mind, but you need to" does not.
    """
    window = masked[max(0, start - NEGATION_WINDOW) : start]
    cuts = list(CLAUSE_CUT.finditer(window))
    if cuts:
        window = window[cuts[-1].end() :]
    words = window.split()[-4:]
    return bool(words) and NEGATOR.search(" ".join(words)) is not None


def is_hedged(doc: Analysed, start: int) -> bool:
    """True when the sentence holding `start` is a question or hedges before it.

    "Maybe this connects to your childhood?" offers a hunch; "This is about your
    childhood." hands down a verdict.
    """
    for s, e in doc.sentences:
        if s <= start < e:
            # what precedes `start` in its sentence (no word character precedes a sentence)
            return doc.masked[s:e].rstrip().endswith("?") or bool(
                HEDGE.search(doc.masked[s:start])
            )
    return False


def clauses_of(doc: Analysed) -> tuple[Span, ...]:
    """Clause spans: each sentence cut at commas, semicolons, dashes and connectives
    ("but", "because"...), the connective staying with the clause it opens."""
    out: list[Span] = []
    for start, end in doc.sentences:
        cut = start
        for m in _CLAUSE_BREAK.finditer(doc.masked, start, end):
            if m.start() > cut and doc.masked[cut : m.start()].strip():
                out.append((cut, m.start()))
            cut = m.end()
        if doc.masked[cut:end].strip():
            out.append((cut, end))
    return tuple(out)


def lemma(word: str, synonyms: Mapping[str, str] | None = None) -> str:
    """A light, consistent stem: "sessions"→"session", "ending"→"end", "usually"→"usual"."""
    if synonyms:
        plain = word.removesuffix("'s").replace("'", "")
        if plain in synonyms:
            return synonyms[plain]
        base = stem(word)
        return synonyms.get(base, base)
    return stem(word)


@lru_cache(maxsize=8192)
def stem(word: str) -> str:
    """`lemma` without synonyms (cached: the same words recur in every answer)."""
    word = word.removesuffix("'s").replace("'", "")
    for suffix, repl in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            base = word[: -len(suffix)] + repl
            if suffix in ("ing", "ed") and len(base) > 3 and base[-1] == base[-2]:
                base = base[:-1]  # "getting" -> "get"
            return base
    return word
