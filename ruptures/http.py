"""The request type of our views (django-htmx's middleware adds `request.htmx`), and reading ids
from a query string."""

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from ruptures.models import User


class HtmxHttpRequest(HttpRequest):
    htmx: HtmxDetails
    # LoginRequiredMiddleware: every view except login sees a signed-in user.
    user: User


# More digits than any id has (a bigint has 19); int() refuses over 4,300 anyway.
_ID_DIGITS = 18


def query_id(value: str | None) -> int | None:
    """The id in a query parameter (`?cohort=3`), or None when it is not one.

    Not `str.isdigit` alone: "²" is a digit to it and no number to `int`.
    """
    if value and len(value) <= _ID_DIGITS and value.isascii() and value.isdigit():
        return int(value)
    return None
