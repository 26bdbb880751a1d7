"""Reports supervisors and program admins both read: engine agreement, and the CSV export.

A supervisor's figures cover their own cohorts; a program admin's cover every
cohort, or one they pick. Cohorts come through `ruptures.access`, so another
supervisor's cohort is a 404.
"""

from __future__ import annotations

from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.views.decorators.http import require_GET

from ruptures import export
from ruptures.access import cohort_for_user, role_required
from ruptures.agreement import MIN_MEANINGFUL, agreement_by_step
from ruptures.http import HtmxHttpRequest, query_id
from ruptures.models import PROGRAM_ADMIN, SUPERVISOR, Attempt, Cohort, StepName, StepReview
from ruptures.rubric import LEVEL_LABELS

DISAGREEMENTS_SHOWN = 10


@require_GET
@role_required(SUPERVISOR, PROGRAM_ADMIN)
def agreement(request: HtmxHttpRequest) -> HttpResponse:
    """Quadratic kappa and exact agreement, per step and overall; the matrix; the worst misses."""
    user = request.user
    choices = (
        Cohort.objects.all() if user.is_program_admin else Cohort.objects.for_supervisor(user)
    )
    cohorts, chosen = choices, query_id(request.GET.get("cohort"))
    if chosen is not None:
        cohorts = Cohort.objects.filter(pk=cohort_for_user(user, chosen).pk)
    attempts = Attempt.objects.filter(trainee__in=cohorts.trainees())
    levelled = StepReview.objects.levelled(attempts)
    overall, by_step = agreement_by_step(levelled.agreement_counts(), StepName.values)
    context = {
        "overall": overall,
        "by_step": [(label, by_step[name]) for name, label in StepName.choices],
        "levels": list(LEVEL_LABELS.items()),
        "rows": list(zip(LEVEL_LABELS.items(), overall.matrix, strict=True)),
        "disagreements": levelled.largest_disagreements()[:DISAGREEMENTS_SHOWN],
        "min_meaningful": MIN_MEANINGFUL,
        "cohort_choices": choices,
        "cohort_id": chosen,
    }
    return render(request, "ruptures/agreement.html", context)


@require_GET
@role_required(SUPERVISOR, PROGRAM_ADMIN)
def cohort_export(request: HtmxHttpRequest, pk: int) -> StreamingHttpResponse:
    """The cohort's responses as CSV, streamed; `?pseudonyms=1` replaces names by codes."""
    cohort = cohort_for_user(request.user, pk)
    pseudonyms = request.GET.get("pseudonyms") == "1"
    name = f"{slugify(cohort.name) or 'cohort'}-responses{'-pseudonymised' if pseudonyms else ''}"
    return StreamingHttpResponse(
        export.cohort_csv(cohort, pseudonyms=pseudonyms),
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
    )


@require_GET
@role_required(SUPERVISOR, PROGRAM_ADMIN)
def data_dictionary(request: HtmxHttpRequest) -> HttpResponse:
    context = {"columns": export.COLUMNS, "notes": export.NOTES}
    return render(request, "ruptures/data_dictionary.html", context)


@require_GET
@role_required(SUPERVISOR, PROGRAM_ADMIN)
def data_dictionary_csv(request: HtmxHttpRequest) -> HttpResponse:
    response = HttpResponse(
        content_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="responses-data-dictionary.csv"'},
    )
    response.writelines(export.csv_lines(("column", "meaning"), export.COLUMNS))
    return response
