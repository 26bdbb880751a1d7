"""The scenario library's plain data: markers, scenarios and their parts.

Everything here is a frozen dataclass built only by the validating parser, so
code that holds a `ScenarioSpec` may trust it without checking again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from ruptures.library.errors import Problem
from ruptures.rubric.types import CriterionSpec, ScenarioRubric

# The rupture vocabulary, declared once for pure code and for the models' choices.
RUPTURE_KINDS: tuple[str, ...] = ("withdrawal", "confrontation")  # markers belong to one
NO_RUPTURE = "none"  # the rupture type of a foil: nothing ruptured
RUPTURE_TYPES: tuple[str, ...] = (*RUPTURE_KINDS, NO_RUPTURE)
DIFFICULTIES: tuple[str, ...] = ("beginner", "intermediate", "advanced")
SETTINGS: tuple[str, ...] = (
    "individual",
    "couples",
    "group",
    "family",
    "telehealth",
    "adolescent",
    "mandated",
    "inpatient",
)
ATTACHMENT_STYLES: tuple[str, ...] = ("secure", "anxious", "avoidant", "disorganized")
# Whether trainees see a scenario. Not content: changing it makes no new version.
DRAFT, PUBLISHED = "draft", "published"
STATUSES: tuple[str, ...] = (DRAFT, PUBLISHED)

# A scenario is a few kilobytes; anything this big is a mistake or an attack,
# and is refused before the YAML parser spends time or memory on it.
MAX_FILE_BYTES = 256 * 1024


@dataclass(frozen=True)
class Marker:
    """A catalogue entry: an observable sign of a withdrawal or confrontation rupture."""

    code: str
    kind: str
    group: str
    label: str
    description: str


@dataclass(frozen=True)
class MarkerCatalogue:
    """The markers scenarios may use, in catalogue order."""

    markers: tuple[Marker, ...]

    @property
    def by_code(self) -> Mapping[str, Marker]:
        """Markers keyed by code."""
        return MappingProxyType({marker.code: marker for marker in self.markers})

    @property
    def codes(self) -> tuple[str, ...]:
        """Every code, in catalogue order."""
        return tuple(marker.code for marker in self.markers)

    def for_kind(self, kind: str) -> tuple[Marker, ...]:
        """The markers of one rupture kind (`withdrawal` or `confrontation`)."""
        return tuple(marker for marker in self.markers if marker.kind == kind)


@dataclass(frozen=True)
class Client:
    """Who the trainee is working with."""

    name: str
    age: int
    presenting_concern: str
    attachment_style: str

    def to_dict(self) -> dict[str, Any]:
        """Plain data in file order."""
        return {
            "name": self.name,
            "age": self.age,
            "presenting_concern": self.presenting_concern,
            "attachment_style": self.attachment_style,
        }


@dataclass(frozen=True)
class Turn:
    """One utterance of the transcript, with the markers it carries."""

    speaker: str
    text: str
    nonverbal: str = ""
    markers: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Plain data in file order, leaving out empty optional fields."""
        data: dict[str, Any] = {"speaker": self.speaker, "text": self.text}
        if self.nonverbal:
            data["nonverbal"] = self.nonverbal
        if self.markers:
            data["markers"] = list(self.markers)
        return data


@dataclass(frozen=True)
class Counterexample:
    """A poor answer to a step and the pitfall it falls into."""

    text: str
    pitfall: str

    def to_dict(self) -> dict[str, Any]:
        """Plain data in file order."""
        return {"text": self.text, "pitfall": self.pitfall}


def criterion_to_dict(criterion: CriterionSpec) -> dict[str, Any]:
    """Plain data for a rubric criterion, in file order."""
    return {
        "name": criterion.name,
        "description": criterion.description,
        "indicators": list(criterion.indicators),
        "weight": criterion.weight,
    }


