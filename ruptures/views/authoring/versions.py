"""A scenario's life after saving: publish or withdraw, its history, a version's changes,
restoring an old version, and downloads of one scenario or the whole library."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from ruptures.access import role_required, scenario_for_admin, version_for_admin
from ruptures.authoring.diffing import changes
from ruptures.authoring.exports import library_zip, scenario_file
from ruptures.http import HtmxHttpRequest
from ruptures.models import PROGRAM_ADMIN, Scenario, ScenarioStatus
from ruptures.services import authoring


@require_POST
@role_required(PROGRAM_ADMIN)
def scenario_status(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """Publish the scenario, or withdraw it to a draft; started attempts carry on either way."""
    scenario = scenario_for_admin(request.user, slug)
    status = request.POST.get("status", "")
    if status not in ScenarioStatus.values:
        messages.error(request, "Choose to publish the scenario or to withdraw it.")
        return redirect("ruptures:scenario_edit", slug=slug)
    authoring.scenario_set_status(scenario=scenario, status=status)
    if status == ScenarioStatus.PUBLISHED:
        messages.success(request, f"“{scenario.title}” is published: trainees see it now.")
    else:
        messages.success(
            request,
            f"“{scenario.title}” is a draft again: trainees no longer see it, and those "
            "who had started it can finish.",
        )
    return redirect("ruptures:scenario_edit", slug=slug)


@require_GET
@role_required(PROGRAM_ADMIN)
def scenario_history(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    scenario = scenario_for_admin(request.user, slug)
    context = {"scenario": scenario, "versions": scenario.versions.for_history()}
    return render(request, "ruptures/authoring_scenario_history.html", context)


@require_GET
@role_required(PROGRAM_ADMIN)
def scenario_version(request: HtmxHttpRequest, slug: str, number: int) -> HttpResponse:
    """What changed in version `number` since the one before it, who changed it and when."""
    scenario = scenario_for_admin(request.user, slug)
    version = version_for_admin(request.user, scenario, number)
    previous = scenario.versions.filter(number__lt=number).order_by("-number").first()
    context = {
        "scenario": scenario,
        "version": version,
        "previous": previous,
        "changes": changes(previous.spec, version.spec) if previous else [],
        "is_current": scenario.current_version_id == version.pk,
    }
    return render(request, "ruptures/authoring_scenario_version.html", context)


@require_POST
@role_required(PROGRAM_ADMIN)
def scenario_restore(request: HtmxHttpRequest, slug: str, number: int) -> HttpResponse:
    scenario = scenario_for_admin(request.user, slug)
    version = version_for_admin(request.user, scenario, number)
    restored = authoring.scenario_restore(scenario=scenario, version=version, author=request.user)
    if restored.restored_from == number:
        messages.success(
            request, f"Version {number} is back as version {restored.number}, the newest."
        )
    else:
        messages.info(request, f"Version {restored.number}, the newest, already says this.")
    return redirect("ruptures:scenario_history", slug=slug)


def _download(content: bytes | str, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
@role_required(PROGRAM_ADMIN)
def scenario_export(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    """The current version as a scenario file, status included."""
    scenario = scenario_for_admin(request.user, slug)
    _, text = scenario_file(scenario)
    return _download(text, f"{scenario.slug}.yaml", "application/yaml; charset=utf-8")


@require_GET
@role_required(PROGRAM_ADMIN)
def library_export(request: HtmxHttpRequest) -> HttpResponse:
    """Every scenario, drafts too, as a zip laid out like `scenarios/`."""
    scenarios = Scenario.objects.select_related("current_version").filter(
        current_version__isnull=False
    )
    return _download(library_zip(scenarios), "scenarios.zip", "application/zip")
