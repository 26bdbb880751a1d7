"""Validating one scenario's plain data (as YAML loads it) into a `ScenarioSpec`.

The rules are those of `scenarios/README.md`. Every problem in the data is
collected before raising, each with the dotted path of the field at fault.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from ruptures.library.catalogue import default_catalogue
from ruptures.library.checks import MAX_SHORT, Checker, describe, join, one_of
from ruptures.library.errors import ScenarioError
from ruptures.library.model import (
    ATTACHMENT_STYLES,
    DIFFICULTIES,
    NO_RUPTURE,
    PUBLISHED,
    RUPTURE_KINDS,
    RUPTURE_TYPES,
    SETTINGS,
    STATUSES,
    Client,
    MarkerCatalogue,
    ScenarioSpec,
    Turn,
)
from ruptures.library.steps import read_steps

TOP_FIELDS = (
    "slug",
    "title",
    "status",
    "rupture_type",
    "markers",
    "difficulty",
    "setting",
    "themes",
    "client",
    "context",
    "transcript",
    "steps",
    "why_no_rupture",
)
REQUIRED_FIELDS = (
    "slug",
    "title",
    "rupture_type",
    "difficulty",
    "setting",
    "client",
    "context",
    "transcript",
)
CLIENT_FIELDS = ("name", "age", "presenting_concern", "attachment_style")
TURN_FIELDS = ("speaker", "text", "nonverbal", "markers")

MIN_TURNS, MAX_TURNS = 4, 12
MIN_AGE, MAX_AGE = 5, 110
MAX_SLUG = 80
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def parse_scenario(
    data: object, *, source: str, catalogue: MarkerCatalogue | None = None
) -> ScenarioSpec:
    """Validate loaded YAML data as a scenario; `ScenarioError` lists every problem."""
    check = Checker(source)
    if data is None:
        check.add("", "the file is empty; expected a scenario (slug, title, rupture_type, ...)")
    elif not isinstance(data, dict):
        found = describe(data)
        check.add("", f"the top level must be a mapping of scenario fields, found {found}")
    else:
        top = check.mapping(data, "", allowed=TOP_FIELDS, required=REQUIRED_FIELDS)
        spec = _read_scenario(check, top or {}, catalogue or default_catalogue())
        if spec is not None:
            return spec
    raise ScenarioError(check.problems)


def _read_scenario(
    check: Checker, top: dict[str, Any], catalogue: MarkerCatalogue
) -> ScenarioSpec | None:
    slug = _read_slug(check, top)
    title = check.text(top, "title", "", max_len=MAX_SHORT)
    rupture_type = check.choice(top, "rupture_type", "", RUPTURE_TYPES)
    markers = _read_markers(check, top, rupture_type, catalogue)
    difficulty = check.choice(top, "difficulty", "", DIFFICULTIES)
    setting = check.choice(top, "setting", "", SETTINGS)
    themes = _read_themes(check, top)
    client = _read_client(check, top)
    context = check.text(top, "context", "")
    transcript = _read_transcript(check, top, markers)
    steps = read_steps(check, top, rupture_type)
    why_no_rupture = _read_why_no_rupture(check, top, rupture_type)
    status = check.choice(top, "status", "", STATUSES) if "status" in top else PUBLISHED
    if check.problems:
        return None
    # With no problems recorded, every reader returned a value.
    return ScenarioSpec(
        slug=slug,
        title=title,
        rupture_type=rupture_type,
        markers=markers,
        difficulty=difficulty,
        setting=setting,
        themes=themes,
        client=client,
        context=context,
        transcript=transcript,
        steps=steps,
        why_no_rupture=why_no_rupture,
        status=status,
    )


def _read_slug(check: Checker, top: dict[str, Any]) -> str | None:
    slug = check.text(top, "slug", "", max_len=MAX_SLUG)
    if slug is not None and not _SLUG.fullmatch(slug):
        message = "must be lowercase letters, digits and single hyphens"
        check.add("slug", f"{message} (like 'invoice-for-a-sick-day'), found '{slug}'")
        return None
    return slug


def _read_themes(check: Checker, top: dict[str, Any]) -> tuple[str, ...] | None:
    if top.get("themes") is None:
        return ()
    return check.strings(top, "themes", "", least=0, most=12, max_len=MAX_SHORT)


def _read_client(check: Checker, top: dict[str, Any]) -> Client | None:
    if "client" not in top:
        return None
    client = check.mapping(top["client"], "client", allowed=CLIENT_FIELDS, required=CLIENT_FIELDS)
    if client is None:
        return None
    name = check.text(client, "name", "client", max_len=MAX_SHORT)
    age = check.integer(client, "age", "client", low=MIN_AGE, high=MAX_AGE)
    concern = check.text(client, "presenting_concern", "client")
    style = check.choice(client, "attachment_style", "client", ATTACHMENT_STYLES)
    if name is None or age is None or concern is None or style is None:
        return None
    return Client(name, age, concern, style)


def _read_markers(
    check: Checker, top: dict[str, Any], rupture_type: str | None, catalogue: MarkerCatalogue
) -> tuple[str, ...] | None:
    is_rupture = rupture_type in RUPTURE_KINDS
    if top.get("markers") is None:
        if is_rupture:
            check.add("markers", f"required for a {rupture_type} scenario: list its markers")
            return None
        return ()
    least = 1 if is_rupture else 0
    codes = check.strings(top, "markers", "", least=least, most=20, max_len=MAX_SHORT)
    if codes is None:
        return None
    if rupture_type == NO_RUPTURE and codes:
        check.add("markers", f"a '{NO_RUPTURE}' scenario has no markers; write markers: []")
        return None
    good = True
    for i, code in enumerate(codes):
        if not _check_marker(check, join("markers", i), code, rupture_type, catalogue):
            good = False
        elif code in codes[:i]:
            check.add(join("markers", i), f"'{code}' is listed twice")
    return codes if good else None


def _check_marker(
    check: Checker, path: str, code: str, rupture_type: str | None, catalogue: MarkerCatalogue
) -> bool:
    marker = catalogue.by_code.get(code)
    if marker is None:
        guess = difflib.get_close_matches(code, catalogue.codes, n=1)
        hint = f"did you mean '{guess[0]}'?" if guess else "see ruptures/markers.yaml"
        check.add(path, f"unknown marker '{code}'; {hint}")
        return False
    if rupture_type in RUPTURE_KINDS and marker.kind != rupture_type:
        allowed = one_of([m.code for m in catalogue.for_kind(rupture_type)])
        message = f"'{code}' is a {marker.kind} marker, not {rupture_type}"
        check.add(path, f"{message}; expected one of: {allowed}")
        return False
    return True


def _read_transcript(
    check: Checker, top: dict[str, Any], markers: tuple[str, ...] | None
) -> tuple[Turn, ...] | None:
    raw = check.items(top, "transcript", "", least=MIN_TURNS, most=MAX_TURNS)
    if raw is None:
        return None
    turns = [_read_turn(check, item, join("transcript", i), markers) for i, item in enumerate(raw)]
    if any(turn is None for turn in turns):
        return None
    read = tuple(turn for turn in turns if turn is not None)
    carried = {code for turn in read for code in turn.markers}
    for i, code in enumerate(markers or ()):
        if code not in carried:
            check.add(join("markers", i), f"'{code}' is not carried by any turn of the transcript")
    return read


def _read_turn(
    check: Checker, raw: object, path: str, markers: tuple[str, ...] | None
) -> Turn | None:
    turn = check.mapping(raw, path, allowed=TURN_FIELDS, required=("speaker", "text"))
    if turn is None:
        return None
    speaker = check.text(turn, "speaker", path, max_len=MAX_SHORT)
    text = check.text(turn, "text", path)
    nonverbal = check.optional_text(turn, "nonverbal", path)
    codes: tuple[str, ...] | None = ()
    if turn.get("markers") is not None:
        codes = check.strings(turn, "markers", path, least=0, most=20, max_len=MAX_SHORT)
    for i, code in enumerate(codes or ()):
        if markers is not None and code not in markers:
            message = f"'{code}' is not listed in the scenario's markers"
            check.add(join(join(path, "markers"), i), message)
    if speaker is None or text is None or nonverbal is None or codes is None:
        return None
    return Turn(speaker, text, nonverbal, codes)


def _read_why_no_rupture(
    check: Checker, top: dict[str, Any], rupture_type: str | None
) -> str | None:
    if rupture_type == NO_RUPTURE:
        if "why_no_rupture" not in top:
            message = f"required for a '{NO_RUPTURE}' scenario: say why nothing ruptured"
            check.add("why_no_rupture", message)
            return None
        return check.text(top, "why_no_rupture", "")
    if "why_no_rupture" in top and rupture_type is not None:
        message = f"only for rupture_type none; this is a {rupture_type} scenario"
        check.add("why_no_rupture", message)
        return None
    return ""
