"""Writes of the trainee's practice: starting, recognising, answering steps, drafts, reflection."""

from __future__ import annotations

from dataclasses import fields
from functools import cache
from operator import attrgetter

from django.db import connection, transaction
from django.utils import timezone

from ruptures.models import (
    Attempt,
    AttemptStatus,
    Scenario,
    Step,
    StepDraft,
    StepResponse,
    StepResult,
    User,
)
from ruptures.models.practice import try_columns, try_from_row
from ruptures.models.results import UNREAD, StoredResult
from ruptures.models.rows import Columns, Insert
from ruptures.rubric import STEPS, Assessment, assess
from ruptures.services.library import version_rubric
from ruptures.services.rubrics import rubric_current


def attempt_start(*, trainee: User, scenario: Scenario) -> Attempt:
    """Start an attempt on the scenario's current version (pinned from now on).

    An attempt not yet answered on that version is reused: starting afresh
    would give the trainee the same empty page, and a double click or a
    resent form must not leave a second one behind. The unique constraint on
    unanswered attempts (`attempt_one_unanswered_per_version`) makes this
    hold when two requests race: get_or_create's insert fails and it reads
    the winner's row.
    """
    attempt, _ = Attempt.objects.get_or_create(
        trainee=trainee, version=scenario.current_version, status=AttemptStatus.RECOGNISING
    )
    return attempt


@transaction.atomic
def attempt_recognise(
    *, attempt: Attempt, said_rupture: bool, said_type: str, said_markers: list[str]
) -> Attempt:
    """Score and store the recognition answer; a foil attempt ends here.

    Returns the attempt as stored: on a double submit the first answer stands.
    """
    attempt = (
        Attempt.objects.select_for_update(of=("self",))
        .select_related("version")
        .get(pk=attempt.pk)
    )
    if attempt.status != AttemptStatus.RECOGNISING:
        return attempt
    attempt.said_rupture = said_rupture
    attempt.said_type = said_type if said_rupture else ""
    attempt.said_markers = sorted(set(said_markers)) if said_rupture else []
    attempt.recognition_score = attempt.recognition().score
    if attempt.version.is_foil:
        attempt.status = AttemptStatus.DONE
        attempt.finished_at = timezone.now()
    else:
        attempt.status = AttemptStatus.REPAIRING
    attempt.save()
    return attempt


class TryNumberAhead(Exception):
    """The form names a try beyond the next one: it did not come from the step page as shown.

    `coming` is the number the next try takes.
    """

    def __init__(self, coming: int) -> None:
        super().__init__(f"the next try is {coming}")
        self.coming = coming


@transaction.atomic
def attempt_submit_step(
    *, attempt: Attempt, step: Step, text: str, try_number: int
) -> StepResponse:
    """Score one try at a step and store it with the attempt's new totals, at most once per try.

    `try_number` is the try the page offered. The same text sent again for it
    (a double click, a resent or reloaded form) returns the try stored the
    first time, even when later tries followed. A different text sent with an
    earlier number (a second tab, submits racing each other) is stored as the
    next try, so nothing typed is lost. A number beyond the next one is
    refused with TryNumberAhead and nothing is stored. `attempt` leaves with
    the status, total and finish time stored, and with `tries`: its every try
    as this transaction leaves them, as `StepResponse.objects.tries_of(attempt,
    shown=step.pk)` reads them but with a new try last (the step page drawn
    next needs no read of its own). The scenario's criteria are those of the
    attempt's version; the rubric is the newest version (as
    `attempt.rubric_digest` names it when the attempt was read with it), and
    the try records which one it was.
    """
    scenario = version_rubric(attempt.version)
    rubric = rubric_current(getattr(attempt, "rubric_digest", UNREAD))
    assessment = assess(step.name, text, scenario=scenario, rubric=rubric)
    # Scored before the lock, so the lock is held only while writing. Every
    # writer of responses takes this lock first, so the tries read next stay
    # as read until commit: no two submits can number a try alike.
    _attempt_lock(attempt)
    attempt.tries, stored = _locked_tries(attempt, step)
    mine = [r for r in attempt.tries if r.step_id == step.pk]
    resent = _resent(mine, text=text, try_number=try_number)
    if resent is not None:
        return resent
    coming = max((r.try_number for r in mine), default=0) + 1
    if try_number > coming:
        raise TryNumberAhead(coming)
    response = StepResponse(
        attempt=attempt, step=step, try_number=coming, text=text, **_response_fields(assessment)
    )
    _insert_response(response, connection)
    response.step_name = step.name
    attempt.tries.append(response)
    # The step counts with its best own try, the later of equal scores (see
    # StepResult): only a try in the trainee's own words scoring at least the
    # best so far changes what counts, and so the totals. A weaker try or a
    # copy leaves both as they are, and the attempt as the lock read it; the
    # attempt's first try of any kind sets its total (0 until one counts).
    best = max((r.score for r in mine if not r.copy_of), default=None)
    counts = not response.copy_of and (best is None or response.score >= best)
    if counts:
        StepResult.objects.record_try(response, stored=stored)
    if counts or attempt.total_score is None:
        attempt_update_totals(attempt)
    return response


