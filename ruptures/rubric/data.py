"""Loading and validating the default rubric, which is data, not code.

Two package files hold everything a program admin may want to change:

- `default_rubric.yaml`: per step, the criteria (which detector, how many
  points, what to say when missed) and default exemplars; per pitfall, how
  severe it is in each step and what to say about it; the scoring constants.
- `cues.yaml`: the cue phrases the detectors look for (see its header).

Python keeps only what is grammar or arithmetic (questions, negation, quotes,
overlap with the scenario, score bands). The rubric version is a hash of both
files' parsed content, so every score can name the exact data it used.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

import yaml

from .prefilter import required
from .types import PITFALLS, STEPS

_W = r"[^\W_]+(?:'[^\W_]+)?"
_MACROS = {"{w3}": rf"(?:{_W}\s+){{0,3}}", "{w6}": rf"(?:{_W}\s+){{0,6}}", "{w}": _W}
_WORD_LISTS = ("feel", "kin", "past")


class RubricError(ValueError):
    """The rubric data is malformed; the message says where."""


@dataclass(frozen=True)
class CuePattern:
    """One compiled pattern and the fragments one of which it needs (None: always run)."""

    regex: re.Pattern[str]
    needs: frozenset[str] | None
    word_start: bool  # must start at a word boundary (checked by the scanner, see below)


@dataclass(frozen=True)
class PatternIndex:
    """Which patterns of a list to run: those needing nothing, and those per fragment."""

    always: tuple[int, ...]
    by_fragment: Mapping[str, tuple[int, ...]]

    def candidates(self, present: frozenset[str]) -> list[int]:
        """Positions of the patterns that can match a text holding `present` fragments."""
        found = set(self.always)
        for fragment in present.intersection(self.by_fragment):
            found.update(self.by_fragment[fragment])
        return sorted(found)


def index_patterns(patterns: tuple[CuePattern, ...]) -> PatternIndex:
    """Index `patterns` by the fragments they need (see prefilter.py)."""
    always, by_fragment = [], {}
    for i, p in enumerate(patterns):
        if p.needs is None:
            always.append(i)
        else:
            for fragment in p.needs:
                by_fragment.setdefault(fragment, []).append(i)
    return PatternIndex(
        tuple(always), MappingProxyType({k: tuple(v) for k, v in by_fragment.items()})
    )


@dataclass(frozen=True)
class Cue:
    """Compiled patterns of one cue: strong evidence and soft evidence."""

    strong: tuple[CuePattern, ...]
    soft: tuple[CuePattern, ...]
    negatable: bool
    hedged_soft: bool = False  # a strong match in a hedged sentence counts as soft
    strong_index: PatternIndex | None = None
    soft_index: PatternIndex | None = None


@dataclass(frozen=True)
class Criterion:
    """A default criterion of one step."""

    name: str
    description: str
    detectors: tuple[str, ...]
    weight: int
    feedback: str
    params: Mapping[str, Any]
    priority: int  # which missed criterion feedback names first (default: weight)


@dataclass(frozen=True)
class Severity:
    """What a pitfall of this severity does to the score."""

    cap: int
    floor: int
    penalty: int


@dataclass(frozen=True)
class Pitfall:
    """A pitfall's severity per step (name of a Severity, or "none") and texts."""

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


@dataclass(frozen=True, eq=False)  # identity hash: one instance per process
class Rubric:
    """The whole default rubric, parsed and validated."""

    steps: Mapping[str, StepRubric]
    pitfalls: Mapping[str, Pitfall]
    severities: Mapping[str, Severity]
    scoring: Mapping[str, Any]
    cues: Mapping[str, Cue]
    stopwords: frozenset[str]
    synonyms: Mapping[str, str]
    version: str
    # prefilter fragments of all cue patterns, indexed by their first three letters
    fragments: Mapping[str, tuple[str, ...]] = MappingProxyType({})


def _load_yaml(name: str) -> dict[str, Any]:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        raise RubricError(f"{name}: expected a mapping at the top level")
    return data


def _need(mapping: Mapping[str, Any], key: str, where: str) -> Any:
    if not isinstance(mapping, Mapping) or key not in mapping:
        raise RubricError(f"{where}: missing '{key}'")
    return mapping[key]


def compile_pattern(pattern: str, words: Mapping[str, str]) -> str:
    """Expand the cue-file conveniences (see cues.yaml) into a regular expression.

    The word boundary at the start is left to the scanner: a leading `\b` would stop
    the regex engine from jumping straight to the pattern's first letters, which
    makes scanning several times slower.
    """
    for name, alternatives in words.items():
        pattern = pattern.replace("{" + name + "}", alternatives)
    pattern = pattern.replace("'", "'?").replace(" ", r"\s+")
    for macro, regex in _MACROS.items():
        pattern = pattern.replace(macro, regex)
    tail = r"\b" if pattern[-1:].isalnum() else ""
    return f"(?:{pattern}){tail}"


def _compile_list(patterns: Any, words: Mapping[str, str], where: str) -> tuple[CuePattern, ...]:
    if not patterns:
        return ()
    if not isinstance(patterns, list):
        raise RubricError(f"{where}: expected a list of patterns")
    for p in patterns:
        if not isinstance(p, str):  # usually ": " in an unquoted pattern
            raise RubricError(f"{where}: not a string, quote it: {p!r}")
    try:
        return tuple(
            CuePattern(re.compile(compile_pattern(p, words), re.M), required(p), p[:1].isalnum())
            for p in patterns
        )
    except re.error as exc:
        raise RubricError(f"{where}: bad pattern ({exc})") from exc


