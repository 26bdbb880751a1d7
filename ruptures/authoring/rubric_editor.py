"""The rubric editors: one step's criteria, exemplars, praise and pitfall severities; the pitfalls.

Each editor changes its part of the current rubric's data and leaves the rest
as it is; the engine's `parse_rubric_data` validates the whole, and each of
its problems names the field path (`steps.invite.criteria[2].weight: must be
1..50`), which is the name of the input to show it beside: every problem at
once, as the scenario editor does.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from functools import cached_property
from typing import Any

from ruptures.authoring.fields import (
    Block,
    Field,
    PostData,
    apply_action,
    parse_action,
    place_errors,
    row_indexes,
    split_lines,
    whole_number,
)
from ruptures.library.checks import UNSTORABLE, UNSTORABLE_MESSAGE
from ruptures.rubric import (
    LEVEL_LABELS,
    PITFALLS,
    STEPS,
    Rubric,
    RubricError,
    parse_rubric_data,
)
from ruptures.rubric.acts import ACT_KINDS

MOST_CRITERIA = 20
CRITERION = {
    "name": "",
    "description": "",
    "detector": [],
    "weight": "",
    "priority": "",
    "feedback": "",
    "params": "",
}
INHERIT = ""  # a pitfall's severity in a step: as its default says
ACT_CHOICES = [(kind, kind.replace("_", " ")) for kind in ACT_KINDS]


def rubric_problems(error: RubricError) -> list[tuple[str, str]]:
    """Every (path, message) of the engine's "path: message" problems."""
    return [_problem(problem) for problem in error.problems]


def _problem(text: str) -> tuple[str, str]:
    path, _, message = text.partition(": ")
    return (path, message) if message else ("", path)


def unstorable_paths(data: Any, path: str = "") -> list[str]:
    """The paths (`steps.invite.praise`, `...exemplars[2]`) of texts no database can store."""
    if isinstance(data, str):
        return [path] if UNSTORABLE.search(data) else []
    if isinstance(data, Mapping):
        items = ((f"{path}.{key}" if path else str(key), value) for key, value in data.items())
    elif isinstance(data, list | tuple):
        items = ((f"{path}[{i}]", value) for i, value in enumerate(data))
    else:
        return []
    return [found for sub, value in items for found in unstorable_paths(value, sub)]


class _Editor:
    """What both rubric editors share: base data, problems, and parsing the result."""

    def __init__(self, base: Mapping[str, Any]) -> None:
        self.base = base
        self.problems: list[tuple[str, str]] = []

    def data(self) -> dict[str, Any]:
        raise NotImplementedError

    def rubric(self) -> Rubric | None:
        """The whole rubric with this editor's changes, or None with the problem placed."""
        data = self.data()  # may find problems of its own, such as unreadable settings
        try:
            rubric = parse_rubric_data(data)
        except RubricError as exc:
            # The engine's problems join the editor's: every one shows at once.
            self.problems.extend(rubric_problems(exc))
            rubric = None
        # The engine could score such text, but the database cannot store it.
        self.problems += [(path, UNSTORABLE_MESSAGE) for path in unstorable_paths(data)]
        if self.problems:
            self.__dict__.pop("view", None)
            return None
        return rubric