def _resent(tries: list[StepResponse], *, text: str, try_number: int) -> StepResponse | None:
    """The newest of the step's tries at or after the number offered with this very text."""
    same = [r for r in tries if r.try_number >= try_number and r.text == text]
    return max(same, key=attrgetter("pk"), default=None)


# Read under the attempt's lock: every try of the attempt, as the step page
# draws them (see StepResponseQuerySet.tries_of), and on the step's own tries
# its StepResult as record_try compares a new best with it (its id, the
# supervisor's level, its try's score and number). The step's tries say what
# the new one is numbered, whether it is a resent form, and the best so far;
# with the new one, all of them are what the page shows next, so it reads no
# tries after the commit. Plain SQL for the CPU, as the submit's other reads
# (see models/rows.py).
@cache
def _locked_tries_sql(vendor: str) -> str:
    quote = connection.ops.quote_name
    responses, results = StepResponse._meta.db_table, StepResult._meta.db_table
    return f"""
SELECT {try_columns(shown=True)}, res.id, res.reviewed_level, b.score, b.try_number
FROM {responses} r
JOIN {Step._meta.db_table} s ON s.id = r.step_id
LEFT JOIN {results} res
       ON res.attempt_id = r.attempt_id AND res.step_id = r.step_id AND r.step_id = %(shown)s
LEFT JOIN {responses} b ON b.id = res.response_id
WHERE r.attempt_id = %(attempt)s
ORDER BY s.{quote("order")}, r.try_number
"""


def _locked_tries(attempt: Attempt, step: Step) -> tuple[list[StepResponse], StoredResult | None]:
    """Every try of the attempt, and the step's stored result (None: none yet)."""
    with connection.cursor() as cursor:
        cursor.execute(
            _locked_tries_sql(connection.vendor), {"attempt": attempt.pk, "shown": step.pk}
        )
        rows = cursor.fetchall()
    stored = next((StoredResult(*row[-4:]) for row in rows if row[-4] is not None), None)
    return [try_from_row(row, step.pk) for row in rows], stored


# StepResponse.objects.create(...) in plain SQL: the ORM's INSERT compiler
# cost more CPU than the statement did in the database, on every submit.
_insert_response = Insert(StepResponse)


def _response_fields(assessment: Assessment) -> dict[str, object]:
    """The engine's verdict as StepResponse columns; the JSON ones are its own types, as dicts."""
    return {
        "score": assessment.score,
        "level": assessment.level,
        "pitfalls": sorted(assessment.pitfalls),
        "criteria": [_as_dict(criterion) for criterion in assessment.criteria],
        "feedback": {
            **_as_dict(assessment.feedback),
            "pitfalls": [_as_dict(hit) for hit in assessment.pitfall_hits],
        },
        "engine_version": assessment.engine_version,
        "rubric_version": assessment.rubric_version,
        "copy_of": assessment.copy_of or "",
    }


