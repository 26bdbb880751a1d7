"""What the "How scoring works" page says about the engine, read from its committed report.

`ruptures/rubric/report.json` is written by the engine's evaluator
(`python -m ruptures.rubric.train --cv --report …`), never by hand, and a test
keeps it in step with the committed model. This module picks the figures a
reader needs and derives the engine's known limits from them, so no figure on
the page is typed by hand. The file changes only with a deploy and holds no
user data, so it is read once per process.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ruptures.rubric import pitfall_label

REPORT = Path(__file__).resolve().parent / "rubric" / "report.json"

# A pitfall the engine finds less often than this, or flags wrongly more often
# than 1 - this, is named on the page as one to double-check.
RELIABLE = 0.6

# Answers written to game a keyword scorer, by the corpus tag that marks them.
GAMING_TAGS = {
    "word_list": "strings of therapy words with no sentence",
    "yes_but": "validations that turn into a defence (“I hear you, but…”)",
    "sarcasm": "sarcasm dressed in therapy words",
    "exemplar_copy": "pasted example answers",
    "describes_answer": "describing the answer instead of saying it",
}


@dataclass(frozen=True)
class Agreement:
    """How closely the engine's levels and pitfalls matched expert labels on one set."""

    label: str
    n: int
    kappa: float
    exact: float
    within_one: float
    pitfall_f1: float
    harmful_rated_strong: int
    strong_rated_harmful: int


@dataclass(frozen=True)
class PitfallFigure:
    name: str
    label: str
    precision: float
    recall: float

    @property
    def reliable(self) -> bool:
        return self.precision >= RELIABLE and self.recall >= RELIABLE


@dataclass(frozen=True)
class GamingFigure:
    description: str
    n: int
    above_weak: int  # rated adequate or strong


@dataclass(frozen=True)
class EngineReport:
    engine_version: str
    date: str
    answers: int
    writers: int
    labellers_kappa: float
    labellers_exact: float
    sets: tuple[Agreement, ...]
    pitfalls: tuple[PitfallFigure, ...]
    gaming: tuple[GamingFigure, ...]

    @property
    def weak_pitfalls(self) -> tuple[PitfallFigure, ...]:
        return tuple(p for p in self.pitfalls if not p.reliable)


def _agreement(label: str, data: Mapping[str, Any]) -> Agreement:
    return Agreement(
        label=label,
        n=data["n"],
        kappa=data["kappa"],
        exact=data["exact"],
        within_one=data["within_one"],
        pitfall_f1=data["pitfall_macro_f1"],
        harmful_rated_strong=data["harmful_rated_strong"],
        strong_rated_harmful=data["strong_rated_harmful"],
    )


def _writer_set_label(data: Mapping[str, Any]) -> str:
    names = data["writer"].split(",")
    writers = f"{'Writers' if len(names) > 1 else 'Writer'} {', '.join(names)}"
    if data.get("read_since") is None:
        return f"New: {writers.lower()}, whose answers came after this version"
    return f"{writers}: never trained on, but their errors guided fixes"


def parse_report(data: Mapping[str, Any]) -> EngineReport:
    """The page's view of a report as `ruptures.rubric.report` writes it."""
    cv = data["cross_validation"]
    sets = [_agreement(_writer_set_label(w), w) for w in data["writer_sets"]]
    sets.append(_agreement("Cross-validation: vignettes and writers left out in turn", cv))
    if data.get("holdout"):
        sets.append(_agreement("An older set written apart from the engine", data["holdout"]))
    pitfalls = sorted(
        (
            PitfallFigure(name, pitfall_label(name), figures["precision"], figures["recall"])
            for name, figures in cv["pitfalls"].items()
        ),
        key=lambda p: (-p.recall, p.name),
    )
    adversarial = cv.get("adversarial", {})
    gaming = [
        GamingFigure(text, adversarial[tag]["n"], adversarial[tag]["above_weak"])
        for tag, text in GAMING_TAGS.items()
        if tag in adversarial
    ]
    labellers = data["labeller_agreement"]["overall"]
    return EngineReport(
        engine_version=data["engine_version"],
        date=data["date"],
        answers=data["corpus"]["answers"],
        writers=len(data["corpus"]["per_writer"]),
        labellers_kappa=labellers["qwk"],
        labellers_exact=labellers["exact"],
        sets=tuple(sets),
        pitfalls=tuple(pitfalls),
        gaming=tuple(gaming),
    )


@lru_cache(maxsize=1)
def engine_report() -> EngineReport:
    """The committed report, parsed once per process."""
    return parse_report(json.loads(REPORT.read_text(encoding="utf-8")))
