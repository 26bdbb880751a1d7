"""Labelled answers on disk: the dev set's YAML format, and where corpus files live.

A file has `vignettes` (id, context, optionally a transcript of turns) and
`responses` (id, vignette, step, response, level, pitfalls; the phase-B corpus
adds writer, labeller, tags...). Corpus files are named portably in the model
file: `repo:<path>` inside this repository, `shared:<path>` in the project's
shared folder (found beside the repository, as CI lays it out).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

REPO = Path(__file__).resolve().parents[2]
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
        if path.is_file():
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
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()
