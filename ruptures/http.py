"""The request type of our views: django-htmx's middleware adds `request.htmx`."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from ruptures.models import User


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails
    # LoginRequiredMiddleware: every view except login sees a signed-in user.
    user: User
