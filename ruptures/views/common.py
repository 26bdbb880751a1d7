"""Views every role reaches: login, and the router that sends each role to its home page."""

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from ruptures.access import role_required
from ruptures.engine_report import engine_report
from ruptures.http import HtmxHttpRequest
from ruptures.management.commands.seed_demo import DEMO_PASSWORD, DEMO_USERS
from ruptures.models import PROGRAM_ADMIN, SUPERVISOR, TRAINEE


@login_not_required
def login_view(request: HttpRequest) -> HttpResponse:
    extra = {}
    if settings.DEBUG:  # the logins seed_demo creates exist only in development
        extra = {
            "demo_logins": [(username, role) for username, role, *_ in DEMO_USERS],
            "demo_password": DEMO_PASSWORD,
        }
    return auth_views.LoginView.as_view(extra_context=extra, redirect_authenticated_user=True)(
        request
    )


@require_GET
def home(request: HtmxHttpRequest) -> HttpResponse:
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
@role_required(TRAINEE, SUPERVISOR, PROGRAM_ADMIN)
def how_scoring_works(request: HttpRequest) -> HttpResponse:
    """What the engine looks at, how well it agrees with expert raters, and its limits."""
    return render(request, "ruptures/how_scoring_works.html", {"report": engine_report()})
