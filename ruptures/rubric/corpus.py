"""Labelled answers on disk: the dev set's YAML format, and where corpus files live.

A file has `vignettes` (id, context, optionally a transcript of turns) and
`responses` (id, vignette, step, response, level, pitfalls; the phase-B corpus
adds writer, labeller, tags...). Corpus files are named portably in the model
file: `repo:<path>` inside this repository, `shared:<path>` in the project's
shared folder (found beside the repository, as CI lays it out).

`repo:scenarios` names the scenario library as a corpus: every rupture
scenario's exemplars (strong, level 3) and counterexamples (their pitfall, at
the level the rubric's severity allows), the answers the product's authors
wrote for each step. Its hash covers those texts only, so editing other
scenario fields never asks for retraining.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from .types import ScenarioRubric

REPO = Path(__file__).resolve().parents[2]

# Writer sets never trained on, newest first, with the engine version whose fixes were
# found in each set's errors (None: only its figures were ever looked at). A new set is
# written and labelled after a version is built, scored once, and its errors may then
# guide the next version; labelled/README.md says who wrote each.
WRITER_SETS: tuple[tuple[str, str | None], ...] = (
    ("repo:ruptures/rubric/labelled/heldout-w52-w53.yaml", None),
)
# Writer sets that were held out until their errors guided fixes, and are trained on
# since engine 2.12 (a set whose errors were read no longer measures the engine, but its
# answers still teach the model new voices), with the version whose fixes were first
# found in each set's errors (w30-w35: read for 2.13, whose one change is training on
# them). Newest first.
TRAINED_SETS: tuple[tuple[str, str], ...] = (
    ("repo:ruptures/rubric/labelled/trained-w50-w51.yaml", "2.19.0"),
    ("repo:ruptures/rubric/labelled/trained-w48-w49.yaml", "2.18.0"),
    ("repo:ruptures/rubric/labelled/trained-w46-w47.yaml", "2.18.0"),
    ("repo:ruptures/rubric/labelled/trained-w44-w45.yaml", "2.17.0"),
    ("repo:ruptures/rubric/labelled/trained-w42-w43.yaml", "2.16.0"),
    ("repo:ruptures/rubric/labelled/trained-w40-w41.yaml", "2.15.0"),
    ("repo:ruptures/rubric/labelled/trained-w38-w39.yaml", "2.14.0"),
    ("repo:ruptures/rubric/labelled/trained-w36-w37.yaml", "2.14.0"),
    ("repo:ruptures/rubric/labelled/trained-w34-w35.yaml", "2.13.0"),
    ("repo:ruptures/rubric/labelled/trained-w32-w33.yaml", "2.13.0"),
    ("repo:ruptures/rubric/labelled/trained-w30-w31.yaml", "2.13.0"),
    ("repo:ruptures/rubric/labelled/trained-w28-w29.yaml", "2.11.0"),
    ("repo:ruptures/rubric/labelled/trained-w26-w27.yaml", "2.10.0"),
    ("repo:ruptures/rubric/labelled/trained-w24-w25.yaml", "2.9.0"),
    ("repo:ruptures/rubric/labelled/trained-w22-w23.yaml", "2.8.0"),
    ("repo:ruptures/rubric/labelled/trained-w20-w21.yaml", "2.7.0"),
    ("repo:ruptures/rubric/labelled/trained-w18-w19.yaml", "2.6.0"),
    ("repo:ruptures/rubric/labelled/trained-w16-w17.yaml", "2.5.0"),
    ("repo:ruptures/rubric/labelled/trained-w14-w15.yaml", "2.4.0"),
    ("repo:ruptures/rubric/labelled/trained-w4.yaml", "2.5.0"),
    ("repo:ruptures/rubric/labelled/trained-w11-w13.yaml", "2.5.0"),
)
_SHARED = (REPO.parent / "shared", REPO.parent.parent / "shared", Path("/work/shared"))


@dataclass(frozen=True)
class Item:
    """One labelled answer with the vignette text it answers."""

    id: str
    vignette: str
    step: str
    text: str
    context: str
    level: int
    pitfalls: tuple[str, ...]
    writer: str = ""
    tags: tuple[str, ...] = ()


def writer_order(name: str) -> tuple[int, str]:
    """Sort key putting writer ids in number order: w1, w2, ..., w10."""
    digits = "".join(c for c in name if c.isdigit())
    return (int(digits) if digits else 0, name)


def vignette_text(v: Mapping[str, Any]) -> str:
    """A vignette's context plus its transcript's words (what an answer may refer to)."""
    parts = [str(v.get("context") or "")]
    for turn in v.get("transcript") or []:
        if isinstance(turn, Mapping):
            parts += [str(turn.get("text") or ""), str(turn.get("nonverbal") or "")]
    return "\n".join(p for p in parts if p)


def load_labelled(path: Path) -> tuple[dict[str, str], list[Mapping[str, Any]]]:
    """(vignette id -> text, responses) from a labelled YAML file."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    contexts = {str(v["id"]): vignette_text(v) for v in data.get("vignettes") or []}
    return contexts, list(data.get("responses") or [])