class StepRubricEditor(_Editor):
    """One step of the default rubric: criteria (rows), exemplars, praise, pitfall severities."""

    def __init__(self, step: str, base: Mapping[str, Any], state: dict[str, Any]) -> None:
        super().__init__(base)
        self.step, self.state, self.path = step, state, f"steps.{step}"

    @classmethod
    def from_data(cls, step: str, base: Mapping[str, Any]) -> StepRubricEditor:
        raw = base["steps"][step]
        state = {
            "criteria": [
                {
                    "name": c["name"],
                    "description": c["description"],
                    "detector": list(c["detector"]),
                    "weight": str(c["weight"]),
                    "priority": str(c.get("priority", c["weight"])),
                    "feedback": c["feedback"],
                    "params": ", ".join(f"{k}={v}" for k, v in c.get("params", {}).items()),
                }
                for c in raw["criteria"]
            ],
            "exemplars": "\n".join(raw["exemplars"]),
            "praise": raw["praise"],
            "severity": {
                p: base["pitfalls"][p].get("steps", {}).get(step, INHERIT) for p in PITFALLS
            },
        }
        return cls(step, base, state)

    @classmethod
    def from_post(cls, step: str, base: Mapping[str, Any], post: PostData) -> StepRubricEditor:
        path = f"steps.{step}"
        criteria = []
        for i in row_indexes(post, f"{path}.criteria"):
            row = f"{path}.criteria[{i}]"
            criterion = {key: str(post.get(f"{row}.{key}", "")) for key in CRITERION}
            criterion["detector"] = post.getlist(f"{row}.detector")
            criteria.append(criterion)
        state = {
            "criteria": criteria,
            "exemplars": str(post.get(f"{path}.exemplars", "")),
            "praise": str(post.get(f"{path}.praise", "")),
            "severity": {
                p: str(post.get(f"pitfalls.{p}.steps.{step}", INHERIT)) for p in PITFALLS
            },
        }
        return cls(step, base, state)

    def apply(self, value: str) -> bool:
        """Carry out a criteria row edit ("add:steps.invite.criteria", ...); False if none."""
        action = parse_action(value, [f"{self.path}.criteria"])
        if action is None:
            return False
        self.state["criteria"] = apply_action(
            self.state["criteria"], action, copy.deepcopy(CRITERION), most=MOST_CRITERIA
        )
        self.__dict__.pop("view", None)
        return True

    def data(self) -> dict[str, Any]:
        data = copy.deepcopy(dict(self.base))
        data["steps"][self.step] = {
            "criteria": [self._criterion(i, row) for i, row in enumerate(self.state["criteria"])],
            "exemplars": split_lines(self.state["exemplars"]),
            "praise": self.state["praise"],
        }
        for pitfall, severity in self.state["severity"].items():
            steps = data["pitfalls"][pitfall].setdefault("steps", {})
            if severity == INHERIT:
                steps.pop(self.step, None)
            else:
                steps[self.step] = severity
        return data

    def _criterion(self, i: int, row: Mapping[str, Any]) -> dict[str, Any]:
        criterion = {
            "name": row["name"],
            "description": row["description"],
            "detector": list(row["detector"]),
            "weight": whole_number(row["weight"]),
            "feedback": row["feedback"],
            "params": self._params(i, row["params"]),
        }
        if row["priority"].strip():
            criterion["priority"] = whole_number(row["priority"])
        return criterion

    def _params(self, i: int, text: str) -> dict[str, Any]:
        params: dict[str, Any] = {}
        for item in (part.strip() for part in text.split(",")):
            key, sep, value = item.partition("=")
            if not item:
                continue
            if not sep or not key.strip():
                path = f"{self.path}.criteria[{i}].params"
                self.problems.append((path, f"write each setting as name=number, found '{item}'"))
                continue
            params[key.strip()] = whole_number(value)
        return params

    @cached_property
    def view(self) -> dict[str, Any]:
        targets: dict[str, Field | Block] = {}
        path = self.path
        severities = [
            (INHERIT, "As its default says"),
            ("none", "No cap in this step"),
            *((name, name.capitalize()) for name in self.base["severities"]),
        ]
        rows = []
        for i, row in enumerate(self.state["criteria"]):
            row_path = f"{path}.criteria[{i}]"
            fields = [
                Field(f"{row_path}.{key}", label, row[key], kind=kind, help=help, choices=choices)
                for key, label, kind, help, choices in _criterion_fields()
            ]
            targets.update((f.name, f) for f in fields)
            targets[row_path] = Block(row_path)
            rows.append((i, row_path, fields, targets[row_path]))
        texts = [
            Field(
                f"{path}.exemplars",
                "Exemplars",
                self.state["exemplars"],
                kind="textarea",
                rows=4,
                lines=True,
                help="One per line; a trainee's near copy of one scores 0.",
            ),
            Field(
                f"{path}.praise",
                "Praise",
                self.state["praise"],
                kind="textarea",
                rows=2,
                help="What a strong answer is told.",
            ),
        ]
        pitfalls = [
            Field(
                f"pitfalls.{p}.steps.{self.step}",
                self.base["pitfalls"][p]["label"],
                self.state["severity"][p],
                kind="select",
                choices=severities,
                help=f"default: {self.base['pitfalls'][p]['severity']}",
            )
            for p in PITFALLS
        ]
        for item in (*texts, *pitfalls):
            targets[item.name] = item
        targets[f"{path}.criteria"] = criteria_block = Block(f"{path}.criteria")
        general = place_errors(self.problems, targets)
        return {
            "criteria": rows,
            "criteria_block": criteria_block,
            "criteria_path": f"{path}.criteria",
            "can_add": len(rows) < MOST_CRITERIA,
            "texts": texts,
            "pitfalls": pitfalls,
            "general_errors": general,
        }


