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
import sys
from dataclasses import dataclass

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
    """Whether what ends at `end` is quantified to allow none: `?`, `*` or `{m,n}` (a
    `{macro}` that follows is no quantifier)."""
    if end >= len(source):
        return False
    return source[end] in "?*" or source.startswith(("{0", "{,"), end)


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


@dataclass(frozen=True)
class Prefiltered:
    """A regex searched for only in texts holding one of the fragments any of its
    matches contains (`required`): a few substring tests instead of a scan, for the
    grammar's own patterns that most answers never match."""

    regex: re.Pattern[str]
    needs: tuple[str, ...] | None  # None: always searched

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        """`regex.search(text, pos, endpos)`, None at once when no needed fragment occurs."""
        if self.needs is not None and not any(map(text.__contains__, self.needs)):
            return None
        return self.regex.search(text, pos, endpos)


def prefiltered(pattern: str) -> Prefiltered:
    """Compile `pattern` with the fragments it needs."""
    needs = required(pattern)
    return Prefiltered(re.compile(pattern), None if needs is None else tuple(sorted(needs)))


# --- where a match can start ------------------------------------------------------
# Most cue patterns begin with literal words ("i notice…", "sounds like…"). Trying each
# pattern, with an anchored `match`, only at the tokens that begin so (and are followed
# by the right second word) replaces a search of the whole answer per pattern.
# `first_words` reads the compiled pattern's parse tree. States of a prefix: "open"
# (in the first word), "open2" (in the second), "part" (ended: a prefix is all we know).

_MAX_PREFIXES = 256
_OPEN = ("open", "open2")


def _is_space_class(av: object) -> bool:
    return isinstance(av, list) and all(
        str(op) == "CATEGORY" and str(arg) == "CATEGORY_SPACE" for op, arg in av
    )


def _is_space(item: tuple) -> bool:
    op, av = item
    if str(op) == "LITERAL":
        return chr(av).isspace()
    return str(op) == "IN" and _is_space_class(av)


def _space(prefix: str, state: str) -> tuple[str, str]:
    if state == "open":  # the first word ends; a space first means no anchor
        return (prefix + " ", "open2") if prefix else (prefix, "part")
    return (prefix, "open2") if prefix.endswith(" ") else (prefix, "part")


def _step(item: tuple, prefixes: set[tuple[str, str]]) -> set[tuple[str, str]]:
    """Apply one parse-tree item to the (prefix, state) pairs."""
    op, av = item
    name = str(op)
    still = {p for p in prefixes if p[1] in _OPEN}
    if not still:
        return prefixes
    done = prefixes - still
    if _is_space(item):
        out = {_space(p, s) for p, s in still}
    elif name == "LITERAL" and (chr(av).isalnum() or chr(av) == "'"):
        out = {(p + chr(av), s) for p, s in still}
    elif name == "SUBPATTERN":
        out = _walk(av[-1], still)
    elif name == "BRANCH":
        out = set().union(*(_walk(alt, still) for alt in av[1]))
    elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        lo, hi, sub = av
        if len(sub) == 1 and _is_space(sub[0]):  # a run of spaces is one space
            once = {_space(p, s) for p, s in still}
        else:
            once = _walk(sub, still)
            if hi != 1:
                once = {(p, "part" if s in _OPEN else s) for p, s in once}
        out = once | (still if lo == 0 else set())
    elif name == "AT" and str(av) == "AT_BOUNDARY":
        out = {(p, s if not p else "part") for p, s in still}
    elif name in ("ASSERT", "ASSERT_NOT"):
        out = still  # zero-width: only narrows where a match starts
    else:
        out = {(p, "part") for p, _ in still}
    if len(out) > _MAX_PREFIXES:  # cut long enumerations short: a shorter prefix is safe
        out = {(p, "part") for p, _ in out}
    return done | out


def _walk(items: object, prefixes: set[tuple[str, str]]) -> set[tuple[str, str]]:
    for item in items:  # type: ignore[attr-defined]
        prefixes = _step(item, prefixes)
    return prefixes


