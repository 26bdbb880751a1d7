"""The scenario editor's state: what was typed, kept as typed, and the library data it stands for.

`state_from_post` and `state_from_data` read the form and stored scenarios;
`data_from_state` gives the library's plain data, where a value that is not
valid (an age of "forty") stays as typed for the library to name.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from ruptures.authoring.fields import (
    PostData,
    row_indexes,
    split_commas,
    split_lines,
    whole_number,
)
from ruptures.library import NO_RUPTURE, PUBLISHED, STEPS, CriterionSpec
from ruptures.library.parse import MIN_TURNS
from ruptures.rubric import ScenarioRubric

TURN = {"speaker": "", "text": "", "nonverbal": "", "markers": []}
COUNTEREXAMPLE = {"text": "", "pitfall": ""}
CRITERION = {"name": "", "description": "", "indicators": "", "weight": ""}
STEP_FIELDS = ("prompt", "exemplars")


def blank_state() -> dict[str, Any]:
    """A new scenario: four empty turns, and each step with one row of each list."""
    return {
        "slug": "",
        "title": "",
        "rupture_type": "",
        "markers": [],
        "difficulty": "",
        "setting": "",
        "themes": "",
        "client": {"name": "", "age": "", "presenting_concern": "", "attachment_style": ""},
        "context": "",
        "transcript": [copy.deepcopy(TURN) for _ in range(MIN_TURNS)],
        "steps": {
            name: {
                "prompt": "",
                "exemplars": "",
                "counterexamples": [dict(COUNTEREXAMPLE)],
                "criteria": [dict(CRITERION)],
            }
            for name in STEPS
        },
        "why_no_rupture": "",
    }


def state_from_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """The editor's fields for stored scenario data (`ScenarioSpec.to_dict()`)."""
    state = blank_state()
    for key in ("slug", "title", "rupture_type", "difficulty", "setting", "context"):
        state[key] = str(data.get(key, ""))
    state["why_no_rupture"] = data.get("why_no_rupture", "")
    state["markers"] = list(data.get("markers", []))
    state["themes"] = ", ".join(data.get("themes", []))
    client = data.get("client", {})
    state["client"] = {key: str(client.get(key, "")) for key in state["client"]}
    state["transcript"] = [
        {
            "speaker": turn.get("speaker", ""),
            "text": turn.get("text", ""),
            "nonverbal": turn.get("nonverbal", ""),
            "markers": list(turn.get("markers", [])),
        }
        for turn in data.get("transcript", [])
    ]
    for name, step in data.get("steps", {}).items():
        state["steps"][name] = {
            "prompt": step.get("prompt", ""),
            "exemplars": "\n".join(step.get("exemplars", [])),
            "counterexamples": [
                {"text": c.get("text", ""), "pitfall": c.get("pitfall", "")}
                for c in step.get("counterexamples", [])
            ],
            "criteria": [
                {
                    "name": c.get("name", ""),
                    "description": c.get("description", ""),
                    "indicators": ", ".join(c.get("indicators", [])),
                    "weight": str(c.get("weight", "")),
                }
                for c in step.get("criteria", [])
            ],
        }
    return state


def state_from_post(post: PostData) -> dict[str, Any]:
    """The editor's fields as posted, exactly as typed."""

    def text(name: str) -> str:
        return str(post.get(name, ""))

    state = blank_state()
    for key in ("slug", "title", "rupture_type", "difficulty", "setting", "themes", "context"):
        state[key] = text(key)
    state["why_no_rupture"] = text("why_no_rupture")
    state["markers"] = post.getlist("markers")
    state["client"] = {key: text(f"client.{key}") for key in state["client"]}
    state["transcript"] = [
        {
            "speaker": text(f"transcript[{i}].speaker"),
            "text": text(f"transcript[{i}].text"),
            "nonverbal": text(f"transcript[{i}].nonverbal"),
            "markers": post.getlist(f"transcript[{i}].markers"),
        }
        for i in row_indexes(post, "transcript")
    ]
    for name in STEPS:
        path = f"steps.{name}"
        state["steps"][name] = {
            "prompt": text(f"{path}.prompt"),
            "exemplars": text(f"{path}.exemplars"),
            "counterexamples": [
                {key: text(f"{path}.counterexamples[{i}].{key}") for key in COUNTEREXAMPLE}
                for i in row_indexes(post, f"{path}.counterexamples")
            ],
            "criteria": [
                {key: text(f"{path}.criteria[{i}].{key}") for key in CRITERION}
                for i in row_indexes(post, f"{path}.criteria")
            ],
        }
    return state


