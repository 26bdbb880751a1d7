"""The supervisor's pages: their cohorts (review of trainees' answers comes next)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ruptures.access import role_required
from ruptures.http import HtmxHttpRequest
from ruptures.models import SUPERVISOR, Cohort


@require_GET
@role_required(SUPERVISOR)
def cohort_home(request: HtmxHttpRequest) -> HttpResponse:
    cohorts = Cohort.objects.for_supervisor(request.user).for_cohort_home()
    return render(request, "ruptures/cohort_home.html", {"cohorts": cohorts})
