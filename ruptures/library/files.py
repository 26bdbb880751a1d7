"""Scenario files: parsing text, loading files and folders, writing YAML back out."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ruptures.library.catalogue import default_catalogue
from ruptures.library.errors import Problem, ScenarioError
from ruptures.library.model import RUPTURE_TYPES, Library, MarkerCatalogue, ScenarioSpec
from ruptures.library.parse import parse_scenario
from ruptures.library.yamlio import dump_data, load_yaml, read_source

SCENARIO_SUFFIXES = (".yaml", ".yml")


def parse_text(
    text: str, *, source: str, catalogue: MarkerCatalogue | None = None
) -> ScenarioSpec:
    """Parse and validate the YAML text of one scenario."""
    if not text.strip():
        raise ScenarioError([Problem(source, "", "the file is empty; expected a scenario")])
    data = load_yaml(text, source)
    return parse_scenario(data, source=source, catalogue=catalogue)


def load_file(path: Path | str, catalogue: MarkerCatalogue | None = None) -> ScenarioSpec:
    """Read, parse and validate one scenario file (size and encoding checked first)."""
    path = Path(path)
    source = path.as_posix()
    return parse_text(read_source(path, source), source=source, catalogue=catalogue)


def load_paths(paths: Iterable[Path | str], catalogue: MarkerCatalogue | None = None) -> Library:
    """Load scenario files and folders (searched recursively) into a `Library`.

    Besides each file's own problems, reports a slug used by two files, a file
    not named after its slug, and a file in another rupture type's folder.
    `Library.scenarios` holds only the files that had no problem.
    """
    catalogue = catalogue or default_catalogue()
    problems: list[Problem] = []
    scenarios: list[ScenarioSpec] = []
    slug_sources: dict[str, str] = {}
    for path in _expand(paths, problems):
        try:
            spec = load_file(path, catalogue)
        except ScenarioError as exc:
            problems.extend(exc.problems)
            continue
        found = _placement_problems(spec, path, slug_sources)
        slug_sources.setdefault(spec.slug, path.as_posix())
        problems.extend(found)
        if not found:
            scenarios.append(spec)
    return Library(tuple(scenarios), tuple(problems))


def _expand(paths: Iterable[Path | str], problems: list[Problem]) -> list[Path]:
    """Files named, and scenario files under folders named, each once."""
    found: list[Path] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates = sorted(
                child
                for child in path.rglob("*")
                if child.suffix in SCENARIO_SUFFIXES
                and child.is_file()
                and not any(part.startswith(".") for part in child.relative_to(path).parts)
            )
        elif path.exists():
            candidates = [path]
        else:
            problems.append(Problem(path.as_posix(), "", "no such file or folder"))
            continue
        for candidate in candidates:
            if candidate.resolve() not in seen:
                seen.add(candidate.resolve())
                found.append(candidate)
    return found


def _placement_problems(
    spec: ScenarioSpec, path: Path, slug_sources: dict[str, str]
) -> list[Problem]:
    source = path.as_posix()
    problems = []
    if spec.slug in slug_sources:
        message = f"'{spec.slug}' is already the slug of {slug_sources[spec.slug]}"
        problems.append(Problem(source, "slug", message))
    if path.stem != spec.slug:
        message = f"'{spec.slug}' does not match the file name; name the file {spec.slug}.yaml"
        problems.append(Problem(source, "slug", message))
    folder = path.parent.name
    if folder in RUPTURE_TYPES and folder != spec.rupture_type:
        message = f"a {spec.rupture_type} scenario is in the {folder}/ folder"
        problems.append(Problem(source, "rupture_type", f"{message}; move it"))
    return problems


def dump_yaml(spec: ScenarioSpec) -> str:
    """The scenario file as YAML, status included; `parse_text` reads it back equal."""
    return dump_data(spec.to_file_dict())
