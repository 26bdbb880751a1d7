"""The product's URLs plus one baseline view that only inserts a row."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from ruptures.models import Attempt, AttemptStatus
from ruptures.urls import urlpatterns as product_urlpatterns


@require_POST
def bare_insert(request: HttpRequest) -> HttpResponse:
    # Not an unanswered attempt: at most one of those may exist per version.
    Attempt.objects.create(
        trainee=request.user,
        version_id=int(request.POST["version"]),
        status=AttemptStatus.REPAIRING,
    )
    return HttpResponse("ok")


urlpatterns = [path("bench/insert/", bare_insert), *product_urlpatterns]


def _product_error_handlers() -> dict[str, object]:
    """The product's handler400..handler500 that it sets (Django's own otherwise)."""
    from ruptures import urls

    names = ("handler400", "handler403", "handler404", "handler500")
    return {name: getattr(urls, name) for name in names if hasattr(urls, name)}


# The product's error pages too (its handler500 answers a database outage met
# before the view with a 503): a bench run must see what users would.
globals().update(_product_error_handlers())
