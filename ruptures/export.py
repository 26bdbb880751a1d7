"""A cohort's responses as CSV, streamed row by row, and the data dictionary of its columns.

Django's documented pattern for large CSV files: the standard library's csv
writer writes into a pseudo-buffer that hands each line back, and a
`StreamingHttpResponse` sends the lines while one database query (a
server-side cursor on PostgreSQL) feeds them, so a large cohort never sits
in memory. Cells that a spreadsheet would read as a formula are neutralised.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.crypto import salted_hmac

from ruptures.models import Cohort, StepResponse, StepReview

# (column, what it holds): the export's header and its data dictionary, in one place.
COLUMNS: tuple[tuple[str, str], ...] = (
    (
        "trainee",
        "The trainee's name; with pseudonyms, a code such as T-3f9a2c1b that stays the "
        "same for the same person in every export (as long as the studio's secret key does).",
    ),
    ("attempt", "The attempt's number in the studio. Rows with the same number are one attempt."),
    ("scenario", "The vignette's short name (slug)."),
    ("version", "The version of the vignette the attempt was made on (1 is the first)."),
    ("step", "The repair step: notice, invite, validate, explore or negotiate."),
    ("try", "Which try at the step this is: 1 for the first, 2 for the next, and so on."),
    ("text", "The trainee's answer, exactly as submitted."),
    (
        "pasted_exemplar",
        "'yes' when the answer copies a model answer; such a try counts in no total or average.",
    ),
    ("engine_level", "The automated level: 0 harmful, 1 weak, 2 adequate, 3 strong."),
    ("engine_score", "The automated score, 0 to 100."),
    ("pitfalls", "The pitfalls the engine found in this try, separated by semicolons."),
    (
        "supervisor_level",
        "The supervisor's level (0-3) for this step of this attempt, repeated on each of the "
        "step's tries; empty when the step has no supervisor's level.",
    ),
    ("supervisor_comment", "The supervisor's comment on this step of this attempt."),
    ("reviewed_try", "The try the supervisor's level judges (the step's best try when given)."),
    ("started_at", "When the attempt started: UTC, ISO 8601 (2026-03-01T14:05:09+00:00)."),
    ("submitted_at", "When this try was submitted (UTC)."),
    ("reviewed_at", "When the supervisor last saved this step's review (UTC)."),
)
HEADER = tuple(name for name, _ in COLUMNS)
NOTES = (
    "One row per try: every try at every step of every attempt by the cohort's trainees.",
    "Text is UTF-8. A cell that begins with =, +, -, @, a tab or a carriage return gets a "
    "leading apostrophe, so that a spreadsheet shows it as text instead of running it as a "
    "formula.",
    "Pseudonyms replace names only: answers and comments may still mention people.",
)

# The characters a spreadsheet takes as the start of a formula (OWASP's list).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would run as a formula, made plain text; others unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def pseudonym(user_id: int) -> str:
    """A stable code for a trainee: keyed on SECRET_KEY, so it cannot be reversed by guessing."""
    digest = salted_hmac("ruptures.export.pseudonym", str(user_id), algorithm="sha256")
    return "T-" + digest.hexdigest()[:8]


def _utc(moment: datetime | None) -> str:
    return "" if moment is None else moment.astimezone(UTC).isoformat(timespec="seconds")


def cohort_rows(cohort: Cohort) -> QuerySet:
    """Every try by the cohort's trainees with its step's review, as value rows, in order."""
    review = StepReview.objects.filter(review__attempt=OuterRef("attempt"), step=OuterRef("step"))

    def reviewed(field: str) -> Subquery:
        return Subquery(review.values(field)[:1])

    trainees = Cohort.objects.filter(pk=cohort.pk).trainees()
    return (
        StepResponse.objects.filter(attempt__trainee__in=trainees)
        .annotate(
            supervisor_level=reviewed("level"),
            supervisor_comment=reviewed("comment"),
            reviewed_try=reviewed("response__try_number"),
            reviewed_at=reviewed("updated_at"),
        )
        .order_by(
            "attempt__trainee", "attempt__started_at", "attempt", "step__order", "try_number"
        )
        .values(
            "attempt__trainee",
            "attempt__trainee__first_name",
            "attempt__trainee__last_name",
            "attempt__trainee__username",
            "attempt",
            "attempt__version__scenario__slug",
            "attempt__version__number",
            "step__name",
            "try_number",
            "text",
            "copy_of",
            "level",
            "score",
            "pitfalls",
            "supervisor_level",
            "supervisor_comment",
            "reviewed_try",
            "attempt__started_at",
            "submitted_at",
            "reviewed_at",
        )
    )


def _cells(row: dict, *, pseudonyms: bool) -> list[object]:
    if pseudonyms:
        name = pseudonym(row["attempt__trainee"])
    else:
        full = f"{row['attempt__trainee__first_name']} {row['attempt__trainee__last_name']}"
        name = full.strip() or row["attempt__trainee__username"]
    level = row["supervisor_level"]
    reviewed_try = row["reviewed_try"]
    cells = [
        name,
        row["attempt"],
        row["attempt__version__scenario__slug"],
        row["attempt__version__number"],
        row["step__name"],
        row["try_number"],
        row["text"],
        "yes" if row["copy_of"] else "no",
        row["level"],
        row["score"],
        "; ".join(row["pitfalls"]),
        "" if level is None else level,
        row["supervisor_comment"] or "",
        "" if reviewed_try is None else reviewed_try,
        _utc(row["attempt__started_at"]),
        _utc(row["submitted_at"]),
        _utc(row["reviewed_at"]),
    ]
    return [neutralise(cell) for cell in cells]


class _Echo:
    """A file-like object whose write returns the line: csv.writer then yields lines."""

    def write(self, value: str) -> str:
        return value


def csv_lines(header: Iterable[str], rows: Iterable[Iterable[object]]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield writer.writerow(header)
    for row in rows:
        yield writer.writerow(row)


def cohort_csv(cohort: Cohort, *, pseudonyms: bool) -> Iterator[str]:
    """The export's lines, produced as the database hands over the rows."""
    rows = cohort_rows(cohort).iterator(chunk_size=1000)
    return csv_lines(HEADER, (_cells(row, pseudonyms=pseudonyms) for row in rows))
