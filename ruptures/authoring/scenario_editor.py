"""The scenario editor: every field of the library format as one form, checked by the library.

What was posted is kept as typed (`state`), turned into the library's data
(`data()`) and validated by `parse_scenario`, the loader's own validation;
each problem comes back at its path and is shown beside its field. Turns,
counterexamples and criteria are rows that buttons add, remove and move
(`fields.parse_action`), with or without JavaScript.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from ruptures.authoring.fields import (
    Block,
    Field,
    ListAction,
    PostData,
    apply_action,
    parse_action,
    place_errors,
)
from ruptures.authoring.scenario_state import (
    COUNTEREXAMPLE,
    CRITERION,
    TURN,
    blank_state,
    data_from_state,
    preview_rubric,
    state_from_data,
    state_from_post,
    typed_examples,
)
from ruptures.library import (
    ATTACHMENT_STYLES,
    DIFFICULTIES,
    NO_RUPTURE,
    PUBLISHED,
    RUPTURE_KINDS,
    RUPTURE_TYPES,
    SETTINGS,
    STEPS,
    MarkerCatalogue,
    ScenarioError,
    ScenarioSpec,
    default_catalogue,
    parse_scenario,
)
from ruptures.library.parse import MAX_TURNS
from ruptures.rubric import ScenarioRubric, pitfall_label
from ruptures.rubric.types import PITFALLS

SOURCE = "editor"
MOST_ROWS = 10  # counterexamples and criteria per step, as the format allows


def _choices(values: tuple[str, ...]) -> list[tuple[str, str]]:
    return [("", "Choose…"), *((value, value.capitalize()) for value in values)]


RUPTURE_CHOICES = [
    ("", "Choose…"),
    ("withdrawal", "Withdrawal"),
    ("confrontation", "Confrontation"),
    (NO_RUPTURE, "No rupture (a foil)"),
]
assert [value for value, _ in RUPTURE_CHOICES[1:]] == list(RUPTURE_TYPES)


# --- What the template draws ------------------------------------------------------


@dataclass
class Row:
    """One row of a list: its fields, and the errors about the row as a whole."""

    path: str
    index: int
    fields: list[Field]
    block: Block

    @property
    def number(self) -> int:
        return self.index + 1


@dataclass
class RowList:
    """A list of rows with its buttons' targets: `add:<path>`, `remove:<path>[i]`, ..."""

    path: str
    label: str
    rows: list[Row]
    block: Block
    most: int

    @property
    def can_add(self) -> bool:
        return len(self.rows) < self.most


@dataclass
class StepSection:
    name: str
    label: str
    prompt: Field
    exemplars: Field
    counterexamples: RowList
    criteria: RowList
    block: Block


class ScenarioEditor:
    """The editor's form. `slug` fixes the slug of a scenario that exists already."""

    LISTS = (
        "transcript",
        *(f"steps.{s}.{k}" for s in STEPS for k in ("counterexamples", "criteria")),
    )

    def __init__(
        self,
        state: dict[str, Any],
        *,
        slug: str | None = None,
        catalogue: MarkerCatalogue | None = None,
    ) -> None:
        self.state = state
        self.slug = slug
        if slug is not None:
            state["slug"] = slug
        self.catalogue = catalogue or default_catalogue()
        self.marker_choices = [
            (
                f"{kind.capitalize()} markers",
                [(m.code, m.label) for m in self.catalogue.for_kind(kind)],
            )
            for kind in RUPTURE_KINDS
        ]
        self.problems: list[tuple[str, str]] = []

    @classmethod
    def from_post(cls, post: PostData, *, slug: str | None = None) -> ScenarioEditor:
        return cls(state_from_post(post), slug=slug)

    @classmethod
    def from_data(cls, data: Mapping[str, Any], *, slug: str) -> ScenarioEditor:
        return cls(state_from_data(data), slug=slug)

    @classmethod
    def blank(cls) -> ScenarioEditor:
        return cls(blank_state())

    # --- editing rows -------------------------------------------------------------

    def apply(self, value: str) -> ListAction | None:
        """Carry out the row edit a button asked for; None when it asked for none."""
        action = parse_action(value, self.LISTS)
        if action is None:
            return None
        if action.path == "transcript":
            self.state["transcript"] = apply_action(
                self.state["transcript"], action, copy.deepcopy(TURN), most=MAX_TURNS
            )
        else:
            _, step, key = action.path.split(".")
            blank = COUNTEREXAMPLE if key == "counterexamples" else CRITERION
            rows = self.state["steps"][step][key]
            self.state["steps"][step][key] = apply_action(
                rows, action, dict(blank), most=MOST_ROWS
            )
        self.__dict__.pop("view", None)
        return action

    # --- validating ---------------------------------------------------------------

    def data(self, *, status: str = PUBLISHED) -> dict[str, Any]:
        return data_from_state(self.state, status=status)

    def validate(self, *, status: str = PUBLISHED) -> ScenarioSpec | None:
        """The scenario, valid by the library's rules; None with the problems placed."""
        try:
            return parse_scenario(
                self.data(status=status), source=SOURCE, catalogue=self.catalogue
            )
        except ScenarioError as exc:
            self.problems.extend((p.path, p.message) for p in exc.problems)
            self.__dict__.pop("view", None)
            return None

    def add_error(self, path: str, message: str) -> None:
        self.problems.append((path, message))
        self.__dict__.pop("view", None)

    @property
    def error_count(self) -> int:
        return len(self.problems)

    # --- the live preview ---------------------------------------------------------

    def preview_rubric(self, step: str, *, exemplars: bool = True) -> ScenarioRubric:
        """The scenario's part of the rubric as typed so far, for one step."""
        return preview_rubric(self.state, step, exemplars=exemplars)

    def examples(self) -> list[tuple[str, str, str]]:
        """Every exemplar and counterexample typed: (step, text, pitfall or "")."""
        return typed_examples(self.state)

    # --- what the template draws --------------------------------------------------

    @cached_property
    def view(self) -> dict[str, Any]:
        """Fields, rows and sections for the template, each with its errors placed."""
        targets: dict[str, Field | Block] = {}
        choices = {
            "rupture_type": RUPTURE_CHOICES,
            "difficulty": _choices(DIFFICULTIES),
            "setting": _choices(SETTINGS),
            "attachment_style": _choices(ATTACHMENT_STYLES),
            "markers": self.marker_choices,
            "pitfall": [("", "Choose…"), *((p, pitfall_label(p)) for p in PITFALLS)],
        }

        def make(path: str, spec: FieldSpec, value: Any) -> Field:
            key, label, kind, extra = spec
            made = Field(path, label, value, kind=kind, choices=choices.get(key, ()), **extra)
            targets[path] = made
            return made

        def rows(path: str, label: str, items: list[dict], specs: tuple, most: int) -> RowList:
            made = []
            for i, item in enumerate(items):
                row = f"{path}[{i}]"
                fields = [make(f"{row}.{spec[0]}", spec, item[spec[0]]) for spec in specs]
                made.append(Row(row, i, fields, _block(targets, row)))
            return RowList(path, label, made, _block(targets, path), most)

        state = self.state
        top = {spec[0]: make(spec[0], spec, state[spec[0]]) for spec in TOP_FIELDS}
        if self.slug:
            top["slug"].kind = "readonly"
        client = [make(f"client.{spec[0]}", spec, state["client"][spec[0]]) for spec in CLIENT]
        transcript = rows("transcript", "Transcript", state["transcript"], TURN_FIELDS, MAX_TURNS)
        steps_block = _block(targets, "steps")
        steps = []
        for name in STEPS:
            step, path = state["steps"][name], f"steps.{name}"
            prompt, exemplars = (make(f"{path}.{s[0]}", s, step[s[0]]) for s in STEP_TEXTS)
            counter = rows(
                f"{path}.counterexamples",
                "Poor answers (counterexamples)",
                step["counterexamples"],
                COUNTER_FIELDS,
                MOST_ROWS,
            )
            criteria = rows(
                f"{path}.criteria",
                "This scenario's criteria",
                step["criteria"],
                CRITERION_FIELDS,
                MOST_ROWS,
            )
            block = _block(targets, path)
            steps.append(
                StepSection(name, name.capitalize(), prompt, exemplars, counter, criteria, block)
            )
        return {
            **top,
            "client": client,
            "transcript": transcript,
            "steps": steps,
            "steps_block": steps_block,
            "general_errors": place_errors(self.problems, targets),
            "is_foil": state["rupture_type"] == NO_RUPTURE,
        }


