"""The product's URLs plus one baseline view that only inserts a row."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from ruptures.models import Attempt
from ruptures.urls import urlpatterns as product_urlpatterns


@require_POST
def bare_insert(request: HttpRequest) -> HttpResponse:
    Attempt.objects.create(trainee=request.user, version_id=int(request.POST["version"]))
    return HttpResponse("ok")


urlpatterns = [path("bench/insert/", bare_insert), *product_urlpatterns]
