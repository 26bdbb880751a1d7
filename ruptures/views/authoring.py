"""The program admin's pages: the scenario library (editing in the browser comes next)."""

from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ruptures.access import role_required
from ruptures.http import HtmxHttpRequest
from ruptures.models import PROGRAM_ADMIN, Scenario


@require_GET
@role_required(PROGRAM_ADMIN)
def authoring_home(request: HtmxHttpRequest) -> HttpResponse:
    scenarios = Scenario.objects.for_authoring_home()
    return render(request, "ruptures/authoring_home.html", {"scenarios": scenarios})
