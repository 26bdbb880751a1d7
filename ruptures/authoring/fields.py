"""Form fields named by data paths, rows of repeated fields, and placing errors beside them.

An editor builds `Field`s whose `name` is the path of the datum in the data
the validator reads (`client.age`, `transcript[3].text`). A problem reported
at a path lands on the field with that name, or on the nearest enclosing row,
list or field; what is left over is shown above the form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

# The largest index read from a posted list: more rows than any format allows,
# few enough that a forged index cannot make the server build millions.
MAX_ROWS = 60
_LAST_SEGMENT = re.compile(r"(\.[^.\[\]]+|\[\d+\])$")
_INDEX = re.compile(r"\[(\d+)\]")


class PostData(Protocol):
    def get(self, key: str, default: Any = ...) -> Any: ...
    def getlist(self, key: str) -> list[str]: ...
    def __iter__(self) -> Iterator[str]: ...


def parent_path(path: str) -> str:
    """`steps.invite.criteria[2]` for `steps.invite.criteria[2].weight`; "" at the top."""
    parent = _LAST_SEGMENT.sub("", path)
    return "" if parent == path else parent


def html_id(name: str) -> str:
    """An id for the input named `name`: letters, digits and hyphens only."""
    return "f-" + re.sub(r"[^a-zA-Z0-9]+", "-", name).strip("-")


@dataclass
class Field:
    """One input: its name (a data path), its label, what was typed, and its errors."""

    name: str
    label: str
    value: Any = ""
    kind: str = "text"  # text | textarea | number | select | multiple | checkboxes | readonly
    choices: Sequence[Any] = ()
    help: str = ""
    rows: int = 3
    lines: bool = False  # a textarea holding one item per line
    errors: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return html_id(self.name)

    @property
    def error_id(self) -> str:
        return self.id + "-errors"

    @property
    def help_id(self) -> str:
        return self.id + "-help"

    @property
    def grouped(self) -> bool:
        """Whether `choices` are (group label, [(value, label), ...]) pairs."""
        return bool(self.choices) and isinstance(self.choices[0][1], list | tuple)

    @property
    def described_by(self) -> str:
        """The ids of the help text and the errors, for aria-describedby."""
        ids = [self.help_id] if self.help else []
        return " ".join([*ids, self.error_id] if self.errors else ids)

    @property
    def selected(self) -> set[str]:
        """The chosen values of a select, multiple select or checkbox group."""
        if isinstance(self.value, str):
            return {self.value}
        return set(self.value)

    def describe(self, rest: str) -> str:
        """How a message about a part of this field (`[1]`, `.code`) names the part."""
        index = _INDEX.match(rest)
        if index:
            noun = "line" if self.lines else "item"
            return f"{noun} {int(index.group(1)) + 1}: "
        return ""


@dataclass
class Block:
    """A row of a list, or a whole list: a place for the errors about it as a whole."""

    path: str
    errors: list[str] = field(default_factory=list)


def place_errors(
    problems: Iterable[tuple[str, str]], targets: Mapping[str, Field | Block]
) -> list[str]:
    """Attach each (path, message) to the nearest target; return the messages placed nowhere."""
    unplaced: list[str] = []
    for path, message in problems:
        where = path
        while where and where not in targets:
            where = parent_path(where)
        target = targets.get(where) if where else None
        if target is None:
            unplaced.append(f"{path}: {message}" if path else message)
        elif isinstance(target, Field):
            target.errors.append(target.describe(path[len(where) :]) + message)
        else:
            target.errors.append(message)
    return unplaced


def row_indexes(post: PostData, prefix: str) -> list[int]:
    """The row numbers posted under `prefix` (`transcript[3].text` is row 3), in order."""
    pattern = re.compile(re.escape(prefix) + r"\[(\d+)\]\.")
    found = set()
    for key in post:
        match = pattern.match(key)
        if match and int(match.group(1)) < MAX_ROWS:
            found.add(int(match.group(1)))
    return sorted(found)


def split_lines(text: str) -> list[str]:
    """One item per non-blank line, each stripped."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def split_commas(text: str) -> list[str]:
    """Comma-separated items, stripped, blanks dropped."""
    return [item.strip() for item in text.split(",") if item.strip()]


def whole_number(text: str) -> int | str:
    """The number typed, or the text itself so that the validator names what was wrong."""
    text = text.strip()
    try:
        return int(text)
    except ValueError:
        return text


# --- Editing lists of rows without JavaScript ----------------------------------------
#
# Each list's buttons are submit buttons named "action": "add:<list>",
# "remove:<list>[i]", "up:<list>[i]", "down:<list>[i]". The editor re-renders
# with the change applied to what was posted, so nothing typed is lost.

_ACTION = re.compile(r"(add):(?P<list>[\w.]+)$|(remove|up|down):(?P<row>[\w.]+)\[(?P<i>\d+)\]$")


@dataclass(frozen=True)
class ListAction:
    op: str
    path: str  # the list's path
    index: int = -1


def parse_action(value: str, lists: Iterable[str]) -> ListAction | None:
    """The list edit an "action" button asks for, if it names one of `lists`."""
    match = _ACTION.match(value or "")
    if not match:
        return None
    if match.group(1):
        action = ListAction("add", match.group("list"))
    else:
        action = ListAction(match.group(3), match.group("row"), int(match.group("i")))
    return action if action.path in set(lists) else None


def apply_action(rows: list[Any], action: ListAction, blank: Any, *, most: int) -> list[Any]:
    """`rows` with the action applied; an index out of range changes nothing."""
    rows = list(rows)
    i = action.index
    if action.op == "add" and len(rows) < most:
        rows.append(blank)
    elif action.op == "remove" and 0 <= i < len(rows):
        del rows[i]
    elif action.op == "up" and 0 < i < len(rows):
        rows[i - 1], rows[i] = rows[i], rows[i - 1]
    elif action.op == "down" and 0 <= i < len(rows) - 1:
        rows[i], rows[i + 1] = rows[i + 1], rows[i]
    return rows
