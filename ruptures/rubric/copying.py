"""Near copies: an answer that is mostly a revealed exemplar is not the trainee's own.

Both texts become lower-cased word lists (punctuation, case and spacing do not
matter); the longest common runs of words (`difflib`) give how much of the
exemplar the answer reproduces and how much of the answer is reproduced. A
copy reproduces most of the exemplar AND is mostly made of it, so a few edits
do not hide a copy, while an answer in the trainee's own words that borrows a
phrase or two is not one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import Match, SequenceMatcher
from functools import lru_cache

_WORD = re.compile(r"[^\W_]+")
MIN_WORDS = 6  # shorter exemplars ("Tell me more.") are common phrases, not copies
COVERS_EXEMPLAR = 0.75  # share of the exemplar's words found, in order, in the answer
MADE_OF_EXEMPLAR = 0.6  # share of the answer's words that come from the exemplar
SIMILAR = 0.5  # above this, a suggested alternative is too close to the answer


@lru_cache(maxsize=1024)
def words_of(text: str) -> tuple[str, ...]:
    """Lower-cased words of a text, apostrophes dropped ("don't" -> "dont")."""
    return tuple(_WORD.findall(text.lower().replace("'", "").replace("\u2019", "")))


@lru_cache(maxsize=1024)
def vocabulary(text: str) -> frozenset[str]:
    """The distinct words of `words_of(text)` (cached: exemplars are compared again and again)."""
    return frozenset(words_of(text))


@lru_cache(maxsize=256)
def _blocks(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[Match, ...]:
    """Runs of two or more words `a` shares, in order, with `b` (cached: a near copy is
    aligned once, whether it is then judged alone or as part of a glued answer)."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return tuple(block for block in matcher.get_matching_blocks() if block.size >= 2)


def _most_matched(b: tuple[str, ...], sa: frozenset[str]) -> int:
    """An upper bound of `_matched(a, b)` without aligning: the words of `b` in runs of two
    or more words that all occur in `a` (its vocabulary `sa`); a matched run is one."""
    total = run = 0
    for word in b:
        if word in sa:
            run += 1
        else:
            if run >= 2:
                total += run
            run = 0
    return total + run if run >= 2 else total


def _matched(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """Words of `a` matched in order in `b`, counting only runs of two or more words."""
    return sum(block.size for block in _blocks(a, b))


def overlap(answer: str, other: str, floor: float = 0.0) -> tuple[float, float]:
    """(share of `other` reproduced in `answer`, share of `answer` taken from `other`).

    Pairs whose shared vocabulary already puts either share below `floor` are not
    aligned (both shares are reported as 0): the alignment is the costly part.
    """
    return _shares(words_of(answer), vocabulary(answer), words_of(other), vocabulary(other), floor)


def _shares(
    a: tuple[str, ...], sa: frozenset[str], b: tuple[str, ...], sb: frozenset[str], floor: float
) -> tuple[float, float]:
    """`overlap` of two word lists with their vocabularies."""
    if not a or not b:
        return 0.0, 0.0
    shared = len(sa & sb)
    if shared < floor * len(sb) or shared < floor * len(sa):
        return 0.0, 0.0
    m = _matched(a, b)
    return m / len(b), m / len(a)


def similarity(a: str, b: str) -> float:
    """Symmetric closeness in 0..1: the smaller of the two shares in `overlap`."""
    covers, made_of = overlap(a, b, floor=SIMILAR * 0.9)
    return min(covers, made_of)


# a candidate answers may copy: its text, words and vocabulary
_Candidate = tuple[str, tuple[str, ...], frozenset[str]]


@lru_cache(maxsize=64)
def _long_enough(candidates: tuple[str, ...]) -> tuple[_Candidate, ...]:
    """The candidates an answer can copy, with their words and vocabularies (cached: a
    rubric's and a scenario's exemplars are the same for every answer)."""
    return tuple(
        (c, words_of(c), vocabulary(c)) for c in candidates if len(words_of(c)) >= MIN_WORDS
    )


def copy_source(answer: str, candidates: Iterable[str]) -> str | None:
    """The candidate the answer nearly copies, or None."""
    a = words_of(answer)
    if len(a) < MIN_WORDS:
        return None
    sa = vocabulary(answer)
    floor = MADE_OF_EXEMPLAR * 0.9
    least = floor * len(sa)
    for candidate, b, sb in _long_enough(tuple(candidates)):
        # the words both share are no more than either has, so a vocabulary much smaller
        # or larger than the answer's fails `_shares`' floor: skip it before intersecting
        if len(sb) < least or len(sa) < floor * len(sb):
            continue
        # nor can it be a copy when too few of its words could be aligned at all
        most = _most_matched(b, sa)
        if most < COVERS_EXEMPLAR * len(b) or most < MADE_OF_EXEMPLAR * len(a):
            continue
        covers, made_of = _shares(a, sa, b, sb, floor=floor)
        if covers >= COVERS_EXEMPLAR and made_of >= MADE_OF_EXEMPLAR:
            return candidate
    return _glued(a, sa, _long_enough(tuple(candidates)))


def _glued(
    a: tuple[str, ...], sa: frozenset[str], candidates: tuple[_Candidate, ...]
) -> str | None:
    """The first of several candidates the answer reproduces, each almost whole, when
    together they make most of the answer (two exemplars joined, a few words between)."""
    covered: set[int] = set()
    used = []
    for candidate, b, sb in candidates:
        if len(sa & sb) < COVERS_EXEMPLAR * len(sb):  # cannot reproduce most of it
            continue
        if _most_matched(b, sa) < COVERS_EXEMPLAR * len(b):  # nor in runs of two words
            continue
        if _matched(a, b) >= COVERS_EXEMPLAR * len(b):
            used.append(candidate)
            covered.update(
                k for block in _blocks(a, b) for k in range(block.a, block.a + block.size)
            )
    if len(used) > 1 and len(covered) >= MADE_OF_EXEMPLAR * len(a):
        return used[0]
    return None