def _as_dict(result: object) -> dict[str, object]:
    """`dataclasses.asdict(result)` for the engine's result types, which nest no dataclass.

    Their fields hold strings, numbers and tuples of (start, end) spans: immutable,
    so the values are shared where asdict would copy them one by one (a few
    hundred recursive calls per submit), and the JSON stored is the same.
    """
    return {name: getattr(result, name) for name in _field_names(type(result))}


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


_LOCKED = Columns(Attempt, "a", only=("status", "total_score", "finished_at"))


@cache
def _lock_sql(vendor: str) -> str:
    # Plain SQL for the CPU, as _STEP_TRIES. SQLite has no FOR UPDATE, and
    # needs none: a writing transaction there holds the whole database.
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    return (
        f"SELECT {_LOCKED.sql(connection)} FROM {Attempt._meta.db_table} a WHERE a.id = %s{lock}"
    )


def _attempt_lock(attempt: Attempt) -> None:
    """Lock the attempt's row for this transaction and refresh what the totals change.

    Two submits to one attempt (two tabs) then take turns: the second one's
    totals, computed after the first has committed, count both answers.
    """
    with connection.cursor() as cursor:
        cursor.execute(_lock_sql(connection.vendor), [attempt.pk])
        row = cursor.fetchone()
    if row is None:
        raise Attempt.DoesNotExist
    attempt.status, attempt.total_score, attempt.finished_at = _LOCKED.values(row, 0, connection)


# One UPDATE computes the total from every step's recorded score (the best try
# in the trainee's own words, or the supervisor's level: see models/results.py),
# finishes the attempt once all five steps have one, and returns what the page
# shows. Plain SQL (UPDATE ... FROM ... RETURNING: PostgreSQL, and SQLite >=
# 3.35): the ORM cannot join an aggregate into an UPDATE, nor return from one.
_UPDATE_TOTALS = f"""
UPDATE {Attempt._meta.db_table}
SET total_score = ROUND(agg.total / {float(len(STEPS))}),
    status = CASE WHEN agg.n = {len(STEPS)} THEN %s ELSE status END,
    finished_at = CASE WHEN agg.n = {len(STEPS)} AND finished_at IS NULL THEN %s
                       ELSE finished_at END
FROM (
    SELECT COUNT(*) AS n, COALESCE(SUM(score), 0) AS total
    FROM {StepResult._meta.db_table} WHERE attempt_id = %s
) AS agg
WHERE id = %s
RETURNING status, total_score
"""


def attempt_update_totals(attempt: Attempt) -> None:
    """Recompute the attempt's total from its steps' recorded scores; the caller holds its lock."""
    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(_UPDATE_TOTALS, [AttemptStatus.DONE.value, now, attempt.pk, attempt.pk])
        attempt.status, attempt.total_score = cursor.fetchone()
    # What the CASE above wrote: the row is locked, so finished_at is as read.
    if attempt.status == AttemptStatus.DONE and attempt.finished_at is None:
        attempt.finished_at = now


def draft_save(*, attempt: Attempt, step: Step, text: str, try_number: int) -> StepDraft:
    """Keep what the trainee is typing for try `try_number` of the step.

    A draft belongs to one try: once that try is submitted the draft is simply
    outdated, so submitting never has to clear it. One statement (an upsert on
    the draft's unique attempt and step): autosaves run every few keystrokes,
    and two racing ones cannot collide.
    """
    draft = StepDraft(attempt=attempt, step=step, text=text, try_number=try_number)
    StepDraft.objects.bulk_create(
        [draft],
        update_conflicts=True,
        unique_fields=["attempt", "step"],
        update_fields=["text", "try_number", "updated_at"],
    )
    return draft


def attempt_reflect(*, attempt: Attempt, difficulty_rating: str, journal: str) -> Attempt:
    """Store the end-of-attempt journal, and the self-rating when one is given.

    The rating is optional: a reflection saved without one keeps any rating
    given before (radio buttons offer no way to take one back anyway).
    """
    attempt.journal = journal
    if difficulty_rating:
        attempt.difficulty_rating = difficulty_rating
    attempt.save(update_fields=["difficulty_rating", "journal"])
    return attempt