def _parse_cues(raw: Mapping[str, Any]) -> tuple[dict[str, Cue], frozenset[str], dict]:
    words = {
        name: re.sub(r"\s*\|\s*", "|", str(_need(raw["words"], name, "cues.yaml words")).strip())
        for name in _WORD_LISTS
    }
    cues = {}
    for name, spec in _need(raw, "cues", "cues.yaml").items():
        where = f"cues.yaml cue '{name}'"
        strong = _compile_list(spec.get("patterns"), words, where)
        soft = _compile_list(spec.get("soft"), words, where + " soft")
        cues[name] = Cue(
            strong=strong,
            soft=soft,
            negatable=bool(spec.get("negatable", True)),
            hedged_soft=bool(spec.get("hedged_soft", False)),
            strong_index=index_patterns(strong),
            soft_index=index_patterns(soft),
        )
    stop = frozenset(f"{raw.get('stopwords', '')} {raw.get('generic', '')}".split())
    return cues, stop, dict(raw.get("synonyms") or {})


def _parse_criterion(raw: Mapping[str, Any], where: str) -> Criterion:
    detectors = _need(raw, "detector", where)
    detectors = (detectors,) if isinstance(detectors, str) else tuple(detectors)
    return Criterion(
        name=str(_need(raw, "name", where)),
        description=str(_need(raw, "description", where)),
        detectors=detectors,
        weight=int(_need(raw, "weight", where)),
        feedback=str(_need(raw, "feedback", where)),
        params=MappingProxyType(dict(raw.get("params") or {})),
        priority=int(raw.get("priority", raw["weight"])),
    )


def _parse_step(step: str, raw: Mapping[str, Any]) -> StepRubric:
    where = f"default_rubric.yaml step '{step}'"
    criteria = tuple(
        _parse_criterion(c, f"{where} criterion {i}")
        for i, c in enumerate(_need(raw, "criteria", where))
    )
    exemplars = tuple(str(e) for e in _need(raw, "exemplars", where))
    if len(exemplars) < 2:
        raise RubricError(f"{where}: needs at least two exemplars")
    return StepRubric(criteria, exemplars, str(_need(raw, "praise", where)))


def _parse_pitfall(name: str, raw: Mapping[str, Any], severities: Mapping) -> Pitfall:
    where = f"default_rubric.yaml pitfall '{name}'"
    default = str(_need(raw, "severity", where))
    per_step = {step: str((raw.get("steps") or {}).get(step, default)) for step in STEPS}
    for step, sev in per_step.items():
        if sev != "none" and sev not in severities:
            raise RubricError(f"{where}: unknown severity '{sev}' for {step}")
    return Pitfall(
        name=name,
        label=str(_need(raw, "label", where)),
        severity=MappingProxyType(per_step),
        explanation=str(_need(raw, "explanation", where)),
        feedback=str(_need(raw, "feedback", where)),
    )


def _check_detectors(rubric: Rubric, known: frozenset[str]) -> None:
    for step, step_rubric in rubric.steps.items():
        for criterion in step_rubric.criteria:
            unknown = [d for d in criterion.detectors if d not in known and d not in rubric.cues]
            if unknown:
                raise RubricError(f"step '{step}' criterion '{criterion.name}': unknown {unknown}")


def parse_rubric(
    raw: Mapping[str, Any], raw_cues: Mapping[str, Any], known: frozenset[str]
) -> Rubric:
    """Build and validate a Rubric from parsed YAML; `known` names the code detectors."""
    severities = {
        name: Severity(*(int(_need(s, key, name)) for key in ("cap", "floor", "penalty")))
        for name, s in _need(raw, "severities", "default_rubric.yaml").items()
    }
    steps_raw = _need(raw, "steps", "default_rubric.yaml")
    pitfalls_raw = _need(raw, "pitfalls", "default_rubric.yaml")
    missing = [s for s in STEPS if s not in steps_raw] + [
        p for p in PITFALLS if p not in pitfalls_raw
    ]
    if missing:
        raise RubricError(f"default_rubric.yaml: missing {missing}")
    cues, stopwords, synonyms = _parse_cues(raw_cues)
    digest = hashlib.sha256(
        json.dumps([raw, raw_cues], sort_keys=True, default=str).encode()
    ).hexdigest()
    rubric = Rubric(
        steps=MappingProxyType({s: _parse_step(s, steps_raw[s]) for s in STEPS}),
        pitfalls=MappingProxyType(
            {p: _parse_pitfall(p, pitfalls_raw[p], severities) for p in PITFALLS}
        ),
        severities=MappingProxyType(severities),
        scoring=MappingProxyType(dict(_need(raw, "scoring", "default_rubric.yaml"))),
        cues=MappingProxyType(cues),
        stopwords=stopwords,
        synonyms=MappingProxyType(synonyms),
        version=digest[:12],
    )
    _check_detectors(rubric, known)
    needs = (p.needs or () for cue in cues.values() for p in cue.strong + cue.soft)
    index: dict[str, list[str]] = {}
    for fragment in sorted(set().union(*needs)):
        index.setdefault(fragment[:3], []).append(fragment)
    return replace(rubric, fragments=MappingProxyType({k: tuple(v) for k, v in index.items()}))


@lru_cache(maxsize=1)
def load_default_rubric(known: frozenset[str]) -> Rubric:
    """Parse the packaged rubric files once per process (they are static package data)."""
    return parse_rubric(_load_yaml("default_rubric.yaml"), _load_yaml("cues.yaml"), known)