@dataclass(frozen=True)
class StepSpec:
    """What one repair step asks of the trainee and how this scenario judges it."""

    name: str
    prompt: str
    exemplars: tuple[str, ...]
    counterexamples: tuple[Counterexample, ...]
    criteria: tuple[CriterionSpec, ...]

    def to_dict(self) -> dict[str, Any]:
        """Plain data in file order; the name is the key it is filed under."""
        return {
            "prompt": self.prompt,
            "exemplars": list(self.exemplars),
            "counterexamples": [item.to_dict() for item in self.counterexamples],
            "criteria": [criterion_to_dict(item) for item in self.criteria],
        }


@dataclass(frozen=True)
class ScenarioSpec:
    """A validated scenario; `steps` are in `STEPS` order and empty for a foil."""

    slug: str
    title: str
    rupture_type: str
    markers: tuple[str, ...]
    difficulty: str
    setting: str
    themes: tuple[str, ...]
    client: Client
    context: str
    transcript: tuple[Turn, ...]
    steps: tuple[StepSpec, ...] = ()
    why_no_rupture: str = ""
    status: str = PUBLISHED  # a file without `status` is published, as before the field

    @property
    def is_rupture(self) -> bool:
        """Whether something ruptured (False for a `none` foil)."""
        return self.rupture_type != NO_RUPTURE

    def step(self, name: str) -> StepSpec:
        """The step called `name`; KeyError if this scenario has no such step."""
        for step in self.steps:
            if step.name == name:
                return step
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """The content as canonical plain data, in file order, without empty optional fields.

        The status is left out: it says who sees the content, and is not part of
        it (`content_hash` and stored versions ignore it; `to_file_dict` adds it).
        """
        data: dict[str, Any] = {
            "slug": self.slug,
            "title": self.title,
            "rupture_type": self.rupture_type,
            "markers": list(self.markers),
            "difficulty": self.difficulty,
            "setting": self.setting,
        }
        if self.themes:
            data["themes"] = list(self.themes)
        data["client"] = self.client.to_dict()
        data["context"] = self.context
        data["transcript"] = [turn.to_dict() for turn in self.transcript]
        if self.steps:
            data["steps"] = {step.name: step.to_dict() for step in self.steps}
        if self.why_no_rupture:
            data["why_no_rupture"] = self.why_no_rupture
        return data

    def to_file_dict(self) -> dict[str, Any]:
        """What a scenario file holds: the content, with the status after the title."""
        data = self.to_dict()
        items = list(data.items())
        at = list(data).index("title") + 1
        return dict([*items[:at], ("status", self.status), *items[at:]])

    def content_hash(self) -> str:
        """Hex sha256 of the canonical JSON form; changes whenever any content does."""
        canonical = json.dumps(
            self.to_dict(), sort_keys=True, ensure_ascii=False, separators=(",", ":")
        )
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()

    def vignette_text(self) -> str:
        """Context and transcript as plain text, one turn a line."""
        lines = [self.context, ""]
        for turn in self.transcript:
            cue = f" [{turn.nonverbal}]" if turn.nonverbal else ""
            lines.append(f"{turn.speaker.capitalize()}:{cue} {turn.text}")
        return "\n".join(lines)

    def rubric(self) -> ScenarioRubric:
        """What this scenario adds to the default rubric, versioned by content."""
        texts = [self.context]
        for turn in self.transcript:
            texts.append(turn.text)
            if turn.nonverbal:
                texts.append(turn.nonverbal)
        return ScenarioRubric(
            context="\n".join(texts),
            criteria=MappingProxyType({step.name: step.criteria for step in self.steps}),
            exemplars=MappingProxyType({step.name: step.exemplars for step in self.steps}),
            version=self.content_hash()[:12],
        )


@dataclass(frozen=True)
class Library:
    """The result of loading many files: the good scenarios and every problem."""

    scenarios: tuple[ScenarioSpec, ...]
    problems: tuple[Problem, ...]

    @property
    def ok(self) -> bool:
        """True when no file had a problem."""
        return not self.problems
