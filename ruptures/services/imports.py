"""Importing scenario files in two steps: stage what validated, then commit it all at once.

An upload is read and validated (`ruptures.authoring.uploads`); when nothing
is wrong, its scenarios are kept as an `ImportBatch` for the uploader to look
over and confirm. Confirming validates the data again and loads every
scenario in one transaction: all of them, or none.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from ruptures.library import ScenarioSpec, parse_scenario
from ruptures.models import ImportBatch, User
from ruptures.services.library import LibraryChanges, library_load

# An upload waiting longer than this is dropped: the uploader can send it again.
KEEP_FOR = timedelta(days=1)


@transaction.atomic
def import_stage(*, author: User, name: str, specs: list[tuple[str, ScenarioSpec]]) -> ImportBatch:
    """Keep validated scenarios for `author` to confirm; their older uploads are dropped."""
    ImportBatch.objects.filter(author=author).delete()
    ImportBatch.objects.filter(created_at__lt=timezone.now() - KEEP_FOR).delete()
    files = [{"source": source, "data": spec.to_file_dict()} for source, spec in specs]
    return ImportBatch.objects.create(author=author, name=name[:255], files=files)


def import_preview(specs: list[ScenarioSpec]) -> LibraryChanges:
    """What importing `specs` would do to each slug: new, changed, status, unchanged."""
    return library_load(specs=specs, dry_run=True)


def batch_specs(batch: ImportBatch) -> list[tuple[str, ScenarioSpec]]:
    """The staged scenarios, validated again (ScenarioError if they no longer are)."""
    return [
        (item["source"], parse_scenario(item["data"], source=item["source"]))
        for item in batch.files
    ]


@transaction.atomic
def import_commit(*, batch: ImportBatch) -> LibraryChanges:
    """Load every staged scenario, in one transaction, and drop the batch.

    Raises ScenarioError, writing nothing, if the staged data no longer
    validates (the marker catalogue may have changed since the upload).
    """
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    specs = [spec for _, spec in batch_specs(batch)]
    changes = library_load(specs=specs, author=batch.author)
    batch.delete()
    return changes
