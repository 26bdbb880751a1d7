"""The supervisor's pages: cohort dashboard, a trainee, the review queue and the review itself.

Every object comes through `ruptures.access`, so another cohort's trainee or
attempt is a 404. Reviews save one step at a time with htmx (the step's
section is swapped) and the whole form without JavaScript (post/redirect/get);
both go through `services.reviews.review_save`. The engine-agreement and
export pages, which program admins reach too, are in `views/reports.py`.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from ruptures import dashboard
from ruptures.access import (
    attempt_for_reviewer,
    cohort_for_user,
    role_required,
    step_for_attempt,
    trainee_for_supervisor,
)
from ruptures.http import HtmxHttpRequest, query_id
from ruptures.models import PROGRAM_ADMIN, SUPERVISOR, Attempt, Cohort, StepName
from ruptures.presentation import progress_charts, transcript_turns
from ruptures.review_forms import QueueFilterForm
from ruptures.review_page import ReviewPage, review_page, revision_history
from ruptures.services import reviews
from ruptures.stats import trainee_stats

REVIEW = "ruptures/review.html"
QUEUE_PAGE_SIZE = 25
# The trainee page lists this many of their newest attempts.
TRAINEE_ATTEMPTS_SHOWN = 50


@require_GET
@role_required(SUPERVISOR)
def cohort_home(request: HtmxHttpRequest) -> HttpResponse:
    """The dashboard: one row per trainee in the supervisor's cohorts, flags first."""
    chosen = query_id(request.GET.get("cohort"))
    if chosen is not None:
        cohort_for_user(request.user, chosen)  # another supervisor's cohort: 404
    cohorts = list(Cohort.objects.for_supervisor(request.user).order_by("name"))
    table = dashboard.cohort_table(request.user, request.GET)
    context = {"cohorts": cohorts, "table": table}
    if request.htmx:
        return render(request, "ruptures/cohort_home.html#dashboard_table", context)
    return render(request, "ruptures/cohort_home.html", context)


@require_GET
@role_required(SUPERVISOR)
def trainee_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """One trainee: their attempts, the progress charts they see, the journal they share."""
    trainee = trainee_for_supervisor(request.user, pk)
    stats = trainee_stats(trainee)
    attempts = Attempt.objects.for_trainee(trainee).for_trainee_page()
    context = {
        "trainee": trainee,
        "stats": stats,
        "charts": progress_charts(stats) if stats.has_data else {},
        "attempts": attempts[:TRAINEE_ATTEMPTS_SHOWN],
        "journal": Attempt.objects.for_trainee(trainee).shared_journal(),
    }
    return render(request, "ruptures/trainee_detail.html", context)


@require_GET
@role_required(SUPERVISOR)
def review_queue(request: HtmxHttpRequest) -> HttpResponse:
    attempts = Attempt.objects.for_supervisor(request.user)
    filters = QueueFilterForm(
        request.GET,
        trainees=Cohort.objects.for_supervisor(request.user)
        .trainees()
        .order_by("first_name", "last_name", "username"),
        scenarios=attempts.scenario_choices(),
    )
    queue = attempts.for_review_queue(**filters.filters()).for_queue_rows()
    context = {
        "filters": filters,
        "queue": Paginator(queue, QUEUE_PAGE_SIZE).get_page(request.GET.get("page")),
        "step": filters.filters()["step"],
    }
    if request.htmx:
        return render(request, "ruptures/review_queue.html#queue_list", context)
    return render(request, "ruptures/review_queue.html", context)


def _review_context(page: ReviewPage) -> dict[str, object]:
    attempt = page.attempt
    spec = attempt.version.spec
    return {
        "page": page,
        "attempt": attempt,
        "spec": spec,
        "turns": transcript_turns(spec, revealed=True),
        "recognition": attempt.recognition(),
        "history": revision_history(page.revisions),
    }


@require_http_methods(["GET", "POST"])
@role_required(SUPERVISOR, PROGRAM_ADMIN)
def review_attempt(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    """The review page; a POST saves the whole form (the way without JavaScript)."""
    attempt = attempt_for_reviewer(request.user, pk)
    if request.method == "GET":
        page = review_page(attempt, editable=attempt.reviewable)
        return render(request, REVIEW, _review_context(page))
    if not attempt.reviewable:
        raise PermissionDenied
    return _review_post(request, attempt, [*StepName.values, reviews.OVERALL])


@require_POST
@role_required(SUPERVISOR)
def review_step(request: HtmxHttpRequest, pk: int, step: str) -> HttpResponse:
    """Save one step's review: with htmx its section is swapped, without it the page reloads."""
    attempt = attempt_for_reviewer(request.user, pk)
    if not attempt.reviewable:
        raise PermissionDenied
    step_for_attempt(attempt, step)
    return _review_post(request, attempt, [step])


def _review_post(request: HtmxHttpRequest, attempt: Attempt, parts: list[str]) -> HttpResponse:
    """Validate and save `parts` of the review; on bad input or a stale form, show why."""
    page = review_page(attempt, editable=True, data=request.POST)
    single = parts[0] if len(parts) == 1 else None
    if page.forms_valid(parts):
        steps, overall = page.inputs(parts)
        try:
            review = reviews.review_save(
                attempt=attempt, reviewer=request.user, steps=steps, overall=overall
            )
        except reviews.StaleReview as stale:
            page = review_page(attempt, editable=True, data=request.POST, stale=stale.parts)
        else:
            if review is not None:
                return _review_saved(request, attempt, single)
            page.nothing_given(single)
    if single and request.htmx:
        return _step_swap(request, page, single)
    return render(request, REVIEW, _review_context(page))


def _review_saved(request: HtmxHttpRequest, attempt: Attempt, single: str | None) -> HttpResponse:
    url = reverse("ruptures:review_attempt", args=[attempt.pk])
    if single is None:
        messages.success(request, "Review saved. The trainee sees it on their next visit.")
        return redirect(url)
    label = StepName(single).label
    if not request.htmx:
        messages.success(request, f"Your review of the {label} step is saved.")
        return redirect(f"{url}#review_step_{single}")
    page = review_page(attempt, editable=True)
    page.step(single).status = f"Saved: the {label} step's review is now what the trainee sees."
    return _step_swap(request, page, single)


def _step_swap(request: HtmxHttpRequest, page: ReviewPage, step: str) -> HttpResponse:
    context = {**_review_context(page), "item": page.step(step)}
    return render(request, f"{REVIEW}#review_step_swap", context)
