"""The trainee's practice list: one card per scenario with their progress on it."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ruptures.models import Difficulty, Scenario
from ruptures.rubric import Rubric, level_for_score


@dataclass(frozen=True)
class ScenarioCard:
    """A scenario on a trainee's practice list, with their progress on it."""

    slug: str
    title: str
    difficulty_label: str
    setting: str
    client_summary: str
    attempted: bool
    best_level: int | None
    open_attempt: int | None

    @property
    def state(self) -> str:
        """Where the trainee stands with it: one of SECTIONS' keys."""
        if self.open_attempt:
            return IN_PROGRESS
        return DONE if self.attempted else NEW

    @property
    def status_label(self) -> str:
        return dict(SECTIONS)[self.state]


IN_PROGRESS, NEW, DONE = "in-progress", "new", "done"
# The practice list's sections, in page order: (key, heading).
SECTIONS = ((IN_PROGRESS, "In progress"), (NEW, "New"), (DONE, "Done"))


@dataclass(frozen=True)
class PracticeSection:
    """One section of the list; `groups` are (sub-heading, cards), the heading "" for none."""

    key: str
    heading: str
    groups: tuple[tuple[str, tuple[ScenarioCard, ...]], ...]

    @property
    def count(self) -> int:
        return sum(len(cards) for _, cards in self.groups)


def practice_sections(cards: Iterable[ScenarioCard]) -> list[PracticeSection]:
    """The cards by where the trainee stands with them; a section with no card is left out.

    The new ones, often most of the library, come in groups by difficulty,
    easiest first, so that a newcomer sees where to begin rather than a wall.
    """
    cards = list(cards)
    sections = []
    for key, heading in SECTIONS:
        mine = tuple(c for c in cards if c.state == key)
        if not mine:
            continue
        if key == NEW:
            groups = tuple(
                (label, group)
                for label in dict.fromkeys(Difficulty.labels)
                if (group := tuple(c for c in mine if c.difficulty_label == label))
            )
        else:
            groups = (("", mine),)
        sections.append(PracticeSection(key, heading, groups))
    return sections


def practice_cards(
    scenarios: Iterable[Scenario],
    progress: Iterable[Mapping[str, Any]],
    rubric_for: Callable[[str | None], Rubric | None] = lambda version: None,
) -> list[ScenarioCard]:
    """Cards for `scenarios` from `Attempt.objects.for_trainee(u).for_practice_home()` rows.

    `rubric_for` gives the rubric of a row's `best_rubric` version, whose
    bands its best total reads in (services.rubrics.rubric_of; by default
    the packaged rubric's).
    """
    rows = {row["version__scenario"]: row for row in progress}
    cards = []
    for scenario in scenarios:
        row = rows.get(scenario.pk, {})
        best = row.get("best")
        cards.append(
            ScenarioCard(
                slug=scenario.slug,
                title=scenario.title,
                difficulty_label=scenario.get_difficulty_display(),
                setting=scenario.setting,
                client_summary=scenario.client_summary,
                attempted=bool(row),
                best_level=None
                if best is None
                else level_for_score(best, rubric_for(row["best_rubric"])),
                open_attempt=row.get("open_attempt"),
            )
        )
    return cards
