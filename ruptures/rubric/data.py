"""The rubric as editable data: parsing, validating, versioning, caching.

The rubric is the layer a program admin edits (in `default_rubric.yaml`, or
as a version stored by the app as JSON): per step the criteria (which acts
meet them, their weight, what to tell a trainee who missed them), exemplars
and praise; per pitfall its label, how severe it is in each step and what to
say about it; the score bands; the messages for answers that are not answers.
The trained model says *what the answer does*; the rubric says *what that is
worth* and *what to say*.

`parse_rubric_data(data)` validates plain data and raises `RubricError` naming
the field path (`steps.invite.criteria[2].weight: must be 1..50`);
`Rubric.to_data()` gives the data back, JSON-serialisable, so that
`parse_rubric_data(r.to_data())` round-trips. Parsed rubrics are cached by the
hash of their data, which is also their version.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from .acts import ACT_KINDS
from .types import PITFALLS, STEPS, RubricError

MESSAGES = ("copy", "word_list", "describes_answer", "too_short", "almost_there")
_CACHE_SIZE = 64
_cache: OrderedDict[str, Rubric] = OrderedDict()


@dataclass(frozen=True)
class Criterion:
    """A default criterion of one step: met when the answer shows one of its acts."""

    name: str
    description: str
    detectors: tuple[str, ...]
    weight: int
    feedback: str
    params: Mapping[str, Any]
    priority: int  # which missed criterion feedback names first (default: weight)


@dataclass(frozen=True)
class Pitfall:
    """A pitfall's severity per step (name of a severity, or "none") and texts."""

    name: str
    label: str  # how pages name it: "Premature apology"
    severity: Mapping[str, str]
    explanation: str
    feedback: str


@dataclass(frozen=True)
class StepRubric:
    """Criteria, exemplars and closing praise of one step."""

    criteria: tuple[Criterion, ...]
    exemplars: tuple[str, ...]
    praise: str


@dataclass(frozen=True, eq=False)  # identity hash: cached, one instance per version
class Rubric:
    """A parsed, validated rubric. `version` is a hash of its data."""

    steps: Mapping[str, StepRubric]
    pitfalls: Mapping[str, Pitfall]
    severities: Mapping[str, int]  # severity name -> highest level it allows
    scoring: Mapping[str, Any]
    messages: Mapping[str, str]
    version: str
    canonical: str  # the data as canonical JSON

    def to_data(self) -> dict[str, Any]:
        """The editable data, JSON-serialisable; `parse_rubric_data` reads it back."""
        return json.loads(self.canonical)

    @property
    def bands(self) -> tuple[int, int, int]:
        """Lowest score of levels 1, 2 and 3."""
        return tuple(self.scoring["bands"])  # type: ignore[return-value]


def _get(data: Any, key: str, where: str) -> Any:
    if not isinstance(data, Mapping):
        raise RubricError(f"{where}: must be a mapping")
    if key not in data:
        raise RubricError(f"{where}.{key}: missing" if where else f"{key}: missing")
    return data[key]


def _text(value: Any, where: str, *, empty: bool = False) -> str:
    if not isinstance(value, str) or (not empty and not value.strip()):
        raise RubricError(f"{where}: must be a non-empty text")
    return " ".join(value.split())


