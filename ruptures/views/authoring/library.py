"""The scenario library: the list, the editor (save, publish, live preview, exemplar check).

The editor is one plain form. Its row buttons (add, remove, move a turn or a
criterion) and the preview post it whole: without JavaScript the page comes
back with the change and everything typed; with htmx only the changed part
is swapped. Saving is a plain post and redirects (post/redirect/get).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ruptures.access import role_required, scenario_for_admin
from ruptures.authoring.forms import LibraryFilterForm
from ruptures.authoring.preview import Example, check_examples, preview
from ruptures.authoring.scenario_editor import ScenarioEditor
from ruptures.http import HtmxHttpRequest
from ruptures.library import STEPS
from ruptures.models import PROGRAM_ADMIN, Scenario, ScenarioStatus
from ruptures.services import authoring
from ruptures.services.rubrics import rubric_current

EDITOR = "ruptures/authoring_scenario_edit.html"


@require_GET
@role_required(PROGRAM_ADMIN)
def authoring_home(request: HtmxHttpRequest) -> HttpResponse:
    filters = LibraryFilterForm(request.GET)
    context = {
        "filters": filters,
        "scenarios": Scenario.objects.for_authoring_home(**filters.filters()),
    }
    if request.htmx:
        return render(request, "ruptures/authoring_home.html#scenario_table", context)
    return render(request, "ruptures/authoring_home.html", context)


def _editor_urls(scenario: Scenario | None) -> dict[str, str]:
    if scenario is None:
        names = ("scenario_create", "scenario_create_preview", "scenario_create_check")
        return {
            key: reverse(f"ruptures:{name}")
            for key, name in zip(("form_url", "preview_url", "check_url"), names, strict=True)
        }
    names = ("scenario_edit", "scenario_preview", "scenario_check")
    return {
        key: reverse(f"ruptures:{name}", args=[scenario.slug])
        for key, name in zip(("form_url", "preview_url", "check_url"), names, strict=True)
    }


def _editor_context(
    editor: ScenarioEditor, scenario: Scenario | None, base: int | None, **extra: object
) -> dict[str, object]:
    context: dict[str, object] = {
        "editor": editor,
        "view": editor.view,
        "scenario": scenario,
        "base": base or "",
        "steps": STEPS,
        "preview_step": STEPS[0],
        **_editor_urls(scenario),
    }
    context.update(extra)
    return context


def _rows_changed(
    request: HtmxHttpRequest, editor: ScenarioEditor, context: dict[str, object], path: str
) -> HttpResponse:
    """A row was added, removed or moved: the list's section, or the whole page without htmx."""
    if request.htmx:
        part = "transcript_editor" if path == "transcript" else "steps_editor"
        return render(request, f"{EDITOR}#{part}", context)
    return render(request, EDITOR, context)


@require_http_methods(["GET", "POST"])
@role_required(PROGRAM_ADMIN)
def scenario_create(request: HtmxHttpRequest) -> HttpResponse:
    if request.method == "GET":
        return render(request, EDITOR, _editor_context(ScenarioEditor.blank(), None, None))
    editor = ScenarioEditor.from_post(request.POST)
    action = editor.apply(request.POST.get("action", ""))
    if action:
        return _rows_changed(request, editor, _editor_context(editor, None, None), action.path)
    publish = request.POST.get("save") == "publish"
    status = ScenarioStatus.PUBLISHED if publish else ScenarioStatus.DRAFT
    spec = editor.validate(status=status)
    if spec is not None:
        try:
            version = authoring.scenario_create(spec=spec, author=request.user)
        except authoring.SlugTaken:
            editor.add_error("slug", f"'{spec.slug}' is taken by another scenario; choose another")
        else:
            said = "published: trainees see it now" if publish else "saved as a draft"
            messages.success(request, f"“{spec.title}” {said}.")
            return redirect("ruptures:scenario_edit", slug=version.scenario.slug)
    return render(request, EDITOR, _editor_context(editor, None, None))


