"""Error pages that say what happened to the user's work, in words.

None of them reads the database: they are shown when a request was refused
before it reached a view, or when the database itself failed.
"""

from __future__ import annotations

import sys
from datetime import timedelta

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

# An outage: the database refused, dropped or never made the connection. Other
# database errors (a constraint, bad data) are bugs, and stay 500s.
OUTAGE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def _plain_page(template: str, context: dict[str, object], status: int) -> HttpResponse:
    # Rendered without the request: its context processors would read the user.
    return HttpResponse(render_to_string(template, context), status=status)


def database_unavailable(request: HttpRequest) -> HttpResponse:
    """503 with Retry-After: nothing of this request was saved, and how to retry.

    For htmx, a fragment whose words app.js shows beside the form, the
    answer left in its box; otherwise a page of its own. Before answering, a
    connection the failure left broken is dropped, so the next request
    connects afresh (the app recovers without a restart).
    """
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
    sent = request.method not in ("GET", "HEAD")
    template = "_503_fragment.html" if request.headers.get("HX-Request") else "503.html"
    response = _plain_page(template, {"sent": sent}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500; a database outage raised outside a view (a session read) is a 503 too."""
    if isinstance(sys.exception(), OUTAGE_ERRORS):
        return database_unavailable(request)
    return _plain_page("500.html", {}, status=500)


def request_too_large(request: HttpRequest, *, size: int, limit: int) -> HttpResponse:
    """413: the body was refused unread, so nothing in it was saved."""
    context = {"size_mb": f"{size / 1_000_000:.1f}", "limit_mb": f"{limit / 1_000_000:.1f}"}
    return _plain_page("413.html", context, status=413)


def login_locked_out(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """django-axes' lockout answer (AXES_LOCKOUT_CALLABLE): 429, in words, with Retry-After."""
    cool_off: timedelta = settings.AXES_COOLOFF_TIME
    minutes = max(1, round(cool_off.total_seconds() / 60))
    context = {"minutes": minutes, "failure_limit": settings.AXES_FAILURE_LIMIT}
    response = render(request, "429.html", context, status=429)
    response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
