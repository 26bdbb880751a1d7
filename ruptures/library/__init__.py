"""The scenario library: parse, validate and export scenario YAML files.

Pure Python with no Django import, so management commands, tests and the
evaluator can all use it. The file format is described in
`scenarios/README.md`; the marker codes come from `ruptures/markers.yaml`.

    library = load_paths(["scenarios"])
    for problem in library.problems:
        print(problem)   # scenarios/withdrawal/x.yaml: steps.invite.exemplars: ...
"""

from ruptures.library.catalogue import default_catalogue, load_catalogue, parse_catalogue
from ruptures.library.errors import CatalogueError, Problem, ScenarioError
from ruptures.library.files import dump_yaml, load_file, load_paths, parse_text
from ruptures.library.model import (
    ATTACHMENT_STYLES,
    DIFFICULTIES,
    DRAFT,
    MAX_FILE_BYTES,
    NO_RUPTURE,
    PUBLISHED,
    RUPTURE_KINDS,
    RUPTURE_TYPES,
    SETTINGS,
    STATUSES,
    Client,
    Counterexample,
    Library,
    Marker,
    MarkerCatalogue,
    ScenarioSpec,
    StepSpec,
    Turn,
    criterion_to_dict,
)
from ruptures.library.parse import parse_scenario
from ruptures.rubric.types import PITFALLS, STEPS, CriterionSpec

__all__ = [
    "ATTACHMENT_STYLES",
    "DIFFICULTIES",
    "DRAFT",
    "MAX_FILE_BYTES",
    "NO_RUPTURE",
    "PUBLISHED",
    "RUPTURE_KINDS",
    "PITFALLS",
    "RUPTURE_TYPES",
    "SETTINGS",
    "STATUSES",
    "STEPS",
    "CatalogueError",
    "Client",
    "Counterexample",
    "CriterionSpec",
    "Library",
    "Marker",
    "MarkerCatalogue",
    "Problem",
    "ScenarioError",
    "ScenarioSpec",
    "StepSpec",
    "Turn",
    "criterion_to_dict",
    "default_catalogue",
    "dump_yaml",
    "load_catalogue",
    "load_file",
    "load_paths",
    "parse_catalogue",
    "parse_scenario",
    "parse_text",
]
