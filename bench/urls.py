"""The product's URLs plus one baseline view that only inserts a row."""

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.http import require_POST

from ruptures import urls as product_urls
from ruptures.models import Attempt


@require_POST
def bare_insert(request: HttpRequest) -> HttpResponse:
    Attempt.objects.create(trainee=request.user, version_id=int(request.POST["version"]))
    return HttpResponse("ok")


urlpatterns = [path("bench/insert/", bare_insert), *product_urls.urlpatterns]

# The product's error pages too (its 500 handler answers a database outage met
# before the view with a 503): a bench run must see what users would.
for _handler in ("handler400", "handler403", "handler404", "handler500"):
    if hasattr(product_urls, _handler):
        globals()[_handler] = getattr(product_urls, _handler)