@require_http_methods(["GET", "POST"])
@role_required(PROGRAM_ADMIN)
def scenario_edit(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    scenario = scenario_for_admin(request.user, slug)
    current = scenario.current_version
    if request.method == "GET":
        editor = ScenarioEditor.from_data(current.spec, slug=scenario.slug)
        return render(request, EDITOR, _editor_context(editor, scenario, current.number))
    editor = ScenarioEditor.from_post(request.POST, slug=scenario.slug)
    base = _base(request.POST.get("base_version"), current.number)
    action = editor.apply(request.POST.get("action", ""))
    if action:
        return _rows_changed(request, editor, _editor_context(editor, scenario, base), action.path)
    publish = request.POST.get("save") == "publish"
    status = ScenarioStatus.PUBLISHED if publish else scenario.status
    spec = editor.validate(status=status)
    if spec is not None:
        try:
            version = authoring.scenario_save(
                scenario=scenario, spec=spec, author=request.user, base=base
            )
        except authoring.StaleScenario as stale:
            editor.add_error("", _stale_message(stale.current))
            base = stale.current.number
        else:
            messages.success(request, _saved_message(version.number, current.number, status))
            return redirect("ruptures:scenario_edit", slug=scenario.slug)
    return render(request, EDITOR, _editor_context(editor, scenario, base))


def _base(raw: str | None, default: int) -> int:
    try:
        return int(raw or default)
    except ValueError:
        return default


def _stale_message(current: object) -> str:
    who = current.author.get_username() if current.author else "someone"
    return (
        f"While you were editing, {who} saved version {current.number}. Nothing of yours "
        "was saved, and all you typed is still here: compare it with the history, then "
        "save again to make yours the newest version."
    )


def _saved_message(number: int, before: int, status: str) -> str:
    seen = "trainees see it now" if status == ScenarioStatus.PUBLISHED else "it is a draft"
    if number == before:
        return f"Nothing in the content changed, so there is no new version; {seen}."
    return f"Saved as version {number}; {seen}. Attempts already started keep their version."


@require_POST
@role_required(PROGRAM_ADMIN)
def scenario_preview(request: HtmxHttpRequest, slug: str | None = None) -> HttpResponse:
    """Score the sample answer under the current rubric and the scenario as typed."""
    scenario = scenario_for_admin(request.user, slug) if slug else None
    editor = ScenarioEditor.from_post(request.POST, slug=slug)
    step = request.POST.get("preview_step", STEPS[0])
    step = step if step in STEPS else STEPS[0]
    result = preview(
        step,
        request.POST.get("preview_text", ""),
        rubric=rubric_current(),
        scenario=editor.preview_rubric(step),
    )
    context = _editor_context(
        editor,
        scenario,
        _base(request.POST.get("base_version"), 0),
        preview=result if not isinstance(result, str) else None,
        preview_message=result if isinstance(result, str) else "",
        preview_step=step,
    )
    if request.htmx:
        return render(request, f"{EDITOR}#preview_result", context)
    return render(request, EDITOR, context)


@require_POST
@role_required(PROGRAM_ADMIN)
def scenario_check(request: HtmxHttpRequest, slug: str | None = None) -> HttpResponse:
    """Run every exemplar and counterexample typed; list those scored against their label."""
    scenario = scenario_for_admin(request.user, slug) if slug else None
    editor = ScenarioEditor.from_post(request.POST, slug=slug)
    examples = [Example(step, text, pitfall, step) for step, text, pitfall in editor.examples()]
    # Without the exemplars in the scenario's rubric: each would be scored as a copy of itself.
    rubrics = {step: editor.preview_rubric(step, exemplars=False) for step in STEPS}
    checked, mismatches = check_examples(examples, rubric=rubric_current(), scenario_for=rubrics)
    context = _editor_context(
        editor,
        scenario,
        _base(request.POST.get("base_version"), 0),
        checked=checked,
        mismatches=mismatches,
        check_done=True,
    )
    if request.htmx:
        return render(request, f"{EDITOR}#example_check", context)
    return render(request, EDITOR, context)
