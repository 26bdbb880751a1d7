"""The trainee's practice flow: pick a vignette, recognise, repair, reflect.

Every view works as a plain form post with post/redirect/get; with htmx the
same views answer with the changed partial only.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ruptures import forms, practice
from ruptures.forms import AnswerForm, DraftForm, RecognitionForm, ReflectionForm
from ruptures.models import TRAINEE, Attempt, AttemptStatus, Scenario, Step, StepName
from ruptures.permissions import role_required
from ruptures.services import attempts as services


@require_GET
@role_required(TRAINEE)
def practice_home(request: HttpRequest) -> HttpResponse:
    context = practice.home_context(request.user, request.GET)
    if request.htmx:
        return render(request, "ruptures/practice_home.html#scenario_list", context)
    return render(request, "ruptures/practice_home.html", context)


@require_POST
@role_required(TRAINEE)
def attempt_start(request: HttpRequest, slug: str) -> HttpResponse:
    scenario = get_object_or_404(Scenario.objects.for_trainee(request.user), slug=slug)
    attempt = services.attempt_start(trainee=request.user, scenario=scenario)
    return redirect(attempt)


def _attempt(request: HttpRequest, pk: int, *, vignette: bool = True) -> Attempt:
    """The trainee's own attempt, or 404: another trainee's id reveals nothing.

    Without `vignette` the version's content (a sizeable JSON document) stays
    in the database: the step partials never show it.
    """
    attempts = Attempt.objects.for_trainee(request.user).select_related("version")
    if not vignette:
        attempts = attempts.defer("version__spec")
    return get_object_or_404(attempts, pk=pk)


@require_GET
@role_required(TRAINEE)
def attempt_detail(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = _attempt(request, pk)
    context = practice.attempt_context(attempt)
    if attempt.status == AttemptStatus.RECOGNISING:
        context["recognition_form"] = RecognitionForm()
    return render(request, "ruptures/attempt.html", context)


@require_POST
@role_required(TRAINEE)
def attempt_recognise(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = _attempt(request, pk)
    form = RecognitionForm(request.POST)
    if attempt.status == AttemptStatus.RECOGNISING and not form.is_valid():
        context = {**practice.attempt_context(attempt), "recognition_form": form}
        template = "ruptures/attempt.html#recognition" if request.htmx else "ruptures/attempt.html"
        return render(request, template, context)
    if attempt.status == AttemptStatus.RECOGNISING:
        attempt = services.attempt_recognise(
            attempt=attempt,
            said_rupture=form.cleaned_data["rupture"],
            said_type=form.cleaned_data["rupture_type"],
            said_markers=form.cleaned_data["markers"],
        )
    if not request.htmx:
        return redirect(attempt)
    # The answer also changes the transcript (marker highlights): swap it out of band.
    context = {**practice.attempt_context(attempt), "oob": True}
    html = render_to_string("ruptures/attempt.html#recognition", context, request)
    html += render_to_string("ruptures/attempt.html#transcript", context, request)
    return HttpResponse(html)


def _step(attempt: Attempt, name: str) -> Step:
    if name not in StepName.values or attempt.status == AttemptStatus.RECOGNISING:
        raise Http404
    return get_object_or_404(attempt.version.steps, name=name)


@require_http_methods(["GET", "POST"])
@role_required(TRAINEE)
def attempt_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    attempt = _attempt(request, pk, vignette=not request.htmx)
    step_obj = _step(attempt, step)
    form = None
    submitted = False
    if request.method == "POST":
        form = AnswerForm(request.POST)
        if form.is_valid():
            services.attempt_submit_step(
                attempt=attempt,
                step=step_obj,
                text=form.cleaned_data["text"],
                try_number=form.cleaned_data["try_number"],
            )
            if not request.htmx:
                return redirect("ruptures:attempt_step", pk=attempt.pk, step=step)
            form, submitted = None, True
        elif "try_number" not in form.errors:
            # Keep what was typed even though it could not be scored.
            services.draft_save(
                attempt=attempt,
                step=step_obj,
                text=request.POST.get("text", "")[: forms.MAX_DRAFT],
                try_number=form.cleaned_data["try_number"],
            )
    context = practice.step_context(
        attempt, step_obj, form=form, restore_draft=not submitted, partial=bool(request.htmx)
    )
    if request.htmx:
        context["oob"] = True
        html = render_to_string("ruptures/attempt.html#step_panel", context, request)
        html += render_to_string("ruptures/attempt.html#step_nav", context, request)
        return HttpResponse(html)
    return render(request, "ruptures/attempt.html", context)


@require_POST
@role_required(TRAINEE)
def attempt_step_draft(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    attempt = _attempt(request, pk)
    step_obj = _step(attempt, step)
    form = DraftForm(request.POST)
    if form.is_valid():
        services.draft_save(attempt=attempt, step=step_obj, **form.cleaned_data)
        status = "Draft saved"
    elif "text" in form.errors:
        status = "This draft is too long to keep; shorten it."
    else:
        status = "This page is out of date: reload it to keep typing safely."
    if request.htmx:
        return render(request, "ruptures/attempt.html#draft_status", {"draft_status": status})
    messages.info(request, status)
    return redirect("ruptures:attempt_step", pk=attempt.pk, step=step)


@require_http_methods(["GET", "POST"])
@role_required(TRAINEE)
def attempt_summary(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = _attempt(request, pk)
    if attempt.status != AttemptStatus.DONE:
        messages.info(request, "Finish the steps first; the summary opens when all are answered.")
        return redirect(attempt)
    form = ReflectionForm(
        request.POST or None,
        initial={"difficulty_rating": attempt.difficulty_rating, "journal": attempt.journal},
    )
    saved = False
    if request.method == "POST" and form.is_valid():
        services.attempt_reflect(attempt=attempt, **form.cleaned_data)
        if not request.htmx:
            messages.success(request, "Reflection saved.")
            return redirect(reverse("ruptures:attempt_summary", args=[attempt.pk]))
        saved = True
    context = {**practice.summary_context(attempt), "reflection_form": form, "saved": saved}
    if request.htmx:
        return render(request, "ruptures/summary.html#reflection", context)
    return render(request, "ruptures/summary.html", context)