def _criterion_fields() -> list[tuple[str, str, str, str, list]]:
    return [
        ("name", "Name", "text", "", []),
        ("description", "Description", "text", "", []),
        ("detector", "Met by these acts", "multiple", "Any one of them meets it.", ACT_CHOICES),
        ("weight", "Weight", "number", "1 to 50: its share of the score band.", []),
        ("priority", "Priority", "number", "Which missed criterion feedback names first.", []),
        ("feedback", "Feedback when missed", "textarea", "", []),
        ("params", "Settings", "text", "Optional, e.g. min_words=20.", []),
    ]


class PitfallsEditor(_Editor):
    """Every pitfall's label, default severity, explanation and feedback."""

    TEXTS = ("label", "severity", "explanation", "feedback")

    def __init__(self, base: Mapping[str, Any], state: dict[str, dict[str, str]]) -> None:
        super().__init__(base)
        self.state = state

    @classmethod
    def from_data(cls, base: Mapping[str, Any]) -> PitfallsEditor:
        return cls(base, {p: {k: base["pitfalls"][p][k] for k in cls.TEXTS} for p in PITFALLS})

    @classmethod
    def from_post(cls, base: Mapping[str, Any], post: PostData) -> PitfallsEditor:
        state = {
            p: {k: str(post.get(f"pitfalls.{p}.{k}", "")) for k in cls.TEXTS} for p in PITFALLS
        }
        return cls(base, state)

    def data(self) -> dict[str, Any]:
        data = copy.deepcopy(dict(self.base))
        for pitfall, texts in self.state.items():
            data["pitfalls"][pitfall].update(texts)
        return data

    @cached_property
    def view(self) -> dict[str, Any]:
        severities = [(name, name.capitalize()) for name in self.base["severities"]]
        sections, targets = [], {}
        for p in PITFALLS:
            s, path = self.state[p], f"pitfalls.{p}"
            fields = [
                Field(f"{path}.label", "Label", s["label"]),
                Field(
                    f"{path}.severity",
                    "Severity",
                    s["severity"],
                    kind="select",
                    choices=severities,
                    help="Steps may say otherwise, on their own pages.",
                ),
                Field(
                    f"{path}.explanation", "Explanation", s["explanation"], kind="textarea", rows=2
                ),
                Field(f"{path}.feedback", "Feedback", s["feedback"], kind="textarea", rows=3),
            ]
            targets.update((f.name, f) for f in fields)
            sections.append((p, fields))
        return {"sections": sections, "general_errors": place_errors(self.problems, targets)}


class ScoringEditor(_Editor):
    """The score bands: the lowest score of each level above harmful.

    The engine places a try's score inside its level's band, and an
    attempt's total reads as the level whose band holds it. A new band
    applies to new tries; a score given before keeps its version's bands.
    """

    PATH = "scoring.bands"

    def __init__(self, base: Mapping[str, Any], bands: list[str]) -> None:
        super().__init__(base)
        self.bands = bands

    @classmethod
    def from_data(cls, base: Mapping[str, Any]) -> ScoringEditor:
        return cls(base, [str(b) for b in base["scoring"]["bands"]])

    @classmethod
    def from_post(cls, base: Mapping[str, Any], post: PostData) -> ScoringEditor:
        return cls(base, [str(post.get(f"{cls.PATH}[{i}]", "")) for i in range(3)])

    def data(self) -> dict[str, Any]:
        data = copy.deepcopy(dict(self.base))
        data["scoring"]["bands"] = [whole_number(b) for b in self.bands]
        return data

    @cached_property
    def view(self) -> dict[str, Any]:
        fields = [
            Field(
                f"{self.PATH}[{i}]",
                f"Lowest score of level {level}, {LEVEL_LABELS[level].lower()}",
                value,
                kind="number",
            )
            for i, (level, value) in enumerate(zip((1, 2, 3), self.bands, strict=True))
        ]
        targets: dict[str, Field | Block] = {f.name: f for f in fields}
        targets[self.PATH] = bands = Block(self.PATH)
        general = place_errors(self.problems, targets)
        return {"fields": fields, "bands": bands, "general_errors": general}


def step_labels() -> list[tuple[str, str]]:
    return [(step, step.capitalize()) for step in STEPS]
