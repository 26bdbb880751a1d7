"""The default rubric: its versions, one editor per step and one for the pitfalls.

Saving makes a new rubric version, which scores every try from then on;
tries scored before keep their version, score and explanation. The step page
previews a sample answer under the rubric as typed, and checks the library's
exemplars and counterexamples for the step against it, before anything is saved.
"""

from __future__ import annotations

import dataclasses

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ruptures.access import role_required, rubric_version_for_admin
from ruptures.authoring.diffing import changes
from ruptures.authoring.preview import Example, check_examples, preview
from ruptures.authoring.rubric_editor import (
    PitfallsEditor,
    ScoringEditor,
    StepRubricEditor,
    step_labels,
)
from ruptures.http import HtmxHttpRequest
from ruptures.library import parse_scenario
from ruptures.models import PROGRAM_ADMIN, RubricVersion, Scenario
from ruptures.rubric import STEPS, RubricError
from ruptures.services import rubrics

STEP_PAGE = "ruptures/authoring_rubric_step.html"


@require_GET
@role_required(PROGRAM_ADMIN)
def rubric_home(request: HtmxHttpRequest) -> HttpResponse:
    current = rubrics.rubric_current_version()
    context = {
        "current": current,
        "steps": step_labels(),
        "versions": RubricVersion.objects.for_history(),
    }
    return render(request, "ruptures/authoring_rubric_home.html", context)


def _step(step: str) -> str:
    if step not in STEPS:
        raise Http404
    return step


def _base(raw: str | None, default: int) -> int:
    try:
        return int(raw or default)
    except ValueError:
        return default


def _saved(request: HtmxHttpRequest, saved: RubricVersion, base: int) -> None:
    if saved.number == base:
        messages.info(request, "Nothing changed, so there is no new rubric version.")
    else:
        messages.success(
            request,
            f"Saved as rubric version {saved.number}: new tries are scored with it; "
            "scores already given keep the version they were made with.",
        )


def _stale(stale: rubrics.StaleRubric) -> str:
    who = stale.current.author.get_username() if stale.current.author else "someone"
    return (
        f"While you were editing, {who} saved rubric version {stale.current.number}. "
        "Nothing of yours was saved and all you typed is still here; save again to "
        "make it the newest version."
    )


def _step_context(editor: StepRubricEditor, base: int, **extra: object) -> dict[str, object]:
    return {
        "editor": editor,
        "view": editor.view,
        "step": editor.step,
        "step_label": editor.step.capitalize(),
        "steps": step_labels(),
        "base": base,
        **extra,
    }


@require_http_methods(["GET", "POST"])
@role_required(PROGRAM_ADMIN)
def rubric_step(request: HtmxHttpRequest, step: str) -> HttpResponse:
    step = _step(step)
    current = rubrics.rubric_current_version()
    if request.method == "GET":
        editor = StepRubricEditor.from_data(step, current.data)
        return render(request, STEP_PAGE, _step_context(editor, current.number))
    editor = StepRubricEditor.from_post(step, current.data, request.POST)
    base = _base(request.POST.get("base_version"), current.number)
    if editor.apply(request.POST.get("action", "")):
        template = f"{STEP_PAGE}#criteria_editor" if request.htmx else STEP_PAGE
        return render(request, template, _step_context(editor, base))
    if editor.rubric() is not None:
        try:
            saved = rubrics.rubric_save(data=editor.data(), author=request.user, base=base)
        except rubrics.StaleRubric as stale:
            editor.problems.append(("", _stale(stale)))
            base = stale.current.number
        else:
            _saved(request, saved, base)
            return redirect("ruptures:rubric_step", step=step)
    return render(request, STEP_PAGE, _step_context(editor, base))


@require_POST
@role_required(PROGRAM_ADMIN)
def rubric_step_preview(request: HtmxHttpRequest, step: str) -> HttpResponse:
    """Score the sample answer under the rubric as typed on the page, unsaved."""
    step = _step(step)
    current = rubrics.rubric_current_version()
    editor = StepRubricEditor.from_post(step, current.data, request.POST)
    rubric = editor.rubric()
    if rubric is None:
        result = "The rubric as typed has a problem (shown beside its field); fix it to preview."
    else:
        result = preview(step, request.POST.get("preview_text", ""), rubric=rubric)
    context = _step_context(
        editor,
        _base(request.POST.get("base_version"), current.number),
        preview=result if not isinstance(result, str) else None,
        preview_message=result if isinstance(result, str) else "",
    )
    if request.htmx:
        return render(request, f"{STEP_PAGE}#preview_result", context)
    return render(request, STEP_PAGE, context)