def _int(value: Any, where: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise RubricError(f"{where}: must be {low}..{high}")
    return value


class _Problems:
    """Every field's problem, gathered: one bad field does not hide the next."""

    def __init__(self) -> None:
        self.found: list[str] = []

    def check(self, read: Callable[[], Any], default: Any = None) -> Any:
        """`read()`, or `default` with its RubricError noted."""
        try:
            return read()
        except RubricError as exc:
            self.found.extend(exc.problems)
            return default


def _detectors(raw: Any, where: str) -> list[str]:
    detectors = _get(raw, "detector", where)
    detectors = [detectors] if isinstance(detectors, str) else detectors
    if not isinstance(detectors, list) or not detectors:
        raise RubricError(f"{where}.detector: must name one or more acts")
    for i, name in enumerate(detectors):
        if name not in ACT_KINDS:
            raise RubricError(f"{where}.detector[{i}]: unknown act {name!r}")
    return list(detectors)


def _params(raw: Any, where: str, problems: _Problems) -> dict[str, int]:
    params = raw.get("params") or {}
    if not isinstance(params, Mapping):
        raise RubricError(f"{where}.params: must be a mapping")
    return {
        str(k): problems.check(lambda k=k, v=v: _int(v, f"{where}.params.{k}", 0, 500), 0)
        for k, v in sorted(params.items())
    }


def _criterion(raw: Any, where: str, problems: _Problems) -> dict[str, Any]:
    if not isinstance(raw, Mapping):
        raise RubricError(f"{where}: must be a mapping")
    weight = problems.check(lambda: _int(_get(raw, "weight", where), f"{where}.weight", 1, 50), 1)
    texts = {
        key: problems.check(lambda key=key: _text(_get(raw, key, where), f"{where}.{key}"), "")
        for key in ("name", "description", "feedback")
    }
    return {
        "name": texts["name"],
        "description": texts["description"],
        "detector": problems.check(lambda: _detectors(raw, where), []),
        "weight": weight,
        "feedback": texts["feedback"],
        "params": problems.check(lambda: _params(raw, where, problems), {}),
        "priority": problems.check(
            lambda: _int(raw.get("priority", weight), f"{where}.priority", 0, 100), weight
        ),
    }


def _step(raw: Any, where: str, problems: _Problems) -> dict[str, Any]:
    criteria = _get(raw, "criteria", where)
    if not isinstance(criteria, list) or not criteria:
        problems.found.append(f"{where}.criteria: must be a non-empty list")
        criteria = []
    exemplars = _get(raw, "exemplars", where)
    if not isinstance(exemplars, list) or not exemplars:
        problems.found.append(f"{where}.exemplars: must be a non-empty list")
        exemplars = []
    return {
        "criteria": [
            problems.check(lambda i=i, c=c: _criterion(c, f"{where}.criteria[{i}]", problems))
            for i, c in enumerate(criteria)
        ],
        "exemplars": [
            problems.check(lambda i=i, e=e: _text(e, f"{where}.exemplars[{i}]"), "")
            for i, e in enumerate(exemplars)
        ],
        "praise": problems.check(lambda: _text(_get(raw, "praise", where), f"{where}.praise"), ""),
    }


def _pitfall(
    raw: Any, where: str, severities: Mapping[str, int], problems: _Problems
) -> dict[str, Any]:
    default = _get(raw, "severity", where)
    if default not in severities:
        problems.found.append(f"{where}.severity: unknown severity {default!r}")
    steps = raw.get("steps") or {}
    if not isinstance(steps, Mapping):
        problems.found.append(f"{where}.steps: must be a mapping")
        steps = {}
    for step, sev in steps.items():
        if step not in STEPS:
            problems.found.append(f"{where}.steps.{step}: unknown step")
        elif sev != "none" and sev not in severities:
            problems.found.append(f"{where}.steps.{step}: unknown severity {sev!r}")
    texts = {
        key: problems.check(lambda key=key: _text(_get(raw, key, where), f"{where}.{key}"), "")
        for key in ("label", "explanation", "feedback")
    }
    return {
        "label": texts["label"],
        "severity": default,
        "steps": {s: steps[s] for s in STEPS if s in steps},
        "explanation": texts["explanation"],
        "feedback": texts["feedback"],
    }


def _scoring(raw: Any) -> dict[str, Any]:
    bands = _get(raw, "bands", "scoring")
    if (
        not isinstance(bands, list)
        or len(bands) != 3
        or not all(isinstance(b, int) and not isinstance(b, bool) for b in bands)
        or not 0 < bands[0] < bands[1] < bands[2] <= 100
    ):
        raise RubricError("scoring.bands: must be three increasing scores in 1..100")
    return {
        "bands": list(bands),
        "scenario_weight": _int(raw.get("scenario_weight", 8), "scoring.scenario_weight", 1, 50),
    }


def normalise_rubric_data(data: Mapping[str, Any]) -> dict[str, Any]:
    """Validated, canonical plain data.

    Raises RubricError naming the field path; its `problems` list every field
    at fault, not only the first, where the data's shape lets the rest be read.
    """
    if not isinstance(data, Mapping):
        raise RubricError("rubric: must be a mapping")
    raw_sev = _get(data, "severities", "")
    if not isinstance(raw_sev, Mapping) or not raw_sev:
        raise RubricError("severities: must be a non-empty mapping")
    severities = {
        str(name): _int(
            _get(spec, "max_level", f"severities.{name}"), f"severities.{name}.max_level", 0, 2
        )
        for name, spec in raw_sev.items()
    }
    raw_pitfalls, raw_steps = _get(data, "pitfalls", ""), _get(data, "steps", "")
    for name, group in ((PITFALLS, raw_pitfalls), (STEPS, raw_steps)):
        for key in name:
            _get(group, key, "pitfalls" if name is PITFALLS else "steps")
    messages = _get(data, "messages", "")
    problems = _Problems()
    norm = {
        "scoring": problems.check(lambda: _scoring(_get(data, "scoring", ""))),
        "severities": {k: {"max_level": v} for k, v in severities.items()},
        "pitfalls": {
            p: problems.check(
                lambda p=p: _pitfall(raw_pitfalls[p], f"pitfalls.{p}", severities, problems)
            )
            for p in PITFALLS
        },
        "steps": {
            s: problems.check(lambda s=s: _step(raw_steps[s], f"steps.{s}", problems))
            for s in STEPS
        },
        "messages": {
            m: problems.check(
                lambda m=m: _text(_get(messages, m, "messages"), f"messages.{m}"), ""
            )
            for m in MESSAGES
        },
    }
    if problems.found:
        raise RubricError(problems.found[0], tuple(problems.found))
    return norm


def _build(norm: dict[str, Any], canonical: str) -> Rubric:
    severities = {k: v["max_level"] for k, v in norm["severities"].items()}
    pitfalls = {
        name: Pitfall(
            name=name,
            label=p["label"],
            severity=MappingProxyType({s: p["steps"].get(s, p["severity"]) for s in STEPS}),
            explanation=p["explanation"],
            feedback=p["feedback"],
        )
        for name, p in norm["pitfalls"].items()
    }
    steps = {
        name: StepRubric(
            criteria=tuple(
                Criterion(
                    name=c["name"],
                    description=c["description"],
                    detectors=tuple(c["detector"]),
                    weight=c["weight"],
                    feedback=c["feedback"],
                    params=MappingProxyType(c["params"]),
                    priority=c["priority"],
                )
                for c in s["criteria"]
            ),
            exemplars=tuple(s["exemplars"]),
            praise=s["praise"],
        )
        for name, s in norm["steps"].items()
    }
    return Rubric(
        steps=MappingProxyType(steps),
        pitfalls=MappingProxyType(pitfalls),
        severities=MappingProxyType(severities),
        scoring=MappingProxyType(norm["scoring"]),
        messages=MappingProxyType(norm["messages"]),
        version=hashlib.sha256(canonical.encode()).hexdigest()[:12],
        canonical=canonical,
    )


def _canonical(data: Any) -> str:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def parse_rubric_data(data: Mapping[str, Any]) -> Rubric:
    """Validate rubric data and return the parsed Rubric (cached by content, so a live
    preview that re-sends the same data per keystroke parses it once)."""
    try:
        key = _canonical(data)
    except (TypeError, ValueError) as exc:
        raise RubricError(f"rubric: not plain data ({exc})") from exc
    hit = _cache.get(key)
    if hit is not None:
        _cache.move_to_end(key)
        return hit
    norm = normalise_rubric_data(data)
    rubric = _build(norm, _canonical(norm))
    _cache[key] = rubric
    _cache.setdefault(rubric.canonical, rubric)  # to_data() round-trips to this instance
    while len(_cache) > _CACHE_SIZE:
        _cache.popitem(last=False)
    return rubric


@lru_cache(maxsize=1)
def load_default_rubric() -> Rubric:
    """The packaged `default_rubric.yaml`, parsed once per process."""
    text = resources.files(__package__).joinpath("default_rubric.yaml").read_text("utf-8")
    return parse_rubric_data(yaml.safe_load(text))
