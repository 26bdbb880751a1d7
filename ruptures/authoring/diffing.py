"""What changed between two versions of plain data (a scenario, a rubric), in readable form.

Pure Python over JSON-like data. Each changed value is one `Change`, named by
its path in words ("Steps › Invite › Criteria 3 › Weight"); a changed text
also carries a word-by-word diff, so a one-word edit in a long exemplar shows
as that word.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


@dataclass(frozen=True)
class Change:
    path: str
    kind: str  # added | removed | changed
    old: str
    new: str

    @property
    def label(self) -> str:
        return path_label(self.path)

    @property
    def words(self) -> list[tuple[str, str]]:
        """(op, text) pieces of a changed text: op is "", "del" or "ins"."""
        return word_diff(self.old, self.new) if self.kind == "changed" else []


def flatten(data: Any, path: str = "") -> dict[str, str]:
    """Every leaf of `data` by its path (`steps.invite.criteria[2].weight`), as text."""
    if isinstance(data, Mapping):
        found: dict[str, str] = {}
        for key, value in data.items():
            found.update(flatten(value, f"{path}.{key}" if path else str(key)))
        return found
    if isinstance(data, list):
        # A list of words (markers, indicators, detectors) reads best as one line.
        if data and all(not isinstance(i, Mapping | list) and len(str(i)) <= 40 for i in data):
            return {path: ", ".join(str(item) for item in data)}
        found = {}
        for i, item in enumerate(data):
            found.update(flatten(item, f"{path}[{i}]"))
        return found or {path: ""}
    return {path: "" if data is None else str(data)}


def changes(old: Any, new: Any) -> list[Change]:
    """The changes from `old` to `new`, in the order of `new` (removed ones after)."""
    before, after = flatten(old), flatten(new)
    found = []
    for path, value in after.items():
        if path not in before:
            found.append(Change(path, "added", "", value))
        elif before[path] != value:
            found.append(Change(path, "changed", before[path], value))
    found.extend(
        Change(path, "removed", value, "") for path, value in before.items() if path not in after
    )
    return found


def path_label(path: str) -> str:
    """`steps.invite.criteria[2].weight` as "Steps › Invite › Criteria 3 › Weight"."""
    parts = []
    for name, index in _PART.findall(path):
        if index:
            parts[-1] = f"{parts[-1]} {int(index) + 1}" if parts else f"Item {int(index) + 1}"
        else:
            parts.append(name.replace("_", " ").capitalize())
    return " › ".join(parts)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """`new` against `old` word by word: ("", kept), ("del", removed), ("ins", added)."""
    a, b = re.findall(r"\S+\s*", old), re.findall(r"\S+\s*", new)
    pieces: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            pieces.append(("", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            pieces.append(("del", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            pieces.append(("ins", "".join(b[j1:j2])))
    return pieces
