"""The trainee's side of the review loop: asking for a human review, and the journal.

Kept beside `views/trainee.py` (the practice flow) rather than in it, which
stays about practising. The step page shows the review and the request form
(see `_step_context` there and templates/ruptures/_step_review.html).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from ruptures.access import attempt_for_trainee, role_required, step_for_attempt
from ruptures.http import HtmxHttpRequest
from ruptures.models import TRAINEE, Attempt
from ruptures.review_forms import JournalShareForm, ReviewRequestForm
from ruptures.review_page import step_review_state
from ruptures.services import reviews
from ruptures.views.trainee import _step_context  # the step page, drawn as its view does


@require_POST
@role_required(TRAINEE)
def review_request(request: HtmxHttpRequest, pk: int, step: str) -> HttpResponse:
    """Ask the supervisor to look again at a scored step, with an optional reason."""
    attempt = attempt_for_trainee(request.user, pk, vignette=not request.htmx)
    step_obj = step_for_attempt(attempt, step)
    if not attempt.responses.filter(step=step_obj).exists():
        messages.info(request, "Answer the step first: a review looks at a scored answer.")
        return redirect("ruptures:attempt_step", pk=attempt.pk, step=step)
    form = ReviewRequestForm(request.POST)
    if form.is_valid():
        reviews.review_request_create(
            attempt=attempt, step=step_obj, reason=form.cleaned_data["reason"].strip()
        )
        if not request.htmx:
            messages.success(request, "Your supervisor has your request and will look again.")
            return redirect("ruptures:attempt_step", pk=attempt.pk, step=step)
        form = ReviewRequestForm()
    context = {
        "attempt": attempt,
        "step": step_obj,
        "review_state": step_review_state(attempt, step_obj.pk),
        "request_form": form,
    }
    if request.htmx:
        return render(request, "ruptures/_step_review.html#review_request", context)
    context = {
        **_step_context(attempt, step_obj, form=None, restore_draft=True, vignette=True),
        "request_form": form,
    }
    return render(request, "ruptures/attempt.html", context)


@require_GET
@role_required(TRAINEE)
def journal_page(request: HtmxHttpRequest) -> HttpResponse:
    """The trainee's reflections, newest first, each shared with their supervisor or not."""
    entries = Attempt.objects.for_trainee(request.user).journal_entries()
    return render(request, "ruptures/journal.html", {"entries": entries})


@require_POST
@role_required(TRAINEE)
def journal_share(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """Share one journal entry with the trainee's supervisor, or stop sharing it."""
    attempt = attempt_for_trainee(request.user, pk, vignette=False)
    form = JournalShareForm(request.POST)
    form.is_valid()  # a missing or unreadable box means "not shared", the safe side
    shared = form.cleaned_data.get("shared", False)
    attempt = reviews.journal_share(attempt=attempt, shared=shared)
    status = (
        "Shared: your supervisor can read this entry."
        if shared
        else "Private: only you can read this entry."
    )
    if request.htmx:
        return render(
            request, "ruptures/journal.html#journal_entry", {"entry": attempt, "status": status}
        )
    messages.success(request, status)
    return redirect(f"{reverse('ruptures:journal')}#journal_entry_{attempt.pk}")
