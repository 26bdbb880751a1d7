"""Importing scenario files: upload, look over what would change, confirm (or discard).

An upload with any problem is refused whole, listing every problem of every
file, and nothing is stored. A clean one is staged and shown (new, changed,
status only, unchanged) until its uploader confirms it; confirming loads all
of it in one transaction.
"""

from __future__ import annotations

from uuid import UUID

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ruptures.access import import_for_admin, role_required
from ruptures.authoring.forms import ImportForm
from ruptures.authoring.uploads import Limits, read_upload
from ruptures.http import HtmxHttpRequest
from ruptures.library import ScenarioError
from ruptures.models import PROGRAM_ADMIN, ImportBatch
from ruptures.services import imports

PAGE = "ruptures/authoring_import.html"


def upload_limits() -> Limits:
    return Limits(
        upload_bytes=settings.AUTHORING_UPLOAD_MAX_BYTES,
        members=settings.AUTHORING_ZIP_MAX_FILES,
        total_bytes=settings.AUTHORING_ZIP_MAX_BYTES,
    )


@require_http_methods(["GET", "POST"])
@role_required(PROGRAM_ADMIN)
def import_upload(request: HtmxHttpRequest) -> HttpResponse:
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "GET" or not form.is_valid():
        return render(request, PAGE, {"form": form, "limits": upload_limits()})
    file = form.cleaned_data["file"]
    limits = upload_limits()
    upload = read_upload(file.name, file.read(limits.upload_bytes + 1), limits)
    if not upload.ok:
        sources = sorted({p.source for p in upload.problems})
        context = {
            "form": ImportForm(),
            "limits": limits,
            "upload": upload,
            "failed": [(source, upload.problems_of(source)) for source in sources],
            "name": file.name,
        }
        return render(request, PAGE, context)
    batch = imports.import_stage(author=request.user, name=file.name, specs=upload.specs)
    return redirect("ruptures:import_batch", pk=batch.pk)


@require_http_methods(["GET", "POST"])
@role_required(PROGRAM_ADMIN)
def import_batch(request: HtmxHttpRequest, pk: UUID) -> HttpResponse:
    batch = import_for_admin(request.user, pk)
    if batch is None:
        return _gone(request)
    if request.method == "POST" and "discard" in request.POST:
        batch.delete()
        messages.info(request, "The upload was discarded; nothing was imported.")
        return redirect("ruptures:import_upload")
    try:
        staged = imports.batch_specs(batch)
    except ScenarioError as exc:
        batch.delete()
        context = {"form": ImportForm(), "limits": upload_limits(), "name": batch.name}
        context["failed"] = [(p.source, [p]) for p in exc.problems]
        return render(request, PAGE, context)
    if request.method == "POST":
        try:
            changes = imports.import_commit(batch=batch)
        except ImportBatch.DoesNotExist:  # confirmed twice at once: the first one imported
            return _gone(request)
        messages.success(request, f"Imported {batch.name}: {changes.summary()}.")
        return redirect("ruptures:authoring_home")
    changes = imports.import_preview([spec for _, spec in staged])
    rows = [(source, spec, changes.kind_of(spec.slug)) for source, spec in staged]
    return render(request, PAGE, {"batch": batch, "rows": rows, "changes": changes})


def _gone(request: HtmxHttpRequest) -> HttpResponse:
    messages.info(request, "That upload was already imported, discarded or has expired.")
    return redirect("ruptures:authoring_home")
