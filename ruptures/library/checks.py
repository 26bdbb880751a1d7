"""A problem collector with typed field readers, shared by the file parsers.

Each reader returns the value when it is good and None when it is not, having
recorded why; callers carry on so one pass reports everything wrong.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Sequence
from typing import Any

from ruptures.library.errors import Problem

MAX_SHORT = 120
MAX_LONG = 2000

# What no database column can hold: NUL (PostgreSQL text and jsonb refuse it) and
# lone surrogates (no encoding holds them). A YAML file can spell both ("\0", "\ud800").
UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
UNSTORABLE_MESSAGE = (
    "holds a character that cannot be saved (an invisible null character, usually "
    "left over from pasting): delete it"
)


def join(path: str, key: str | int) -> str:
    """Extend a field path: `join("steps", "invite")`, `join("transcript", 2)`."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def describe(value: object) -> str:
    """A reader's name for the type of a YAML value."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def one_of(choices: Sequence[str]) -> str:
    """`choices` as an English list for error messages."""
    return ", ".join(choices)


class Checker:
    """Collects the problems of one source while reading its fields."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.problems: list[Problem] = []

    def add(self, path: str, message: str) -> None:
        """Record one problem."""
        self.problems.append(Problem(self.source, path, message))

    def mapping(
        self,
        value: object,
        path: str,
        *,
        allowed: Sequence[str],
        required: Collection[str] = (),
    ) -> dict[str, Any] | None:
        """`value` if it is a mapping; flags unknown and missing keys either way."""
        if not isinstance(value, dict):
            self.add(path, f"expected a mapping of {one_of(allowed)}, found {describe(value)}")
            return None
        for key in value:
            if key not in allowed:
                self.add(path, _unknown_field(key, allowed))
        for key in allowed:
            if key in required and key not in value:
                self.add(join(path, key), "required field is missing")
        return value

    def text(
        self, data: dict[str, Any], key: str, path: str, *, max_len: int = MAX_LONG
    ) -> str | None:
        """A non-empty string at `data[key]`, stripped; None if absent or bad."""
        if key not in data:
            return None
        return self.string(data[key], join(path, key), max_len=max_len)

    def optional_text(
        self, data: dict[str, Any], key: str, path: str, *, max_len: int = MAX_LONG
    ) -> str | None:
        """Like `text`, but absent or null is the empty string."""
        if data.get(key) is None:
            return ""
        return self.string(data[key], join(path, key), max_len=max_len)

    def string(self, value: object, path: str, *, max_len: int = MAX_LONG) -> str | None:
        """`value` stripped, if it is a non-empty string of at most `max_len` characters."""
        if not isinstance(value, str):
            self.add(path, f"expected text, found {describe(value)}")
            return None
        value = value.strip()
        if not value:
            self.add(path, "must not be empty")
            return None
        if UNSTORABLE.search(value):
            self.add(path, UNSTORABLE_MESSAGE)
            return None
        if len(value) > max_len:
            self.add(path, f"too long: {len(value)} characters, at most {max_len}")
            return None
        return value

    def choice(
        self, data: dict[str, Any], key: str, path: str, choices: Sequence[str], *, what: str = ""
    ) -> str | None:
        """A string at `data[key]` that is one of `choices`."""
        if key not in data:
            return None
        return self.choice_value(data[key], join(path, key), choices, what=what)

    def choice_value(
        self, value: object, path: str, choices: Sequence[str], *, what: str = ""
    ) -> str | None:
        """`value` if it is one of `choices`; `what` names the kind in the message."""
        text = self.string(value, path, max_len=MAX_SHORT)
        if text is None:
            return None
        if text not in choices:
            noun = f"a known {what}" if what else "allowed"
            self.add(path, f"'{text}' is not {noun}; expected one of: {one_of(choices)}")
            return None
        return text

    def items(
        self, data: dict[str, Any], key: str, path: str, *, least: int, most: int
    ) -> list[Any] | None:
        """The list at `data[key]` if it holds `least` to `most` items; absent is None."""
        if key not in data:
            return None
        value, path = data[key], join(path, key)
        if not isinstance(value, list):
            self.add(path, f"expected a list, found {describe(value)}")
            return None
        if len(value) < least:
            self.add(path, f"at least {least} required, found {len(value)}")
        elif len(value) > most:
            self.add(path, f"at most {most} allowed, found {len(value)}")
        return value

    def strings(
        self, data: dict[str, Any], key: str, path: str, *, least: int, most: int, max_len: int
    ) -> tuple[str, ...] | None:
        """A list of strings at `data[key]`; None if absent or any item is bad."""
        values = self.items(data, key, path, least=least, most=most)
        if values is None:
            return None
        path = join(path, key)
        found = [self.string(v, join(path, i), max_len=max_len) for i, v in enumerate(values)]
        if any(value is None for value in found):
            return None
        return tuple(value for value in found if value is not None)

    def integer(
        self, data: dict[str, Any], key: str, path: str, *, low: int, high: int
    ) -> int | None:
        """A whole number from `low` to `high` at `data[key]`; None if absent or bad."""
        if key not in data:
            return None
        value, path = data[key], join(path, key)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            found = f"'{value}'" if isinstance(value, str) else str(value)
            self.add(path, f"must be a whole number from {low} to {high}, found {found}")
            return None
        return value


def _unknown_field(key: object, allowed: Sequence[str]) -> str:
    """The message for an unexpected key, suggesting the field meant when it is clear."""
    guess = difflib.get_close_matches(str(key), allowed, n=1)
    if guess:
        return f"unknown field '{key}'; did you mean '{guess[0]}'?"
    return f"unknown field '{key}'; allowed fields: {one_of(allowed)}"