@require_POST
@role_required(PROGRAM_ADMIN)
def rubric_step_check(request: HtmxHttpRequest, step: str) -> HttpResponse:
    """Score every published scenario's exemplars and counterexamples for the step."""
    step = _step(step)
    current = rubrics.rubric_current_version()
    editor = StepRubricEditor.from_post(step, current.data, request.POST)
    rubric = editor.rubric()
    extra: dict[str, object] = {"check_done": True}
    if rubric is None:
        extra["check_message"] = "The rubric as typed has a problem; fix it to run the check."
    else:
        examples, rubrics_for = _library_examples(step)
        extra["checked"], extra["mismatches"] = check_examples(
            examples, rubric=rubric, scenario_for=rubrics_for
        )
    context = _step_context(
        editor, _base(request.POST.get("base_version"), current.number), **extra
    )
    if request.htmx:
        return render(request, f"{STEP_PAGE}#example_check", context)
    return render(request, STEP_PAGE, context)


def _library_examples(step: str) -> tuple[list[Example], dict[str, object]]:
    """The published scenarios' examples for `step`, and each scenario's rubric (no exemplars)."""
    examples, rubrics_for = [], {}
    scenarios = Scenario.objects.published().select_related("current_version")
    for scenario in scenarios:
        spec = parse_scenario(scenario.current_version.spec, source=scenario.slug)
        if not spec.is_rupture:
            continue
        rubrics_for[spec.title] = dataclasses.replace(spec.rubric(), exemplars={})
        part = spec.step(step)
        examples += [Example(step, text, "", spec.title) for text in part.exemplars]
        examples += [Example(step, c.text, c.pitfall, spec.title) for c in part.counterexamples]
    return examples, rubrics_for


@require_http_methods(["GET", "POST"])
@role_required(PROGRAM_ADMIN)
def rubric_pitfalls(request: HtmxHttpRequest) -> HttpResponse:
    current = rubrics.rubric_current_version()
    page = "ruptures/authoring_rubric_pitfalls.html"
    if request.method == "GET":
        editor = PitfallsEditor.from_data(current.data)
        return render(
            request, page, {"view": editor.view, "base": current.number, "steps": step_labels()}
        )
    editor = PitfallsEditor.from_post(current.data, request.POST)
    saved, base = _save_editor(request, editor, current, "ruptures:rubric_pitfalls")
    if saved is not None:
        return saved
    return render(request, page, {"view": editor.view, "base": base, "steps": step_labels()})


@require_http_methods(["GET", "POST"])
@role_required(PROGRAM_ADMIN)
def rubric_scoring(request: HtmxHttpRequest) -> HttpResponse:
    """The score bands: a save is a new rubric version, like every other part's."""
    current = rubrics.rubric_current_version()
    page = "ruptures/authoring_rubric_scoring.html"
    if request.method == "GET":
        editor = ScoringEditor.from_data(current.data)
        return render(request, page, {"view": editor.view, "base": current.number})
    editor = ScoringEditor.from_post(current.data, request.POST)
    saved, base = _save_editor(request, editor, current, "ruptures:rubric_scoring")
    if saved is not None:
        return saved
    return render(request, page, {"view": editor.view, "base": base})


def _save_editor(request, editor, current, page: str) -> tuple[HttpResponse | None, int]:
    """Save a whole-rubric editor's changes as a new version.

    Returns the redirect back to `page` when saved; otherwise None and the version
    number the form should carry (the newest one when someone saved first), with
    the problem placed on the editor.
    """
    base = _base(request.POST.get("base_version"), current.number)
    if editor.rubric() is None:
        return None, base
    try:
        saved = rubrics.rubric_save(data=editor.data(), author=request.user, base=base)
    except rubrics.StaleRubric as stale:
        editor.problems.append(("", _stale(stale)))
        return None, stale.current.number
    _saved(request, saved, base)
    return redirect(page), base


@require_GET
@role_required(PROGRAM_ADMIN)
def rubric_version(request: HtmxHttpRequest, number: int) -> HttpResponse:
    version = rubric_version_for_admin(request.user, number)
    previous = RubricVersion.objects.filter(number__lt=number).newest_first().first()
    context = {
        "version": version,
        "previous": previous,
        "changes": changes(previous.data, version.data) if previous else [],
        "is_current": not RubricVersion.objects.filter(number__gt=number).exists(),
    }
    return render(request, "ruptures/authoring_rubric_version.html", context)


@require_POST
@role_required(PROGRAM_ADMIN)
def rubric_restore(request: HtmxHttpRequest, number: int) -> HttpResponse:
    version = rubric_version_for_admin(request.user, number)
    try:
        restored = rubrics.rubric_restore(version=version, author=request.user)
    except (rubrics.StaleRubric, RubricError) as exc:
        messages.error(request, f"Version {number} could not be restored: {exc}")
    else:
        if restored.restored_from == number:
            messages.success(
                request, f"Rubric version {number} is back as version {restored.number}."
            )
        else:
            messages.info(
                request, f"Version {restored.number}, the newest, already holds this rubric."
            )
    return redirect("ruptures:rubric_home")
