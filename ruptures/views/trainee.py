"""The trainee's pages: pick a vignette, recognise, repair, reflect, see progress.

Every view works as a plain form post with post/redirect/get; with htmx the
same views answer with the changed partial only. Objects come through
`ruptures.access`, page reads from the models' QuerySet methods, what other
roles' pages show alike from `ruptures.presentation`, and every write goes
through `ruptures.services.attempts`.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from ruptures import forms
from ruptures.access import (
    attempt_for_trainee,
    attempt_step_for_trainee,
    role_required,
    scenario_for_trainee,
)
from ruptures.forms import (
    AnswerForm,
    DraftForm,
    PracticeFilterForm,
    RecognitionForm,
    ReflectionForm,
)
from ruptures.http import HtmxHttpRequest
from ruptures.models import (
    TRAINEE,
    Attempt,
    AttemptStatus,
    Review,
    Scenario,
    Step,
    StepDraft,
    StepName,
    StepResponse,
)
from ruptures.presentation import (
    REFLECTION_QUESTIONS,
    change_text,
    duration_text,
    harmful_steps,
    newest_rubric_version,
    practice_cards,
    practice_sections,
    progress_charts,
    step_progress,
    transcript_turns,
)
from ruptures.review_forms import ReviewRequestForm
from ruptures.review_page import attempt_review, step_review_state
from ruptures.rubric import level_for_score
from ruptures.services import attempts, reviews
from ruptures.services.rubrics import rubric_of
from ruptures.stats import recommended_next, trainee_stats

# The summary lists this many of the trainee's other attempts at the vignette.
EARLIER_SHOWN = 10


@require_GET
@role_required(TRAINEE)
def practice_home(request: HtmxHttpRequest) -> HttpResponse:
    scenarios = Scenario.objects.for_trainee(request.user)
    filters = PracticeFilterForm(request.GET, settings_in_use=scenarios.settings_in_use())
    progress = Attempt.objects.for_trainee(request.user).for_practice_home()
    listed = scenarios.for_practice_list(**filters.filters())
    cards = practice_cards(listed, progress, rubric_for=rubric_of)
    context = {"filters": filters, "count": len(cards), "sections": practice_sections(cards)}
    if request.htmx:
        return render(request, "ruptures/practice_home.html#scenario_list", context)
    context["recommendation"] = recommended_next(request.user)
    context["new_reviews"] = Review.objects.for_trainee(request.user).unread().for_home_notice()
    return render(request, "ruptures/practice_home.html", context)


@require_POST
@role_required(TRAINEE)
def attempt_start(request: HtmxHttpRequest, slug: str) -> HttpResponse:
    scenario = scenario_for_trainee(request.user, slug)
    attempt = attempts.attempt_start(trainee=request.user, scenario=scenario)
    return redirect(attempt)


def _attempt_context(
    attempt: Attempt,
    *,
    vignette: bool = True,
    nav: bool = True,
    shown: Step | None = None,
    tries: list[StepResponse] | None = None,
) -> dict[str, object]:
    """The recognition answer and each step's tries; with `vignette`, the vignette too.

    A step page shows one step's tries whole (`shown`), the others' in the
    navigation only: see `StepResponseQuerySet.tries_of`. `tries`, when
    given, are those read already. With `nav`, the step navigation's links
    (`nav`, each step with its page's URL) when the page shows it.
    """
    steps = []
    if not attempt.version.is_foil:
        if tries is None:
            tries = StepResponse.objects.tries_of(attempt, shown=shown and shown.pk)
        steps = step_progress(tries)
    recognition = attempt.recognition()
    context: dict[str, object] = {
        "attempt": attempt,
        "recognition": recognition,
        "steps": steps,
    }
    if nav and steps and recognition:
        urls = _step_urls(attempt.pk)
        context.update(step_urls=urls, nav=[(s, urls[s.name]) for s in steps])
    if vignette:
        spec = attempt.version.spec
        revealed = attempt.said_rupture is not None
        context.update(spec=spec, turns=transcript_turns(spec, revealed=revealed))
    return context


def _step_urls(pk: int) -> dict[str, str]:
    """Each step page's URL, reversed once: the navigation and the step panel share them."""
    return {name: reverse("ruptures:attempt_step", args=[pk, name]) for name in StepName.values}


@require_GET
@role_required(TRAINEE)
def attempt_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    attempt = attempt_for_trainee(request.user, pk)
    context = _attempt_context(attempt)
    if attempt.status == AttemptStatus.RECOGNISING:
        context["recognition_form"] = RecognitionForm()
    return render(request, "ruptures/attempt.html", context)


@require_POST
@role_required(TRAINEE)
def attempt_recognise(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    attempt = attempt_for_trainee(request.user, pk)
    if attempt.status == AttemptStatus.RECOGNISING:
        form = RecognitionForm(request.POST)
        if not form.is_valid():
            context = {**_attempt_context(attempt), "recognition_form": form}
            template = (
                "ruptures/attempt.html#recognition" if request.htmx else "ruptures/attempt.html"
            )
            return render(request, template, context)
        attempt = attempts.attempt_recognise(
            attempt=attempt,
            said_rupture=form.cleaned_data["rupture"],
            said_type=form.cleaned_data["rupture_type"],
            said_markers=form.cleaned_data["markers"],
        )
    if not request.htmx:
        return redirect(attempt)
    # The answer also reveals the markers in the transcript, swapped out of band.
    return render(
        request, "ruptures/attempt.html#recognition_swap", _attempt_context(attempt, nav=False)
    )


def _recognition_first(request: HtmxHttpRequest, attempt: Attempt) -> HttpResponse:
    """Steps open once the recognition question is answered: send the trainee there."""
    messages.info(request, "First say what you see in the vignette; the repair steps open after.")
    if request.htmx:
        return HttpResponseClientRedirect(attempt.get_absolute_url())
    return redirect(attempt)


@require_http_methods(["GET", "POST"])
@role_required(TRAINEE)
def attempt_step(request: HtmxHttpRequest, pk: int, step: str) -> HttpResponse:
    # An htmx swap replaces the step panel only: the vignette stays in the database.
    attempt, step_obj = attempt_step_for_trainee(request.user, pk, step, vignette=not request.htmx)
    if attempt.status == AttemptStatus.RECOGNISING:
        return _recognition_first(request, attempt)
    if step_obj is None:
        raise Http404
    form = None
    submitted = False
    if request.method == "POST":
        form = AnswerForm(request.POST)
        submitted = _submit(attempt, step_obj, form)
        if submitted:
            if not request.htmx:
                # Without JavaScript the page after the redirect opens at the feedback.
                return redirect(reverse("ruptures:attempt_step", args=[pk, step]) + "#feedback")
            form = None
    context = _step_context(
        attempt,
        step_obj,
        form=form,
        restore_draft=not submitted,
        vignette=not request.htmx,
        # As the submit left them, read under the attempt's lock: no second read.
        tries=attempt.tries if submitted else None,
    )
    # Tells the browser's script that its local copy of the answer is stored now.
    context["submitted"] = submitted
    if request.htmx:
        # The step navigation's tries and levels change too: swapped out of band.
        return render(request, "ruptures/attempt.html#step_swap", context)
    return render(request, "ruptures/attempt.html", context)


def _submit(attempt: Attempt, step: Step, form: AnswerForm) -> bool:
    """Store the answer if the form holds one; else keep what can be kept, and say why."""
    if form.is_valid():
        try:
            attempts.attempt_submit_step(attempt=attempt, step=step, **form.cleaned_data)
        except attempts.TryNumberAhead:
            form.add_error("try_number", forms.STALE_PAGE)
            return False
        return True
    draft = form.draft()
    if draft is not None:
        # Keep what was typed even though it could not be scored.
        text, try_number = draft
        attempts.draft_save(attempt=attempt, step=step, text=text, try_number=try_number)
    return False


def _step_context(
    attempt: Attempt,
    step: Step,
    *,
    form: AnswerForm | None,
    restore_draft: bool,
    vignette: bool,
    text: str | None = None,
    tries: list[StepResponse] | None = None,
) -> dict[str, object]:
    """The step panel: the prompt, the tries and their feedback, the answer form.

    Right after a submit there is no draft of the coming try to restore, so
    the caller skips looking for one, and passes the attempt's `tries` as the
    submit read them; `text`, when given, fills the box instead of the draft
    or the last answer.
    """
    context = _attempt_context(attempt, vignette=vignette, shown=step, tries=tries)
    progress = next(s for s in context["steps"] if s.name == step.name)
    latest, coming = progress.latest, len(progress.tries) + 1
    prefill = "answer" if latest else ""
    if form is None:
        if text is None and restore_draft:
            text = StepDraft.objects.text_for(attempt=attempt, step=step, try_number=coming)
            prefill = "draft" if text else prefill
        # A retry starts from the last answer: revising beats retyping.
        text = text or (latest.text if latest else "")
        form = AnswerForm(initial={"text": text})
    names = StepName.values
    index = names.index(step.name)
    review_state = step_review_state(attempt, step.pk)
    if review_state.review is not None:
        reviews.review_mark_seen(review=review_state.review.review)
    context.update(
        review_state=review_state,
        request_form=ReviewRequestForm(),
        step=step,
        step_label=progress.label,
        form=form,
        coming_try=coming,
        prefill=prefill,
        tries=progress.tries,
        latest=latest,
        best=progress.best,
        next_step=names[index + 1] if index + 1 < len(names) else None,
        previous_step=names[index - 1] if index else None,
    )
    urls = context.get("step_urls") or _step_urls(attempt.pk)
    context.update(
        step_url=urls[step.name],
        next_url=context["next_step"] and urls[context["next_step"]],
        previous_url=context["previous_step"] and urls[context["previous_step"]],
    )
    return context


@require_POST
@role_required(TRAINEE)
def attempt_step_draft(request: HtmxHttpRequest, pk: int, step: str) -> HttpResponse:
    attempt, step_obj = attempt_step_for_trainee(request.user, pk, step, vignette=not request.htmx)
    if attempt.status == AttemptStatus.RECOGNISING:
        return _recognition_first(request, attempt)
    if step_obj is None:
        raise Http404
    form = DraftForm(request.POST)
    status = form.status()
    if form.is_valid():
        attempts.draft_save(attempt=attempt, step=step_obj, **form.cleaned_data)
    if request.htmx:
        return render(request, "ruptures/attempt.html#draft_status", {"draft_status": status})
    if form.is_valid():
        messages.info(request, status)
        return redirect("ruptures:attempt_step", pk=attempt.pk, step=step)
    # Not kept: the page comes back with the words in the box and the reason beside them.
    context = _step_context(
        attempt,
        step_obj,
        form=None,
        restore_draft=False,
        vignette=True,
        text=request.POST.get("text", "")[: forms.MAX_DRAFT],
    )
    context["draft_status"] = status
    return render(request, "ruptures/attempt.html", context)


@require_http_methods(["GET", "POST"])
@role_required(TRAINEE)
def attempt_summary(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    attempt = attempt_for_trainee(request.user, pk)
    if not attempt.is_done:
        messages.info(request, "Finish the steps first; the summary opens when all are answered.")
        return redirect(attempt)
    form = ReflectionForm(
        request.POST or None,
        initial={"difficulty_rating": attempt.difficulty_rating, "journal": attempt.journal},
    )
    saved = False
    if request.method == "POST" and form.is_valid():
        attempts.attempt_reflect(attempt=attempt, **form.cleaned_data)
        if not request.htmx:
            messages.success(request, "Reflection saved.")
            return redirect("ruptures:attempt_summary", pk=attempt.pk)
        saved = True
    context = {
        "attempt": attempt,
        "reflection_form": form,
        "saved": saved,
        "questions": REFLECTION_QUESTIONS,
    }
    if request.htmx:
        return render(request, "ruptures/summary.html#reflection", context)
    earlier = Attempt.objects.for_trainee(request.user).history_of(attempt)[:EARLIER_SHOWN]
    total = attempt.total_score
    review, step_reviews = attempt_review(attempt)
    if review is not None:
        reviews.review_mark_seen(review=review)
    context.update(_attempt_context(attempt, nav=False))
    context.update(
        harmful_steps=harmful_steps(context["steps"]),
        review=review,
        review_rows=[(s, step_reviews.get(s.name)) for s in context["steps"]],
        earlier=[(a, change_text(total, a.total_score)) for a in earlier],
        time_taken=duration_text(attempt.started_at, attempt.finished_at),
        # In the bands of the rubric the attempt was last scored with.
        total_level=None
        if total is None
        else level_for_score(total, rubric_of(newest_rubric_version(context["steps"]))),
    )
    return render(request, "ruptures/summary.html", context)


@require_GET
@role_required(TRAINEE)
def progress_page(request: HtmxHttpRequest) -> HttpResponse:
    """The signed-in trainee's own progress; nobody else's attempts are read."""
    stats = trainee_stats(request.user)
    context = {
        "stats": stats,
        "charts": progress_charts(stats) if stats.has_data else {},
        "recommendation": recommended_next(request.user, stats=stats),
    }
    return render(request, "ruptures/progress.html", context)