def load_items(path: Path) -> list[Item]:
    """The labelled answers of one file, in file order."""
    contexts, responses = load_labelled(path)
    return [
        Item(
            id=str(r.get("id")),
            vignette=str(r.get("vignette")),
            step=str(r["step"]),
            text=str(r["response"]),
            context=contexts.get(str(r.get("vignette")), ""),
            level=int(r["level"]),
            pitfalls=tuple(sorted(r.get("pitfalls") or [])),
            writer=str(r.get("writer") or ""),
            tags=tuple(r.get("tags") or []),
        )
        for r in responses
    ]


def library_items(root: Path) -> list[Item]:
    """The library's exemplars and counterexamples as labelled answers (writer "library")."""
    from ruptures.library import load_paths

    from .data import load_default_rubric

    rubric = load_default_rubric()
    out = []
    for spec in load_paths([root]).scenarios:
        if not spec.is_rupture:
            continue
        context = spec.rubric().context
        for step in spec.steps:
            base = f"library-{spec.slug}-{step.name}"
            for k, text in enumerate(step.exemplars):
                out.append(
                    Item(f"{base}-e{k}", spec.slug, step.name, text, context, 3, (), "library")
                )
            for k, c in enumerate(step.counterexamples):
                severity = rubric.pitfalls[c.pitfall].severity[step.name]
                level = min(1, rubric.severities.get(severity, 1))
                out.append(
                    Item(
                        f"{base}-c{k}",
                        spec.slug,
                        step.name,
                        c.text,
                        context,
                        level,
                        (c.pitfall,),
                        "library",
                    )
                )
    return out


def load_corpus(path: Path) -> list[Item]:
    """The labelled answers of a corpus file, or of the library when `path` is a folder."""
    return library_items(path) if Path(path).is_dir() else load_items(path)


def resolve(name: str) -> Path:
    """The file a portable corpus name points to (FileNotFoundError if absent)."""
    kind, _, rel = name.partition(":")
    if kind == "repo":
        candidates: tuple[Path, ...] = (REPO / rel,)
    elif kind == "shared":
        candidates = tuple(root / rel for root in _SHARED)
    else:
        candidates = (Path(name),)
    for path in candidates:
        if path.is_file() or (kind == "repo" and path.is_dir()):
            return path
    raise FileNotFoundError(f"corpus file {name!r} not found")


def portable(path: Path) -> str:
    """The portable name of a corpus file."""
    path = Path(path).resolve()
    if path.is_relative_to(REPO):
        return f"repo:{path.relative_to(REPO).as_posix()}"
    for root in _SHARED:
        if root.exists() and path.is_relative_to(root.resolve()):
            return f"shared:{path.relative_to(root.resolve()).as_posix()}"
    return path.as_posix()


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file's bytes; of a library folder, of the answers it holds."""
    if Path(path).is_dir():
        items = sorted(library_items(path), key=lambda i: i.id)
        rows = [[i.id, i.step, i.text, i.level, list(i.pitfalls)] for i in items]
        return hashlib.sha256(json.dumps(rows, ensure_ascii=False).encode()).hexdigest()
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


@lru_cache(maxsize=1)
def _library() -> dict[str, ScenarioRubric]:
    """The library's scenarios by slug, as the app hands them to the engine."""
    from ruptures.library import load_paths  # pure Python, like this package

    return {s.slug: s.rubric() for s in load_paths([REPO / "scenarios"]).scenarios}


def scenario_for(vignette: str, context: str) -> ScenarioRubric:
    """What the engine is given for an answer to `vignette`: a library scenario's own
    rubric (its exemplars, so a pasted exemplar is caught as a copy, and its criteria)
    when the vignette is one, else just the vignette's text."""
    found = _library().get(vignette)
    return found if found is not None else ScenarioRubric(context=context)
