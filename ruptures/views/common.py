"""Views every role reaches: the role router, login, and the role home pages."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from ruptures.models import PROGRAM_ADMIN, SUPERVISOR, Scenario
from ruptures.permissions import role_required

DEMO_LOGINS = (
    ("trainee", "Trainee"),
    ("trainee2", "Trainee"),
    ("supervisor", "Supervisor"),
    ("admin", "Program admin"),
)


@login_not_required
def login_view(request: HttpRequest) -> HttpResponse:
    extra = {"demo_logins": DEMO_LOGINS if settings.DEBUG else ()}
    return auth_views.LoginView.as_view(extra_context=extra, redirect_authenticated_user=True)(
        request
    )


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Send each role to its own home page."""
    user = request.user
    if user.is_program_admin:
        return redirect("ruptures:authoring_home")
    if user.is_supervisor:
        return redirect("ruptures:cohort_home")
    if user.is_trainee:
        return redirect("ruptures:practice_home")
    return render(request, "ruptures/no_role.html", status=403)


@require_GET
@role_required(SUPERVISOR)
def cohort_home(request: HttpRequest) -> HttpResponse:
    cohorts = request.user.supervised_cohorts.prefetch_related("trainees")
    return render(request, "ruptures/cohort_home.html", {"cohorts": cohorts})


@require_GET
@role_required(PROGRAM_ADMIN)
def authoring_home(request: HttpRequest) -> HttpResponse:
    scenarios = Scenario.objects.select_related("current_version")
    return render(request, "ruptures/authoring_home.html", {"scenarios": scenarios})
