"""The act detectors' phrase lexicon (`cues.yaml`), compiled once per process.

The cue file lists phrases that show an act (an owned observation, a
justification, a causal claim about the client...). Python keeps what is
grammar (questions, negation, quotes, clauses, "yes, but"); the trained model
decides how much each act counts. The lexicon is engine data: its hash is part
of the model file, so editing it means retraining.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from .prefilter import first_words, required, start_chars
from .types import RubricError

_W = r"[^\W_]+(?:'[^\W_]+)?"
# a gap of words never holds a new subject or a negation: in "reminding you I might have
# to tell" the one who has to tell is not "you", in "you thought you'd have to" the client
# is not told to, and "you're not being oversensitive" does not accuse
_GAP = rf"(?:(?!(?:i|we|they|he|she|you|not|never)\b){_W}\s+)"
# not a perfect ("should have told", "must not have been"): a guess or a regret, not an
# order; "have to" still is one
_NOT_PERFECT = r"(?!(?:n'?t|\s+not|\s+never)?\s+have\s+(?!to\b))"
_MACROS = {
    "{w3}": rf"{_GAP}{{0,3}}",
    "{w6}": rf"{_GAP}{{0,6}}",
    "{w}": _W,
    "{notperfect}": _NOT_PERFECT,
}
_WORD_LISTS = ("feel", "kin", "past")


@dataclass(frozen=True)
class CuePattern:
    """One compiled pattern and the fragments one of which it needs (None: always run)."""

    regex: re.Pattern[str]
    needs: frozenset[str] | None
    word_start: bool  # must start at a word boundary (checked by the scanner, see below)


@dataclass(frozen=True)
class PatternIndex:
    """Which patterns of a list to run: those needing nothing, and those per fragment."""

    always: tuple[int, ...]
    by_fragment: Mapping[str, tuple[int, ...]]

    def candidates(self, present: frozenset[str]) -> list[int]:
        """Positions of the patterns that can match a text holding `present` fragments."""
        found = set(self.always)
        for fragment in present.intersection(self.by_fragment):
            found.update(self.by_fragment[fragment])
        return sorted(found)


def index_patterns(patterns: tuple[CuePattern, ...]) -> PatternIndex:
    """Index `patterns` by the fragments they need (see prefilter.py)."""
    always, by_fragment = [], {}
    for i, p in enumerate(patterns):
        if p.needs is None:
            always.append(i)
        else:
            for fragment in p.needs:
                by_fragment.setdefault(fragment, []).append(i)
    return PatternIndex(
        tuple(always), MappingProxyType({k: tuple(v) for k, v in by_fragment.items()})
    )


@dataclass(frozen=True)
class Cue:
    """Compiled patterns of one cue: strong evidence and soft evidence."""

    strong: tuple[CuePattern, ...]
    soft: tuple[CuePattern, ...]
    negatable: bool
    hedged_soft: bool = False  # a strong match in a hedged sentence counts as soft
    strong_index: PatternIndex | None = None
    soft_index: PatternIndex | None = None


@dataclass(frozen=True)
class Dispatch:
    """Every cue pattern of the lexicon, indexed by the words a match can start with.

    `entries[k]` is (cue name, soft?, pattern). A token equal to a key of `by_word`,
    or beginning with a key of `by_prefix`, or equal to a key of `by_pair` and
    followed by a word beginning with one of its second-word prefixes, is where
    those entries may match; the entries in `searched` do not start with a word and
    are searched for (only at line starts and `start_chars` when `searched_anchored`).
    """

    entries: tuple[tuple[str, bool, CuePattern], ...]
    by_word: Mapping[str, tuple[int, ...]]
    by_prefix: Mapping[str, tuple[int, ...]]
    prefix_lengths: tuple[int, ...]
    searched: tuple[int, ...]
    # first word -> (lengths of the second-word prefixes, {second-word prefix: entries})
    by_pair: Mapping[str, tuple[tuple[int, ...], Mapping[str, tuple[int, ...]]]] = (
        MappingProxyType({})
    )
    # entries that need nothing, and by fragment the entries needing it (prefilter.required)
    unconditional: frozenset[int] = frozenset()
    by_fragment: Mapping[str, tuple[int, ...]] = MappingProxyType({})
    # per searched entry, whether a match can only start at a line start or at one of
    # `start_chars` (punctuation); the others are searched for everywhere
    searched_anchored: tuple[bool, ...] = ()
    start_chars: str = ""

    def live(self, present: frozenset[str]) -> set[int]:
        """Entries that can match a text holding the `present` fragments."""
        found = set(self.unconditional)
        for fragment in present:
            found.update(self.by_fragment.get(fragment, ()))
        return found


def _start_chars(pattern: CuePattern) -> frozenset[str] | None:
    """The characters a match of `pattern` can start at besides a line start, when it is
    worth trying it there only: when they are a few punctuation marks (letters start
    too many words; one mark alone, as in "/s", the regex engine finds by itself)."""
    chars = start_chars(pattern.regex.pattern)
    if chars is None or len(chars) < 2 or any(c.isalnum() or c == "_" for c in chars):
        return None
    return chars


def build_dispatch(cues: Mapping[str, Cue]) -> Dispatch:
    """Index every pattern of every cue by its possible first words (prefilter.py)."""
    entries, searched, unconditional = [], [], []
    by_fragment: dict[str, list[int]] = {}
    by_word: dict[str, list[int]] = {}
    by_prefix: dict[str, list[int]] = {}
    by_pair: dict[str, dict[str, list[int]]] = {}
    searched_starts: dict[int, frozenset[str] | None] = {}
    for name, cue in cues.items():
        for soft, patterns in ((False, cue.strong), (True, cue.soft)):
            for pattern in patterns:
                k = len(entries)
                entries.append((name, soft, pattern))
                if pattern.needs is None:
                    unconditional.append(k)
                for fragment in pattern.needs or ():
                    by_fragment.setdefault(fragment, []).append(k)
                starts = first_words(pattern.regex.pattern)
                if starts is None:
                    searched.append(k)
                    searched_starts[k] = _start_chars(pattern)
                    continue
                for word in starts[0]:
                    by_word.setdefault(word, []).append(k)
                for prefix in starts[1]:
                    by_prefix.setdefault(prefix, []).append(k)
                for pair in starts[2]:
                    first, _, second = pair.partition(" ")
                    by_pair.setdefault(first, {}).setdefault(second, []).append(k)
    return Dispatch(
        entries=tuple(entries),
        by_word=MappingProxyType({w: tuple(v) for w, v in by_word.items()}),
        by_prefix=MappingProxyType({w: tuple(v) for w, v in by_prefix.items()}),
        prefix_lengths=tuple(sorted({len(p) for p in by_prefix})),
        searched=tuple(searched),
        searched_anchored=tuple(searched_starts[k] is not None for k in searched),
        start_chars="".join(sorted(frozenset().union(*filter(None, searched_starts.values())))),
        by_pair=MappingProxyType(
            {
                w: (
                    tuple(sorted({len(p) for p in seconds})),
                    MappingProxyType({p: tuple(ks) for p, ks in seconds.items()}),
                )
                for w, seconds in by_pair.items()
            }
        ),
        unconditional=frozenset(unconditional),
        by_fragment=MappingProxyType({f: tuple(v) for f, v in by_fragment.items()}),
    )


@dataclass(frozen=True, eq=False)  # identity hash: one instance per process
class Lexicon:
    """The compiled cue phrases the act detectors look for (`cues.yaml`)."""

    cues: Mapping[str, Cue]
    stopwords: frozenset[str]
    synonyms: Mapping[str, str]
    version: str
    spellings: Mapping[str, str] = MappingProxyType({})  # texting spelling -> word ("u": "you")
    dispatch: Dispatch | None = None  # where each pattern can start (built with the lexicon)
    # prefilter fragments of all cue patterns, indexed by their first three letters
    fragments: Mapping[str, tuple[str, ...]] = MappingProxyType({})


def _load_yaml(name: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise RubricError(f"{name}: expected a mapping at the top level")
    return data


def _need(mapping: Mapping[str, Any], key: str, where: str) -> Any:
    if not isinstance(mapping, Mapping) or key not in mapping:
        raise RubricError(f"{where}: missing '{key}'")
    return mapping[key]


def compile_pattern(pattern: str, words: Mapping[str, str]) -> str:
    """Expand the cue-file conveniences (see cues.yaml) into a regular expression.

    The word boundary at the start is left to the scanner: a leading `\b` would stop
    the regex engine from jumping straight to the pattern's first letters, which
    makes scanning several times slower.
    """
    for name, alternatives in words.items():
        pattern = pattern.replace("{" + name + "}", alternatives)
    pattern = pattern.replace("'", "'?").replace(" ", r"\s+")
    for macro, regex in _MACROS.items():
        pattern = pattern.replace(macro, regex)
    # the boundary at the end: a match may not stop inside a word ("put" is not "putting")
    tail = r"\b" if pattern[-1:].isalnum() else r"(?!(?<=\w)\w)"
    return f"(?:{pattern}){tail}"


def _compile_list(patterns: Any, words: Mapping[str, str], where: str) -> tuple[CuePattern, ...]:
    if not patterns:
        return ()
    if not isinstance(patterns, list):
        raise RubricError(f"{where}: expected a list of patterns")
    for p in patterns:
        if not isinstance(p, str):  # usually ": " in an unquoted pattern
            raise RubricError(f"{where}: not a string, quote it: {p!r}")
    try:
        return tuple(
            CuePattern(re.compile(compile_pattern(p, words), re.M), required(p), p[:1].isalnum())
            for p in patterns
        )
    except re.error as exc:
        raise RubricError(f"{where}: bad pattern ({exc})") from exc


def _spellings(raw: Mapping[str, Any]) -> dict[str, str]:
    found = raw.get("spellings") or {}
    if not isinstance(found, Mapping):
        raise RubricError("cues.yaml spellings: expected a mapping of word to word")
    return {str(k).lower(): str(v).lower() for k, v in found.items()}


def _parse_cues(raw: Mapping[str, Any]) -> tuple[dict[str, Cue], frozenset[str], dict]:
    words = {
        name: re.sub(r"\s*\|\s*", "|", str(_need(raw["words"], name, "cues.yaml words")).strip())
        for name in _WORD_LISTS
    }
    cues = {}
    for name, spec in _need(raw, "cues", "cues.yaml").items():
        where = f"cues.yaml cue '{name}'"
        strong = _compile_list(spec.get("patterns"), words, where)
        soft = _compile_list(spec.get("soft"), words, where + " soft")
        cues[name] = Cue(
            strong=strong,
            soft=soft,
            negatable=bool(spec.get("negatable", True)),
            hedged_soft=bool(spec.get("hedged_soft", False)),
            strong_index=index_patterns(strong),
            soft_index=index_patterns(soft),
        )
    stop = frozenset(f"{raw.get('stopwords', '')} {raw.get('generic', '')}".split())
    return cues, stop, dict(raw.get("synonyms") or {})


def parse_lexicon(raw_cues: Mapping[str, Any]) -> Lexicon:
    """Compile and index the cue file's patterns."""
    cues, stopwords, synonyms = _parse_cues(raw_cues)
    digest = hashlib.sha256(json.dumps(raw_cues, sort_keys=True, default=str).encode()).hexdigest()
    needs = (p.needs or () for cue in cues.values() for p in cue.strong + cue.soft)
    index: dict[str, list[str]] = {}
    for fragment in sorted(set().union(*needs)):
        index.setdefault(fragment[:3], []).append(fragment)
    return Lexicon(
        cues=MappingProxyType(cues),
        stopwords=stopwords,
        synonyms=MappingProxyType(synonyms),
        version=digest[:12],
        spellings=MappingProxyType(_spellings(raw_cues)),
        dispatch=build_dispatch(cues),
        fragments=MappingProxyType({k: tuple(v) for k, v in index.items()}),
    )


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Parse the packaged cue file once per process (static package data)."""
    return parse_lexicon(_load_yaml("cues.yaml"))
