"""Downloads: a scenario or the whole library as files, and a trainee's data on request.

Scenario files are written in the format of `scenarios/` (one YAML file per
scenario in a folder per rupture type), so an exported library imports back
unchanged. A trainee's export holds what they did and how it was scored; their
journal stays out, because it is theirs to share, not the program admin's to read.
"""

from __future__ import annotations

import dataclasses
import io
import zipfile
from collections.abc import Iterable
from typing import Any

from ruptures.library import ScenarioSpec, dump_yaml, parse_scenario
from ruptures.models import Attempt, Scenario, StepResponse, User


def scenario_spec(scenario: Scenario) -> ScenarioSpec:
    """The current version as the library reads it, with the scenario's status."""
    version = scenario.current_version
    spec = parse_scenario(version.spec, source=f"{scenario.slug} v{version.number}")
    return dataclasses.replace(spec, status=scenario.status)


def scenario_file(scenario: Scenario) -> tuple[str, str]:
    """(`<rupture_type>/<slug>.yaml`, its YAML text) for the scenario's current version."""
    spec = scenario_spec(scenario)
    return f"{spec.rupture_type}/{spec.slug}.yaml", dump_yaml(spec)


def library_zip(scenarios: Iterable[Scenario]) -> bytes:
    """Every scenario's current version as a zip laid out like `scenarios/`."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for scenario in scenarios:
            name, text = scenario_file(scenario)
            archive.writestr(name, text)
    return buffer.getvalue()


JOURNAL_NOTE = (
    "Journal entries are not part of this export: they are private to the trainee, "
    "who can read and copy them on each attempt's summary page."
)


def trainee_data(trainee: User) -> dict[str, Any]:
    """Everything the studio holds about a trainee's practice, as plain data (three queries)."""
    attempts = list(
        Attempt.objects.for_trainee(trainee)
        .order_by("started_at")
        .values(
            "pk",
            "version__scenario__slug",
            "version__number",
            "status",
            "said_rupture",
            "said_type",
            "said_markers",
            "recognition_score",
            "total_score",
            "difficulty_rating",
            "started_at",
            "finished_at",
        )
    )
    responses = (
        StepResponse.objects.for_trainee(trainee)
        .order_by("attempt", "step__order", "try_number")
        .values(
            "attempt",
            "step__name",
            "try_number",
            "text",
            "level",
            "score",
            "pitfalls",
            "copy_of",
            "engine_version",
            "rubric_version",
            "submitted_at",
        )
    )
    tries: dict[int, list[dict[str, Any]]] = {}
    for response in responses:
        attempt = response.pop("attempt")
        response["step"] = response.pop("step__name")
        tries.setdefault(attempt, []).append(_plain(response))
    return {
        "user": {
            "username": trainee.username,
            "first_name": trainee.first_name,
            "last_name": trainee.last_name,
            "email": trainee.email,
            "date_joined": trainee.date_joined.isoformat(),
            "cohorts": list(trainee.cohorts.order_by("name").values_list("name", flat=True)),
        },
        "attempts": [
            {
                **_plain({k: v for k, v in a.items() if k != "pk"}),
                "scenario": a["version__scenario__slug"],
                "tries": tries.get(a["pk"], []),
            }
            for a in attempts
        ],
        "journal": JOURNAL_NOTE,
    }


def _plain(row: dict[str, Any]) -> dict[str, Any]:
    """Dates as ISO text; the scenario slug under its own name."""
    plain = {}
    for key, value in row.items():
        if key == "version__scenario__slug":
            continue
        key = "version" if key == "version__number" else key
        plain[key] = value.isoformat() if hasattr(value, "isoformat") else value
    return plain
