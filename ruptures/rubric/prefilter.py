"""Cheap pre-checks that let the engine skip cue patterns which cannot match.

Running a few hundred regular expressions over every answer is the engine's
main cost, and most patterns cannot match most answers. For each pattern we
work out, from its source, a set of literal fragments one of which must occur
in any text it matches (e.g. "believ" for "i can't believe i"). A substring
test is far cheaper than a regex scan, so a pattern whose fragments are all
absent is skipped. The analysis is conservative: when unsure it returns None
("always run"), so skipping never changes a result (a test checks this).
"""

from __future__ import annotations

import re

_MIN_FRAGMENT = 3
_WORDS = re.compile(r"[a-z]+")
_SPECIAL = re.compile(r"\\[a-zA-Z]|\\x[0-9a-fA-F]{2}|\\.|\{[a-z0-9]+\}|\[[^\]]*\]|[.^$]")


def _split_top(source: str, sep: str) -> list[str]:
    """Split on `sep` at bracket depth zero."""
    parts, depth, start, i = [], 0, 0, 0
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth -= 1
        elif ch == sep and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start:])
    return parts


def _group_end(source: str, start: int) -> int:
    """Index just past the bracket group opening at `start`."""
    depth, i = 0, start
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        depth += ch in "(["
        depth -= ch in ")]"
        i += 1
        if depth == 0:
            return i
    return len(source)


def _optional(source: str, end: int) -> bool:
    return end < len(source) and source[end] in "?*{"


def _literal_fragment(text: str) -> str | None:
    """Longest run of letters in a literal stretch (apostrophes may be optional)."""
    words = _WORDS.findall(_SPECIAL.sub(" ", text))
    best = max(words, key=len, default="")
    return best if len(best) >= _MIN_FRAGMENT else None


def required(source: str) -> frozenset[str] | None:
    """Fragments one of which any match of the pattern `source` must contain, or None."""
    alternatives = _split_top(source, "|")
    if len(alternatives) > 1:
        found = [required(alt) for alt in alternatives]
        if any(f is None for f in found):
            return None
        return frozenset().union(*found)
    candidates: list[frozenset[str]] = []
    i, literal = 0, ""
    while i < len(source):
        ch = source[i]
        if ch in "([":
            end = _group_end(source, i)
            inner = source[i + 1 : end - 1]
            if (
                ch == "("
                and not _optional(source, end)
                and not inner.startswith(("?<", "?=", "?!"))
            ):
                sub = required(inner[2:] if inner.startswith("?:") else inner)
                if sub:
                    candidates.append(sub)
            literal += " "
            i = end
            continue
        if _optional(source, i + 1) and ch not in "\\":
            literal += " "  # a single optional character breaks the literal run
        else:
            literal += ch
        i += 1
    for stretch in re.split(r"\s{2,}|\\s\+", literal):
        fragment = _literal_fragment(stretch)
        if fragment:
            candidates.append(frozenset([fragment]))
    if not candidates:
        return None
    return max(candidates, key=lambda c: min(len(x) for x in c))
