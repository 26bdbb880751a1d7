"""What program admins author besides scenarios: rubric versions, uploads awaiting confirmation.

A rubric version is immutable like a scenario version: every score records
the version it was made with (`StepResponse.rubric_version` holds its hash),
so saving a new one never changes an old score or its explanation.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Now

if TYPE_CHECKING:
    from ruptures.models.people import User


class RubricVersionQuerySet(models.QuerySet):
    def newest_first(self) -> RubricVersionQuerySet:
        return self.order_by("-number")

    def for_history(self) -> RubricVersionQuerySet:
        """Every version with its author, newest first, without the data itself."""
        return self.newest_first().select_related("author").defer("data")


class RubricVersion(models.Model):
    """One saved state of the default rubric (every step, every pitfall), as the engine's data.

    Number 1 is the packaged `default_rubric.yaml`; the newest number applies
    to every new try. `version` is the engine's hash of the data, the value a
    scored try stores, so two versions with equal data share it.
    """

    number = models.PositiveIntegerField(unique=True)
    version = models.CharField(max_length=40, db_index=True)
    data = models.JSONField()
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    restored_from = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(db_default=Now())

    objects = RubricVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        constraints = [
            models.CheckConstraint(condition=Q(number__gte=1), name="rubric_version_number_gte_1")
        ]

    def __str__(self) -> str:
        return f"Rubric v{self.number}"


class ImportBatchQuerySet(models.QuerySet):
    def for_author(self, user: User) -> ImportBatchQuerySet:
        """The uploads `user` made: nobody confirms another admin's upload."""
        return self.filter(author=user)


class ImportBatch(models.Model):
    """Validated scenario files waiting for their uploader to confirm the import.

    `files` holds each file's data as the library reads it (status included):
    the upload itself is not kept, and confirming validates the data again.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    name = models.CharField(max_length=255)
    files = models.JSONField()
    created_at = models.DateTimeField(db_default=Now())

    objects = ImportBatchQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Import of {self.name}"
