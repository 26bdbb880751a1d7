"""Validating the `steps` of a rupture scenario: prompts, exemplars and rubric criteria.

Split from `parse` only for size; the rules are those of `scenarios/README.md`.
"""

from __future__ import annotations

import re
from typing import Any

from ruptures.library.checks import MAX_LONG, MAX_SHORT, Checker, join, one_of
from ruptures.library.model import NO_RUPTURE, Counterexample, StepSpec
from ruptures.rubric.types import PITFALLS, STEPS, CriterionSpec

STEP_FIELDS = ("prompt", "exemplars", "counterexamples", "criteria")
COUNTEREXAMPLE_FIELDS = ("text", "pitfall")
CRITERION_FIELDS = ("name", "description", "indicators", "weight")
_SNAKE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")


def read_steps(
    check: Checker, top: dict[str, Any], rupture_type: str | None
) -> tuple[StepSpec, ...] | None:
    """The five steps in `STEPS` order for a rupture, () for a foil, None if invalid."""
    if rupture_type == NO_RUPTURE:
        if top.get("steps") is not None:
            check.add("steps", f"a '{NO_RUPTURE}' scenario has no steps; remove this field")
            return None
        return ()
    if top.get("steps") is None:
        if rupture_type is not None:
            message = f"required for a {rupture_type} scenario: all of {one_of(STEPS)}"
            check.add("steps", message)
        return None
    steps = check.mapping(top["steps"], "steps", allowed=STEPS, required=STEPS)
    if steps is None:
        return None
    read = [_read_step(check, name, steps[name]) for name in STEPS if name in steps]
    if len(read) != len(STEPS) or any(step is None for step in read):
        return None
    return tuple(step for step in read if step is not None)


def _read_step(check: Checker, name: str, raw: object) -> StepSpec | None:
    path = join("steps", name)
    step = check.mapping(raw, path, allowed=STEP_FIELDS, required=STEP_FIELDS)
    if step is None:
        return None
    prompt = check.text(step, "prompt", path)
    exemplars = check.strings(step, "exemplars", path, least=2, most=10, max_len=MAX_LONG)
    counterexamples = _read_counterexamples(check, step, path)
    criteria = _read_criteria(check, step, path)
    if prompt is None or exemplars is None or counterexamples is None or criteria is None:
        return None
    return StepSpec(name, prompt, exemplars, counterexamples, criteria)


def _read_counterexamples(
    check: Checker, step: dict[str, Any], path: str
) -> tuple[Counterexample, ...] | None:
    raw = check.items(step, "counterexamples", path, least=1, most=10)
    if raw is None:
        return None
    path = join(path, "counterexamples")
    read = [_read_counterexample(check, item, join(path, i)) for i, item in enumerate(raw)]
    if any(item is None for item in read):
        return None
    return tuple(item for item in read if item is not None)


def _read_counterexample(check: Checker, raw: object, path: str) -> Counterexample | None:
    fields = COUNTEREXAMPLE_FIELDS
    item = check.mapping(raw, path, allowed=fields, required=fields)
    if item is None:
        return None
    text = check.text(item, "text", path)
    pitfall = check.choice(item, "pitfall", path, PITFALLS, what="pitfall")
    if text is None or pitfall is None:
        return None
    return Counterexample(text, pitfall)


def _read_criteria(
    check: Checker, step: dict[str, Any], path: str
) -> tuple[CriterionSpec, ...] | None:
    raw = check.items(step, "criteria", path, least=1, most=10)
    if raw is None:
        return None
    path = join(path, "criteria")
    read = [_read_criterion(check, item, join(path, i)) for i, item in enumerate(raw)]
    names = [criterion.name if criterion else None for criterion in read]
    for i, name in enumerate(names):
        if name is not None and name in names[:i]:
            check.add(join(join(path, i), "name"), f"'{name}' is already used in this step")
    if any(criterion is None for criterion in read):
        return None
    return tuple(criterion for criterion in read if criterion is not None)


def _read_criterion(check: Checker, raw: object, path: str) -> CriterionSpec | None:
    required = ("name", "description", "indicators")
    item = check.mapping(raw, path, allowed=CRITERION_FIELDS, required=required)
    if item is None:
        return None
    name = check.text(item, "name", path, max_len=MAX_SHORT)
    if name is not None and not _SNAKE.fullmatch(name):
        check.add(join(path, "name"), f"must be snake_case, found '{name}'")
        name = None
    description = check.text(item, "description", path)
    indicators = check.strings(item, "indicators", path, least=1, most=40, max_len=MAX_SHORT)
    weight = check.integer(item, "weight", path, low=1, high=3) if "weight" in item else 1
    if name is None or description is None or indicators is None or weight is None:
        return None
    return CriterionSpec(name, description, indicators, weight)
