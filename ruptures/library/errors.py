"""Problems found in scenario and catalogue files, and the error carrying them.

A loader collects every problem in a file before giving up, so that an author
fixes a file in one pass instead of one complaint at a time.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file, at a dotted field path like `steps.invite`."""

    source: str
    path: str
    message: str

    def __str__(self) -> str:
        if self.path:
            return f"{self.source}: {self.path}: {self.message}"
        return f"{self.source}: {self.message}"


class ScenarioError(ValueError):
    """A file could not be used; `problems` lists everything found wrong in it."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class CatalogueError(ScenarioError):
    """The marker catalogue itself is malformed."""
