"""The marker catalogue: reading `ruptures/markers.yaml` into a `MarkerCatalogue`."""

from __future__ import annotations

import functools
import re
from pathlib import Path

from ruptures.library.checks import MAX_LONG, MAX_SHORT, Checker, join
from ruptures.library.errors import CatalogueError, ScenarioError
from ruptures.library.model import RUPTURE_KINDS, Marker, MarkerCatalogue
from ruptures.library.yamlio import load_yaml, read_source

MARKERS_PATH = Path(__file__).resolve().parent.parent / "markers.yaml"
MARKER_FIELDS = ("code", "group", "label", "description")
_CODE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")


def load_catalogue(path: Path | str | None = None) -> MarkerCatalogue:
    """Read a marker catalogue file; the default is `ruptures/markers.yaml`."""
    path = Path(path) if path is not None else MARKERS_PATH
    source = path.as_posix()
    try:
        data = load_yaml(read_source(path, source), source)
    except ScenarioError as exc:
        raise CatalogueError(exc.problems) from exc
    return parse_catalogue(data, source=source)


@functools.cache
def default_catalogue() -> MarkerCatalogue:
    """The project's catalogue, read once per process."""
    return load_catalogue()


def parse_catalogue(data: object, *, source: str) -> MarkerCatalogue:
    """Validate catalogue data: `{kind: [{code, group, label, description}, ...]}`."""
    check = Checker(source)
    kinds = check.mapping(data, "", allowed=RUPTURE_KINDS, required=RUPTURE_KINDS)
    markers: list[Marker] = []
    for kind in RUPTURE_KINDS if kinds else ():
        for i, entry in enumerate(check.items(kinds, kind, "", least=1, most=100) or ()):
            marker = _read_marker(check, entry, join(kind, i), kind)
            if marker is not None:
                markers.append(marker)
    codes = [marker.code for marker in markers]
    for code in sorted({code for code in codes if codes.count(code) > 1}):
        check.add("", f"marker code '{code}' is used more than once")
    if check.problems:
        raise CatalogueError(check.problems)
    return MarkerCatalogue(tuple(markers))


def _read_marker(check: Checker, entry: object, path: str, kind: str) -> Marker | None:
    fields = check.mapping(entry, path, allowed=MARKER_FIELDS, required=MARKER_FIELDS)
    if fields is None:
        return None
    code = check.text(fields, "code", path, max_len=MAX_SHORT)
    if code is not None and not _CODE.fullmatch(code):
        check.add(join(path, "code"), f"must be snake_case, found '{code}'")
        code = None
    group = check.text(fields, "group", path, max_len=MAX_SHORT)
    label = check.text(fields, "label", path, max_len=MAX_SHORT)
    description = check.text(fields, "description", path, max_len=MAX_LONG)
    if code is None or group is None or label is None or description is None:
        return None
    return Marker(code, kind, group, label, description)
