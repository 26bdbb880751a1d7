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