def _step_is_empty(step: Mapping[str, Any]) -> bool:
    rows = [*step["counterexamples"], *step["criteria"]]
    texts = [step["prompt"], step["exemplars"], *(v for row in rows for v in row.values())]
    return not any(str(value).strip() for value in texts)


def data_from_state(state: Mapping[str, Any], *, status: str = PUBLISHED) -> dict[str, Any]:
    """The library's data for what was typed; invalid values stay for the library to name."""
    data: dict[str, Any] = {
        key: state[key]
        for key in ("slug", "title", "rupture_type", "markers", "difficulty", "setting")
    }
    data["status"] = status
    themes = split_commas(state["themes"])
    if themes:
        data["themes"] = themes
    client = dict(state["client"])
    client["age"] = whole_number(client["age"])
    data["client"] = client
    data["context"] = state["context"]
    data["transcript"] = [_turn_data(turn) for turn in state["transcript"]]
    steps = state["steps"]
    # A foil has no steps: they go to the library only when something is in them,
    # so that it can say they must go rather than lose them silently.
    if state["rupture_type"] != NO_RUPTURE or not all(_step_is_empty(s) for s in steps.values()):
        data["steps"] = {name: _step_data(steps[name]) for name in STEPS}
    if state["why_no_rupture"].strip():
        data["why_no_rupture"] = state["why_no_rupture"]
    return data


def _turn_data(turn: Mapping[str, Any]) -> dict[str, Any]:
    data = {"speaker": turn["speaker"], "text": turn["text"]}
    if turn["nonverbal"].strip():
        data["nonverbal"] = turn["nonverbal"]
    if turn["markers"]:
        data["markers"] = list(turn["markers"])
    return data


def _step_data(step: Mapping[str, Any]) -> dict[str, Any]:
    criteria = []
    for row in step["criteria"]:
        criterion = {
            "name": row["name"],
            "description": row["description"],
            "indicators": split_commas(row["indicators"]),
        }
        if row["weight"].strip():
            criterion["weight"] = whole_number(row["weight"])
        criteria.append(criterion)
    return {
        "prompt": step["prompt"],
        "exemplars": split_lines(step["exemplars"]),
        "counterexamples": [dict(row) for row in step["counterexamples"]],
        "criteria": criteria,
    }


# --- The live preview and the exemplar check read the state as typed --------------


def vignette_text(state: Mapping[str, Any]) -> str:
    """Context and every turn: what the engine reads to judge whether an answer is specific."""
    texts = [state["context"]]
    for turn in state["transcript"]:
        texts.extend(t for t in (turn["text"], turn["nonverbal"]) if t.strip())
    return "\n".join(texts)


def preview_rubric(
    state: Mapping[str, Any], step: str, *, exemplars: bool = True
) -> ScenarioRubric:
    """The scenario's part of the rubric as typed so far, for scoring answers to `step`.

    Criteria not yet complete (no name, no indicator, a weight out of range)
    are left out rather than refusing the preview. Without `exemplars` an
    answer is never taken for a copy of one (the exemplar check needs that).
    """
    criteria = tuple(
        spec for row in state["steps"][step]["criteria"] if (spec := _criterion(row)) is not None
    )
    typed = {
        name: tuple(split_lines(state["steps"][name]["exemplars"])) if exemplars else ()
        for name in STEPS
    }
    return ScenarioRubric(
        context=vignette_text(state), criteria={step: criteria}, exemplars=typed, version="preview"
    )


def typed_examples(state: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """Every exemplar and counterexample typed: (step, text, pitfall or "" for an exemplar)."""
    found = []
    for name in STEPS:
        step = state["steps"][name]
        found.extend((name, text, "") for text in split_lines(step["exemplars"]))
        found.extend(
            (name, row["text"].strip(), row["pitfall"])
            for row in step["counterexamples"]
            if row["text"].strip()
        )
    return found


def _criterion(row: Mapping[str, str]) -> CriterionSpec | None:
    weight = whole_number(row["weight"]) if row["weight"].strip() else 1
    indicators = tuple(split_commas(row["indicators"]))
    name = row["name"].strip()
    if not (name and indicators and isinstance(weight, int) and 1 <= weight <= 3):
        return None
    return CriterionSpec(name, row["description"].strip() or name, indicators, weight)