def first_words(regex: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]] | None:
    """Where any match of `regex` can start: (first words, first-word prefixes, "first
    word + space + a prefix of the second"). A match starts at a token equal to one of
    the first, or beginning with one of the second, or a token and the next (after
    spaces) that fit one of the third. None when a match may start otherwise (with a
    wildcard, punctuation, an anchor): search for those."""
    from re import _parser  # the standard library's own regex parser

    try:
        found = _walk(_parser.parse(regex), {("", "open")})
    except Exception:  # noqa: BLE001 - unparseable here: fall back to searching
        return None
    if any(not p for p, _ in found):
        return None
    words, parts, pairs = set(), set(), set()
    for p, _ in found:
        first, space, second = p.partition(" ")
        if not space:
            parts.add(first)
        elif second:
            pairs.add(p)
        else:
            words.add(first)
    return frozenset(words), frozenset(parts), frozenset(pairs)


# --- where a searched pattern can start -------------------------------------------
# The few patterns no first word anchors ("(?:^|[.!?] )anyway", "/s") are searched for,
# and a regex search with no literal to look for tries every character of the answer.
# Most of them can only start at a line start or at one of a few characters
# (punctuation, "/"), so the scanner tries them at those places only. Same walk over
# the parse tree as above: (first characters, may start at a line start, may match
# the empty string).

_Starts = tuple[frozenset[str], bool, bool]


def start_chars(regex: str) -> frozenset[str] | None:
    """The characters any match of `regex` starts with, besides the start of the text
    or of a line (where callers always try it). None when a match may start elsewhere:
    at a wildcard, a class such as \\w or \\s, with an empty match, or ignoring case."""
    from re import _parser

    try:
        parsed = _parser.parse(regex)
    except Exception:  # noqa: BLE001 - unparseable here: fall back to searching
        return None
    if parsed.state.flags & re.IGNORECASE:
        return None
    found = _sequence_starts(parsed)
    return None if found is None or found[2] else found[0]


def _sequence_starts(items: object) -> _Starts | None:
    chars: frozenset[str] = frozenset()
    line = False
    for item in items:  # type: ignore[attr-defined]
        found = _item_starts(item)
        if found is None:
            return None
        chars, line = chars | found[0], line or found[1]
        if not found[2]:  # this item consumes a character or fixes the place: stop
            return chars, line, False
    return chars, line, True


def _item_starts(item: tuple) -> _Starts | None:
    op, av = item
    name = str(op)
    if name == "LITERAL":
        return frozenset(chr(av)), False, False
    if name == "IN":
        chars = _class_chars(av)
        return None if chars is None else (chars, False, False)
    if name == "AT":  # ^ and \A fix the start at a line start; \b, \B and $ only test
        fixed = str(av) in ("AT_BEGINNING", "AT_BEGINNING_STRING")
        return frozenset(), fixed, not fixed
    if name in ("ASSERT", "ASSERT_NOT"):  # a lookaround consumes nothing
        return frozenset(), False, True
    if name == "SUBPATTERN":
        return None if av[1] & re.IGNORECASE else _sequence_starts(av[-1])
    if name == "BRANCH":
        found = [_sequence_starts(alternative) for alternative in av[1]]
        if any(f is None for f in found):
            return None
        return (
            frozenset().union(*(f[0] for f in found)),  # type: ignore[index]
            any(f[1] for f in found),  # type: ignore[index]
            any(f[2] for f in found),  # type: ignore[index]
        )
    if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        lo, _, sub = av
        found = _sequence_starts(sub)
        return None if found is None else (found[0], found[1], found[2] or lo == 0)
    return None  # a wildcard, a back reference...


def _class_chars(items: list) -> frozenset[str] | None:
    """The characters of a class of literals and short ranges; None for \\w, [^...]..."""
    chars: set[str] = set()
    for op, av in items:
        if str(op) == "LITERAL":
            chars.add(chr(av))
        elif str(op) == "RANGE" and av[1] - av[0] < 128:
            chars.update(map(chr, range(av[0], av[1] + 1)))
        else:
            return None
    return frozenset(chars)
