"""What every response owes its user, whatever the view: privacy, limits, and honesty on failure.

- `Cache-Control: no-store, private` on every page the app draws (they carry a
  user's answers, reviews or the login form); static files are served before
  this middleware runs and keep their long caching.
- A body larger than the app accepts (Content-Length over
  DATA_UPLOAD_MAX_MEMORY_SIZE; a scenario import may reach its own
  AUTHORING_UPLOAD_MAX_BYTES) is refused unread with 413 and a page saying
  nothing was saved. Django counts only the non-file fields against that
  setting, so without this a 10 MB multipart body would be read and spooled.
- Headers that are stored (the User-Agent of a failed login) show a NUL,
  which PostgreSQL cannot store, as U+FFFD.
- A database outage raised by a view is a 503 with Retry-After saying this
  answer was not saved (ruptures.views.errors; handler500 does the same for
  an outage met before the view, such as reading the session).

`DefaultLanguageMiddleware` is about speed only: see its docstring.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control

from ruptures.forms import has_unstorable, without_unstorable
from ruptures.views.errors import OUTAGE_ERRORS, database_unavailable, request_too_large

logger = logging.getLogger(__name__)

# Room for the multipart envelope (boundaries, headers, the CSRF field) around an upload.
UPLOAD_ENVELOPE_BYTES = 64 * 1024


@cache
def _import_path() -> str:
    return reverse("ruptures:import_upload")


def body_limit(path: str) -> int | None:
    """The largest body accepted at `path`, in bytes (None: no limit)."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    if path == _import_path():
        upload = settings.AUTHORING_UPLOAD_MAX_BYTES + UPLOAD_ENVELOPE_BYTES
        limit = upload if limit is None else max(limit, upload)
    return limit


def _content_length(request: HttpRequest) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0  # as Django reads it: no body


# Request headers that are stored (django-axes keeps them with a failed login).
STORED_HEADERS = ("HTTP_USER_AGENT", "HTTP_ACCEPT")


def _storable_headers(request: HttpRequest) -> None:
    """Show what the database cannot store (a NUL) in stored headers as U+FFFD."""
    for name in STORED_HEADERS:
        value = request.META.get(name)
        if value and has_unstorable(value):
            request.META[name] = without_unstorable(value)
            request.__dict__.pop("headers", None)  # rebuilt from META when next read


class RequestGuardMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        _storable_headers(request)
        size = _content_length(request)
        limit = body_limit(request.path_info) if size else None
        if limit is not None and size > limit:
            response = request_too_large(request, size=size, limit=limit)
        else:
            response = self.get_response(request)
        patch_cache_control(response, no_store=True, private=True)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, OUTAGE_ERRORS):
            return None
        logger.error(
            "Database unavailable: %s %s", request.method, request.path, exc_info=exception
        )
        return database_unavailable(request)


class DefaultLanguageMiddleware:
    """Make LANGUAGE_CODE the active language of the request: the one the app speaks.

    No text changes: with no language activated Django falls back to that same
    one. But it asks for the active language on every `reverse()` (three
    times), and with none activated each ask fails through asgiref's lookup
    (two exceptions and a repr: about 2 µs, against 0.4 µs once one is
    active). A step submit, with its eleven links, asks about forty times.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.language = settings.LANGUAGE_CODE

    def __call__(self, request: HttpRequest) -> HttpResponse:
        translation.activate(self.language)
        return self.get_response(request)