# (key, label, kind, extra Field arguments): the editor's fields, in page order.
FieldSpec = tuple[str, str, str, dict[str, Any]]
TOP_FIELDS: tuple[FieldSpec, ...] = (
    ("slug", "Slug", "text", {"help": "Lowercase letters, digits and hyphens; fixed once saved."}),
    ("title", "Title", "text", {}),
    ("rupture_type", "Rupture type", "select", {}),
    ("difficulty", "Difficulty", "select", {}),
    ("setting", "Setting", "select", {}),
    ("themes", "Themes", "text", {"help": "Optional tags, separated by commas."}),
    (
        "markers",
        "Markers of this rupture",
        "checkboxes",
        {"help": "Each must be carried by a turn of the transcript; a foil has none."},
    ),
    (
        "context",
        "Context",
        "textarea",
        {"rows": 4, "help": "What led here, in two to five sentences, in the third person."},
    ),
    (
        "why_no_rupture",
        "Why nothing ruptured",
        "textarea",
        {"rows": 3, "help": "Only for a foil: what the trainee reads after answering."},
    ),
)
CLIENT: tuple[FieldSpec, ...] = (
    ("name", "Client's name", "text", {}),
    ("age", "Age", "number", {}),
    ("presenting_concern", "Presenting concern", "textarea", {"rows": 2}),
    ("attachment_style", "Attachment style", "select", {}),
)
TURN_FIELDS: tuple[FieldSpec, ...] = (
    ("speaker", "Speaker", "text", {"help": "client, therapist, or a name"}),
    ("text", "Words", "textarea", {"rows": 2}),
    ("nonverbal", "Non-verbal cue", "text", {"help": "Optional."}),
    ("markers", "Markers this turn carries", "multiple", {}),
)
STEP_TEXTS: tuple[FieldSpec, ...] = (
    ("prompt", "Prompt", "textarea", {"rows": 2}),
    (
        "exemplars",
        "Strong answers (exemplars)",
        "textarea",
        {"rows": 4, "lines": True, "help": "One per line, at least two."},
    ),
)
COUNTER_FIELDS: tuple[FieldSpec, ...] = (
    ("text", "Poor answer", "textarea", {"rows": 2}),
    ("pitfall", "Its pitfall", "select", {}),
)
CRITERION_FIELDS: tuple[FieldSpec, ...] = (
    ("name", "Name", "text", {"help": "snake_case, unique in the step"}),
    ("description", "Description", "text", {}),
    ("indicators", "Indicators", "text", {"help": "Words or short phrases, separated by commas."}),
    ("weight", "Weight", "number", {"help": "1 to 3; 1 when left empty."}),
)


def _block(targets: dict[str, Field | Block], path: str) -> Block:
    block = targets.get(path)
    if not isinstance(block, Block):
        block = targets[path] = Block(path)
    return block
