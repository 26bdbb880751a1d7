"""The trainee's pages: pick a vignette, recognise, repair, reflect, see progress.

Every view works as a plain form post with post/redirect/get; with htmx the
same views answer with the changed partial only.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ruptures import charts, forms, practice
from ruptures.access import (
    attempt_for_trainee,
    role_required,
    scenario_for_trainee,
    step_for_attempt,
)
from ruptures.coaching import TraineeStats
from ruptures.forms import AnswerForm, DraftForm, RecognitionForm, ReflectionForm
from ruptures.http import HtmxHttpRequest
from ruptures.models import TRAINEE, Attempt, AttemptStatus, Step
from ruptures.rubric.types import LEVEL_LABELS
from ruptures.services import attempts as services
from ruptures.stats import recommended_next, trainee_stats


@require_GET
@role_required(TRAINEE)
def practice_home(request: HtmxHttpRequest) -> HttpResponse:
    context = practice.home_context(request.user, request.GET)
    if request.htmx:
        return render(request, "ruptures/practice_home.html#scenario_list", context)
    return render(request, "ruptures/practice_home.html", context)


@require_POST
@role_required(TRAINEE)
def attempt_start(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    scenario = scenario_for_trainee(request.user, slug)
    attempt = services.attempt_start(trainee=request.user, scenario=scenario)
    return redirect(attempt)


@require_GET
@role_required(TRAINEE)
def attempt_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    attempt = attempt_for_trainee(request.user, pk)
    context = practice.attempt_context(attempt)
    if attempt.status == AttemptStatus.RECOGNISING:
        context["recognition_form"] = RecognitionForm()
    return render(request, "ruptures/attempt.html", context)


@require_POST
@role_required(TRAINEE)
def attempt_recognise(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    attempt = attempt_for_trainee(request.user, pk)
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
    if attempt.status == AttemptStatus.RECOGNISING:
        raise Http404
    return step_for_attempt(attempt, name)


@require_http_methods(["GET", "POST"])
@role_required(TRAINEE)
def attempt_step(request: HtmxHttpRequest, pk: int, step: str) -> HttpResponse:
    attempt = attempt_for_trainee(request.user, pk, vignette=not request.htmx)
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
def attempt_step_draft(request: HtmxHttpRequest, pk: int, step: str) -> HttpResponse:
    attempt = attempt_for_trainee(request.user, pk)
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
def attempt_summary(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    attempt = attempt_for_trainee(request.user, pk)
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


# The chart keeps to the most frequent few; the table below it lists them all.
PITFALLS_CHARTED = 8


def _label(name: str) -> str:
    return name.replace("_", " ").capitalize()


def _progress_charts(stats: TraineeStats) -> dict[str, SafeString]:
    points = [(f"{timezone.localtime(a.started_at):%d %b}", a.level) for a in stats.level_points]
    steps = [(_label(step), level) for step, level in stats.step_levels if level is not None]
    recognition = [(_label(acc.kind), acc.rate) for acc in stats.recognition if acc.total]
    if stats.false_alarm_rate is not None:
        recognition.append(("False alarms", stats.false_alarm_rate))
    pitfalls = [(_label(name), n) for name, n in stats.pitfalls[:PITFALLS_CHARTED]]
    built = {
        "levels": charts.line_chart(
            points, y_max=3, title="Level over time", y_labels=list(LEVEL_LABELS.values())
        ),
        "steps": charts.bar_chart(
            steps, max_value=3, title="Average level per step", value_format="{:.1f}"
        ),
        "recognition": charts.bar_chart(
            recognition, max_value=1, title="Recognition", value_format="{:.0%}"
        ),
        "pitfalls": charts.bar_chart(
            pitfalls, max_value=max((n for _, n in pitfalls), default=1), title="Pitfalls"
        ),
    }
    # Safe: charts.py escapes every label and title it is given; the rest of
    # its markup is fixed text and numbers it formats itself.
    return {name: mark_safe(svg) for name, svg in built.items()}


@require_GET
@role_required(TRAINEE)
def progress_page(request: HtmxHttpRequest) -> HttpResponse:
    """The signed-in trainee's own progress; nobody else's attempts are read."""
    stats = trainee_stats(request.user)
    context = {
        "stats": stats,
        "charts": _progress_charts(stats) if stats.has_data else {},
        "pitfalls": [(_label(name), n) for name, n in stats.pitfalls],
        "recommendation": recommended_next(request.user, stats=stats),
    }
    return render(request, "ruptures/progress.html", context)
